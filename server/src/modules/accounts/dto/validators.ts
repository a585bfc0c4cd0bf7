import { ValidateBy, type ValidationOptions } from 'class-validator';
import { validateIdNumber, validateMobile } from '@jiuzhu/shared';

/** A member's ID number (18-character resident ID or 20/22-digit disability certificate), with the reason. */
export function IsMemberIdNumber(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMemberIdNumber',
      validator: {
        validate: (value: unknown) => validateIdNumber(value).valid,
        defaultMessage: (args) => {
          const result = validateIdNumber(args?.value);
          return result.valid ? '身份证号码格式不正确' : result.reason;
        },
      },
    },
    options,
  );
}

/** A mainland mobile number (11 digits; +86, spaces and dashes allowed). */
export function IsMobile(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isMobile',
      validator: {
        validate: (value: unknown) => validateMobile(value).valid,
        defaultMessage: (args) => {
          const result = validateMobile(args?.value);
          return result.valid ? '手机号码格式不正确' : result.reason;
        },
      },
    },
    options,
  );
}

export const USERNAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{2,31}$/;
export const USERNAME_MESSAGE = '用户名为3至32位字母、数字或 _ . -，以字母或数字开头';
export const REGION_CODE_PATTERN = /^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})$/;
export const REGION_CODE_MESSAGE = '地区代码应为2、4、6、9、12或15位数字';
