import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';
import { WORKFLOW_SETTING_DEFINITIONS as D } from '../workflow-settings.js';
import { ANY_REGION, SETTINGS_REGION } from './monitoring-line.dto.js';

const bounds = (key: keyof typeof D) => [
  IsInt({ message: `${D[key].label}必须是整数` }),
  Min(D[key].min, { message: `${D[key].label}不能少于 ${D[key].min} ${D[key].unit}` }),
  Max(D[key].max, { message: `${D[key].label}不能超过 ${D[key].max} ${D[key].unit}` }),
];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));
const doc = (key: keyof typeof D) =>
  ApiPropertyOptional({ nullable: true, type: Number, minimum: D[key].min, maximum: D[key].max, description: `${D[key].label}（${D[key].unit}）；null 取消本地区的设置` });

/** The values to set for one region; a null removes the region's own value (the level above applies again). */
export class WorkflowSettingValuesDto {
  @doc('decisionDays') @IsOptional() @apply(bounds('decisionDays')) decisionDays?: number | null;
  @doc('analysisWorkingDays') @IsOptional() @apply(bounds('analysisWorkingDays')) analysisWorkingDays?: number | null;
  @doc('minNoticeDays') @IsOptional() @apply(bounds('minNoticeDays')) minNoticeDays?: number | null;
  @doc('escalateAfterDays') @IsOptional() @apply(bounds('escalateAfterDays')) escalateAfterDays?: number | null;
  @doc('ticketAckWorkingDays') @IsOptional() @apply(bounds('ticketAckWorkingDays')) ticketAckWorkingDays?: number | null;
}

export class PutWorkflowSettingsDto {
  @ApiProperty({ description: '全省（2 位）、州市（4 位）或县（6 位）代码', example: '5301' })
  @Matches(SETTINGS_REGION, { message: '地区代码应为省（2 位）、州市（4 位）或县（6 位）代码' })
  regionCode: string;

  @ApiProperty({ type: WorkflowSettingValuesDto })
  @IsDefined({ message: '请填写要修改的设置' })
  @IsObject({ message: '设置必须是对象' })
  @ValidateNested()
  @Type(() => WorkflowSettingValuesDto)
  values: WorkflowSettingValuesDto;
}

export class WorkflowSettingsQueryDto {
  @ApiProperty({ description: '地区代码（任一级）：返回在该地区生效的设置', example: '530102' })
  @Matches(ANY_REGION, { message: '地区代码应为 2 至 15 位数字' })
  region: string;
}

export class WorkflowSettingItemDto {
  @ApiProperty({ example: 'decisionDays' }) key: string;
  @ApiProperty({ example: '从发现线索到县级确定的期限' }) label: string;
  @ApiProperty({ example: '天' }) unit: string;
  @ApiProperty({ example: 15 }) value: number;
  @ApiProperty({ description: '该值设定在哪一级（省、州市或县代码）', example: '53' }) sourceRegionCode: string;
  @ApiProperty({ description: '是否为本地区自己的设置' }) own: boolean;
  @ApiProperty({ minimum: 1 }) min: number;
  @ApiProperty() max: number;
}

export class WorkflowSettingsValuesDto {
  @ApiProperty() decisionDays: number;
  @ApiProperty() analysisWorkingDays: number;
  @ApiProperty() minNoticeDays: number;
  @ApiProperty() escalateAfterDays: number;
  @ApiProperty() ticketAckWorkingDays: number;
}

export class WorkflowSettingsDto {
  @ApiProperty({ example: '530102' }) regionCode: string;
  @ApiProperty({ type: WorkflowSettingsValuesDto, description: '在该地区生效的值' }) settings: WorkflowSettingsValuesDto;
  @ApiProperty({ type: [WorkflowSettingItemDto] }) items: WorkflowSettingItemDto[];
}
