import { Injectable, PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { validationFailed } from '../../common/errors/app.exception.js';
import { flatten } from '../../common/http/validation.js';
import { SubmitScreeningResultsDto } from './dto/screening-input.dto.js';

/** results.2.checklist.food → results[2].checklist.food */
export const bracketIndexes = (field: string) => field.replace(/\.([0-9]+)(?=\.|$)/g, '[$1]');

/**
 * The shape of POST /screening/results, checked as a whole before any item is stored: a bad shape is a 400 whose
 * details name each field as `results[2].checklist` and say which item (第3条) in the message. The handler's
 * parameter is typed with an interface so the global ValidationPipe leaves the body to this pipe.
 */
@Injectable()
export class ScreeningResultsBodyPipe implements PipeTransform<unknown, Promise<SubmitScreeningResultsDto>> {
  async transform(value: unknown): Promise<SubmitScreeningResultsDto> {
    const body = value && typeof value === 'object' && !Array.isArray(value) ? value : {};
    const instance = plainToInstance(SubmitScreeningResultsDto, body, { enableImplicitConversion: false });
    const errors = await validate(instance, {
      whitelist: true,
      forbidNonWhitelisted: true,
      validationError: { target: false, value: false },
    });
    if (errors.length) {
      throw validationFailed(
        flatten(errors).map((detail) => {
          const field = bracketIndexes(detail.field ?? '');
          const item = /^results\[([0-9]+)\]/.exec(field);
          return { ...detail, field, message: item ? `第${Number(item[1]) + 1}条：${detail.message}` : detail.message };
        }),
      );
    }
    return instance;
  }
}

/** The body as the handler receives it (an interface, so the global pipe does not validate it a second time). */
export type SubmitScreeningResultsBody = Pick<SubmitScreeningResultsDto, 'results'>;
