import { registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';
import { Relation, validateIdNumber, validateMobile } from '@jiuzhu/shared';

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

/** A household's members list holds exactly one head (HEAD); reported with the other field errors. */
export const HasExactlyOneHead = (options?: ValidationOptions): PropertyDecorator => (object: object, propertyName: string | symbol) =>
  registerDecorator({
    name: 'hasExactlyOneHead',
    target: object.constructor,
    propertyName: propertyName as string,
    options,
    validator: {
      validate: (value: unknown) => !Array.isArray(value) || headCount(value) === 1,
      defaultMessage: (args?: ValidationArguments) => {
        const heads = Array.isArray(args?.value) ? headCount(args.value) : 0;
        return heads === 0 ? '须登记一名户主（与户主关系为“户主”）' : `每户只能有一名户主，现有${heads}名`;
      },
    },
  });

const headCount = (members: unknown[]) =>
  members.filter((m) => typeof m === 'object' && m !== null && (m as { relation?: unknown }).relation === Relation.HEAD).length;
