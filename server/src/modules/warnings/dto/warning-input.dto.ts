import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEnum, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, ValidateIf } from 'class-validator';
import { RiskType, WarningAction, WarningSeverity, WarningStatus } from '@jiuzhu/shared';
import { PageQueryDto } from '../../../common/http/pagination.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const MONTH = /^[0-9]{4}-(0[1-9]|1[0-2])$/;
const REGION_PREFIX = /^(|[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})$/;

export class WarningListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '状态，可逗号分隔多个，如 NEW,VERIFYING', example: 'NEW,VERIFYING' })
  @IsOptional()
  @Matches(/^(NEW|VERIFYING|DISMISSED|CASE_OPENED)(,(NEW|VERIFYING|DISMISSED|CASE_OPENED))*$/, { message: '状态应为 NEW、VERIFYING、DISMISSED、CASE_OPENED（可逗号分隔）' })
  status?: string;

  @ApiPropertyOptional({ description: '地区代码（须在辖区内）', example: '530129103201' })
  @IsOptional()
  @Matches(/^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})$/, { message: '地区代码应为2至15位数字' })
  region?: string;

  @ApiPropertyOptional({ example: 'MEDICAL_SELF_PAID' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  dataset?: string;

  @ApiPropertyOptional({ enum: WarningSeverity, enumName: 'WarningSeverity' })
  @IsOptional()
  @IsEnum(WarningSeverity, { message: '级别应为 HIGH、MEDIUM 或 LOW' })
  severity?: WarningSeverity;

  @ApiPropertyOptional({ example: '2025-06' })
  @IsOptional()
  @Matches(MONTH, { message: '月份应为 YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ description: '户编号，或户主/当事人姓名（前缀）' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(50)
  q?: string;
}

export class WarningActionDto {
  @ApiProperty({ enum: WarningAction, enumName: 'WarningAction', description: 'verify 开始核实；dismiss 排除（须填理由）；open-case 立案（进入申报环节，来源：部门预警）' })
  @IsEnum(WarningAction, { message: '操作应为 verify、dismiss 或 open-case' })
  action: WarningAction;

  @ApiProperty({ description: '预警的当前版本号（防止两人同时处理）' })
  @Type(() => Number)
  @IsInt({ message: '版本号必须是整数' })
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: '排除理由（dismiss 必填），或立案说明' })
  // required for dismiss: the service names the field when it is missing (one message, not one per rule)
  @ValidateIf((o: WarningActionDto) => o.reason !== undefined && o.reason !== null)
  @Transform(trim)
  @IsString({ message: '理由必须是文字' })
  @MaxLength(500, { message: '理由最多500个字' })
  reason?: string;
}

export class WarningRuleListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'MEDICAL_SELF_PAID' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  dataset?: string;

  @ApiPropertyOptional({ description: 'true 只看启用的' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean({ message: 'active 应为 true 或 false' })
  active?: boolean;
}

export class CreateWarningRuleDto {
  @ApiProperty({ example: 'MEDICAL_SELF_PAID_MONITORED_530129' })
  @Matches(/^[A-Z][A-Z0-9_]{2,59}$/, { message: '规则代码为3至60位大写字母、数字或下划线，以字母开头' })
  code: string;

  @ApiProperty({ example: 'MEDICAL_SELF_PAID' })
  @IsString({ message: '数据集必须是文字' })
  @MaxLength(40)
  dataset: string;

  @ApiProperty({ example: '监测户住院自付超过6000元' })
  @Transform(trim)
  @IsString({ message: '名称必须是文字' })
  @Matches(/\S/, { message: '名称不能为空' })
  @MaxLength(100, { message: '名称最多100个字' })
  name: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { all: [{ field: '自付费用', op: '>', value: 6000 }], householdIs: 'MONITORED' } })
  @IsObject({ message: '条件必须是对象' })
  condition: Record<string, unknown>;

  @ApiProperty({ enum: WarningSeverity, enumName: 'WarningSeverity' })
  @IsEnum(WarningSeverity, { message: '级别应为 HIGH、MEDIUM 或 LOW' })
  severity: WarningSeverity;

  @ApiProperty({ enum: RiskType, enumName: 'RiskType' })
  @IsEnum(RiskType, { message: '风险类型不是允许的取值' })
  riskType: RiskType;

  @ApiPropertyOptional({ description: "适用地区（代码前缀）；'' 为全省（仅省级管理员）；县级干部只能是本县或其下", example: '530129' })
  @IsOptional()
  @Matches(REGION_PREFIX, { message: '地区代码应为空或2至15位数字' })
  regionCode?: string;

  @ApiProperty({ example: '2025-07-01', description: '自该日起比对的批次适用' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '生效日期应为 YYYY-MM-DD' })
  validFrom: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean({ message: '是否启用应为 true 或 false' })
  active?: boolean;
}

export class UpdateWarningRuleDto {
  @ApiProperty({ description: '规则的当前版本号' })
  @Type(() => Number)
  @IsInt({ message: '版本号必须是整数' })
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '名称必须是文字' })
  @Matches(/\S/, { message: '名称不能为空' })
  @MaxLength(100, { message: '名称最多100个字' })
  name?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject({ message: '条件必须是对象' })
  condition?: Record<string, unknown>;

  @ApiPropertyOptional({ enum: WarningSeverity, enumName: 'WarningSeverity' })
  @IsOptional()
  @IsEnum(WarningSeverity, { message: '级别应为 HIGH、MEDIUM 或 LOW' })
  severity?: WarningSeverity;

  @ApiPropertyOptional({ enum: RiskType, enumName: 'RiskType' })
  @IsOptional()
  @IsEnum(RiskType, { message: '风险类型不是允许的取值' })
  riskType?: RiskType;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(REGION_PREFIX, { message: '地区代码应为空或2至15位数字' })
  regionCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: '生效日期应为 YYYY-MM-DD' })
  validFrom?: string;

  @ApiPropertyOptional({ description: 'false 停用' })
  @IsOptional()
  @IsBoolean({ message: '是否启用应为 true 或 false' })
  active?: boolean;
}

export class FeedbackQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'MEDICAL_SELF_PAID' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  dataset?: string;

  @ApiPropertyOptional({ example: '2025-06' })
  @IsOptional()
  @Matches(MONTH, { message: '月份应为 YYYY-MM' })
  month?: string;

  @ApiPropertyOptional({ enum: WarningStatus, enumName: 'WarningStatus' })
  @IsOptional()
  @IsIn(Object.values(WarningStatus), { message: '状态不是允许的取值' })
  status?: WarningStatus;
}
