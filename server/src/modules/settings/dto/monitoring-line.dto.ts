import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination.js';

export const SETTINGS_REGION = /^\d{2}(\d{2}){0,2}$/;
export const ANY_REGION = /^\d{2,15}$/;
export const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class MonitoringLineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '地区代码：列出适用于该地区的监测线（上级的和其下各地的）', example: '5301' })
  @IsOptional()
  @Matches(ANY_REGION, { message: '地区代码应为 2 至 15 位数字' })
  region?: string;

  @ApiPropertyOptional({ description: '年份', example: 2025 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '年份必须是整数' })
  @Min(2000, { message: '年份不能早于 2000 年' })
  @Max(2100, { message: '年份不能晚于 2100 年' })
  year?: number;
}

export class PutMonitoringLineDto {
  @ApiProperty({ description: '全省（2 位）、州市（4 位）或县（6 位）代码', example: '53' })
  @Matches(SETTINGS_REGION, { message: '地区代码应为省（2 位）、州市（4 位）或县（6 位）代码' })
  regionCode: string;

  @ApiProperty({ example: 2025 })
  @IsInt({ message: '年份必须是整数' })
  @Min(2000, { message: '年份不能早于 2000 年' })
  @Max(2100, { message: '年份不能晚于 2100 年' })
  year: number;

  @ApiProperty({ description: '监测线（元/人/年）', example: 8700 })
  @IsInt({ message: '监测线必须是整数（元）' })
  @Min(1, { message: '监测线必须大于 0' })
  @Max(1_000_000, { message: '监测线不能超过 1000000 元' })
  amount: number;

  @ApiPropertyOptional({ description: '依据（文件名称）', maxLength: 200 })
  @IsOptional()
  @IsString({ message: '依据必须是文字' })
  @MaxLength(200, { message: '依据最多 200 字' })
  note?: string | null;
}

export class MonitoringLineInForceQueryDto {
  @ApiProperty({ description: '地区代码（任一级，至网格）', example: '530102001001' })
  @Matches(ANY_REGION, { message: '地区代码应为 2 至 15 位数字' })
  region: string;

  @ApiProperty({ description: '日期 YYYY-MM-DD（如调查日期）', example: '2025-06-30' })
  @Matches(DATE, { message: '日期格式应为 YYYY-MM-DD' })
  date: string;
}

export class MonitoringLineDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '53' }) regionCode: string;
  @ApiProperty({ nullable: true, type: String, example: '云南省' }) regionName: string | null;
  @ApiProperty({ example: 2025 }) year: number;
  @ApiProperty({ description: '元/人/年', example: 8700 }) amount: number;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ nullable: true, type: String, description: '最后修改人账号（种子数据为空）' }) updatedBy: string | null;
  @ApiProperty() updatedAt: string;
}

export class MonitoringLinePageDto {
  @ApiProperty({ type: [MonitoringLineDto] }) items: MonitoringLineDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class MonitoringLineInForceDto {
  @ApiProperty({ description: '所用监测线的年份（不晚于日期所在年份的最近一年）', example: 2025 }) year: number;
  @ApiProperty({ description: '元/人/年', example: 8700 }) amount: number;
  @ApiProperty({ description: '设定该监测线的地区（省、州市或县）', example: '53' }) regionCode: string;
}
