import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsISO8601, Matches } from 'class-validator';

/** Trims strings (whitespace-only text counts as empty). */
export const Trim = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A calendar date 'YYYY-MM-DD' that exists (2025-02-30 does not). */
export const IsDateOnly = (label: string) =>
  applyDecorators(
    Matches(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { message: `${label}格式应为 YYYY-MM-DD` }),
    IsISO8601({ strict: true }, { message: `${label}不是有效日期` }),
  );
