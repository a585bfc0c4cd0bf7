import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination.js';
import { CalendarDayKind } from '../entities/calendar-day.entity.js';
import { DATE } from './monitoring-line.dto.js';

export class CalendarQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份必须是整数' })
  @Min(2000, { message: '年份不能早于 2000 年' })
  @Max(2100, { message: '年份不能晚于 2100 年' })
  year?: number;

  @ApiPropertyOptional({ description: '起始日期 YYYY-MM-DD（含）' })
  @IsOptional()
  @Matches(DATE, { message: '起始日期格式应为 YYYY-MM-DD' })
  from?: string;

  @ApiPropertyOptional({ description: '截止日期 YYYY-MM-DD（含）' })
  @IsOptional()
  @Matches(DATE, { message: '截止日期格式应为 YYYY-MM-DD' })
  to?: string;

  @ApiPropertyOptional({ enum: CalendarDayKind })
  @IsOptional()
  @IsEnum(CalendarDayKind, { message: '类型应为 HOLIDAY（放假）或 WORKDAY（调休上班）' })
  kind?: CalendarDayKind;
}

export class PutCalendarDayDto {
  @ApiProperty({ example: '2026-10-08' })
  @Matches(DATE, { message: '日期格式应为 YYYY-MM-DD' })
  date: string;

  @ApiProperty({ enum: CalendarDayKind, description: 'HOLIDAY 放假（含工作日）；WORKDAY 调休上班（含周末）' })
  @IsEnum(CalendarDayKind, { message: '类型应为 HOLIDAY（放假）或 WORKDAY（调休上班）' })
  kind: CalendarDayKind;

  @ApiProperty({ example: '国庆节', maxLength: 50 })
  @IsString({ message: '名称必须是文字' })
  @IsNotEmpty({ message: '请填写节日名称' })
  @MaxLength(50, { message: '名称最多 50 字' })
  name: string;
}

export class CalendarDayDto {
  @ApiProperty({ example: '2026-10-01' }) date: string;
  @ApiProperty({ enum: CalendarDayKind }) kind: CalendarDayKind;
  @ApiProperty({ example: '放假' }) kindLabel: string;
  @ApiProperty({ example: '国庆节' }) name: string;
  @ApiProperty({ description: '星期（1 周一 … 7 周日）', example: 4 }) weekday: number;
  @ApiProperty({ nullable: true, type: String }) updatedBy: string | null;
  @ApiProperty() updatedAt: string;
}

export class CalendarPageDto {
  @ApiProperty({ type: [CalendarDayDto] }) items: CalendarDayDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
