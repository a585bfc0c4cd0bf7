import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorDetail, validationFailed } from '../errors/app.exception.js';

const CJK = /[\u4e00-\u9fff]/;

// Fallbacks when a DTO decorator has no Chinese message of its own.
const GENERIC: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isNotEmpty: '不能为空',
  isDefined: '必须填写',
  isString: '必须是文字',
  isInt: '必须是整数',
  isNumber: '必须是数字',
  isBoolean: '必须是是或否',
  isEnum: '不是允许的取值',
  isIn: '不是允许的取值',
  isDateString: '日期格式不正确',
  isISO8601: '日期格式不正确',
  isUUID: '编号格式不正确',
  isArray: '必须是列表',
  min: '数值过小',
  max: '数值过大',
  minLength: '内容过短',
  maxLength: '内容过长',
  arrayMaxSize: '数量过多',
  arrayMinSize: '数量不足',
  matches: '格式不正确',
  nestedValidation: '内容有误',
};

/** class-validator errors as `details` (dotted field paths, Chinese messages); also for bodies validated by hand. */
export function flatten(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, raw] of Object.entries(error.constraints ?? {})) {
      const message = CJK.test(raw) ? raw : `${field}：${GENERIC[constraint] ?? '内容有误'}`;
      out.push({ field, message, constraint });
    }
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

/** Global validation: unknown fields are refused, every failing field is listed in `details`. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationFailed(flatten(errors)),
  });
}
