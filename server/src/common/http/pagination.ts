import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export const MAX_PAGE_SIZE = 100;

/** `?page=&pageSize=` of every list endpoint (extend it with the list's own filters). */
export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1, description: '页码，从 1 开始' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码必须是整数' })
  @Min(1, { message: '页码最小为 1' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 20, description: '每页条数，最多 100' })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数必须是整数' })
  @Min(1, { message: '每页条数最小为 1' })
  @Max(MAX_PAGE_SIZE, { message: `每页条数最多为 ${MAX_PAGE_SIZE}` })
  pageSize?: number;
}

/** Every list response: one page of items plus the total that matched. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** page/pageSize with defaults, and the OFFSET to use. */
export function pageOf(query: PageQueryDto, defaultPageSize = 20): { page: number; pageSize: number; offset: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? defaultPageSize;
  return { page, pageSize, offset: (page - 1) * pageSize };
}
