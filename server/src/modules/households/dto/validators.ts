import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { validateIdNumber, validateMobile } from '@jiuzhu/shared';

type Check = (value: unknown) => { valid: true } | { valid: false; reason: string };

// The shared validators give the reason in Chinese; it becomes the field's message.
function fromShared(name: string, check: Check, options?: ValidationOptions): PropertyDecorator {
  return (object: object, propertyName: string | symbol) =>
    registerDecorator({
      name,
      target: object.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => check(value).valid,
        defaultMessage: (args?: ValidationArguments) => {
          const result = check(args?.value);
          return result.valid ? '' : result.reason;
        },
      },
    });
}

/** An 18-character resident ID (GB 11643 check digit) or a 20/22-digit disability certificate number. */
export const IsIdNumber = (options?: ValidationOptions) => fromShared('isIdNumber', validateIdNumber, options);

/** A mainland mobile number (11 digits, 1[3-9]...; +86, spaces and dashes allowed). */
export const IsMobile = (options?: ValidationOptions) => fromShared('isMobile', validateMobile, options);
