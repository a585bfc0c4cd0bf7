import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { MAX_RISK_TYPES, RiskType } from '@jiuzhu/shared';
import { PageQueryDto } from '../../../common/http/pagination.js';
import { ContactMode } from '../entities/screening-result.entity.js';
import { ScreeningTaskStatus } from '../entities/screening-task.entity.js';
import { MONTH_PATTERN } from '../screening-scope.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
// an empty text is no text
const trimToNull = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() || null : value);

export const MAX_TASK_PAGE_SIZE = 500;
/** A region code of any level: province 2, prefecture 4, county 6, township 9, village 12, grid 15 digits. */
const REGION_CODE = /^(?:[0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})$/;
export const MAX_RESULTS_PER_REQUEST = 100;
export const MAX_SCREENING_PHOTOS = 9;

const Month = () => Matches(MONTH_PATTERN, { message: '月份格式应为 YYYY-MM' });

export class GenerateRoundsDto {
  @ApiPropertyOptional({ description: '月份 YYYY-MM，默认本月（中国时间）；最晚到下个月', example: '2025-06' })
  @IsOptional()
  @Month()
  month?: string;

  @ApiPropertyOptional({ description: '只生成此地区（县6位或其下级，须在辖区内）；管理员不填为其辖区的所有县', example: '530129' })
  @IsOptional()
  @Matches(REGION_CODE, { message: '地区代码应为2、4、6、9、12或15位数字' })
  region?: string;
}

export class TaskListQueryDto {
  @ApiPropertyOptional({ description: '月份 YYYY-MM，默认本月', example: '2025-06' })
  @IsOptional()
  @Month()
  month?: string;

  @ApiPropertyOptional({ description: '只看一个网格（15位）或村（12位），须在辖区内', example: '530129103201001' })
  @IsOptional()
  @Matches(/^(?:[0-9]{12}|[0-9]{15})$/, { message: '网格代码应为15位（或村12位）数字' })
  grid?: string;

  @ApiPropertyOptional({ enum: ScreeningTaskStatus, enumName: 'ScreeningTaskStatus' })
  @IsOptional()
  @IsEnum(ScreeningTaskStatus, { message: '任务状态只能是 TODO、DONE 或 CONFLICT' })
  status?: ScreeningTaskStatus;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '页码必须是整数' })
  @Min(1, { message: '页码最小为 1' })
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_TASK_PAGE_SIZE, default: 100, description: `每页条数，最多 ${MAX_TASK_PAGE_SIZE}（离线下载整月任务用）` })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: '每页条数必须是整数' })
  @Min(1, { message: '每页条数最小为 1' })
  @Max(MAX_TASK_PAGE_SIZE, { message: `每页条数最多为 ${MAX_TASK_PAGE_SIZE}` })
  pageSize?: number;
}

/** 两不愁三保障 and drinking water: true 有保障, false 有问题. */
export class ScreeningChecklistDto {
  @ApiProperty({ description: '不愁吃（true 有保障，false 有问题）' })
  @IsBoolean({ message: '“不愁吃”须选择有保障或有问题' })
  food: boolean;

  @ApiProperty({ description: '不愁穿' })
  @IsBoolean({ message: '“不愁穿”须选择有保障或有问题' })
  clothing: boolean;

  @ApiProperty({ description: '义务教育有保障' })
  @IsBoolean({ message: '“义务教育”须选择有保障或有问题' })
  compulsoryEducation: boolean;

  @ApiProperty({ description: '基本医疗有保障' })
  @IsBoolean({ message: '“基本医疗”须选择有保障或有问题' })
  basicMedical: boolean;

  @ApiProperty({ description: '住房安全有保障' })
  @IsBoolean({ message: '“住房安全”须选择有保障或有问题' })
  housingSafety: boolean;

  @ApiProperty({ description: '饮水安全有保障' })
  @IsBoolean({ message: '“饮水安全”须选择有保障或有问题' })
  drinkingWater: boolean;
}

export class ScreeningLocationDto {
  @ApiProperty({ description: '纬度', example: 25.55 })
  @IsNumber({}, { message: '纬度应为数字' })
  @Min(-90, { message: '纬度超出范围' })
  @Max(90, { message: '纬度超出范围' })
  latitude: number;

  @ApiProperty({ description: '经度', example: 103.25 })
  @IsNumber({}, { message: '经度应为数字' })
  @Min(-180, { message: '经度超出范围' })
  @Max(180, { message: '经度超出范围' })
  longitude: number;

  @ApiPropertyOptional({ description: '定位精度（米）', example: 30 })
  @IsOptional()
  @IsNumber({}, { message: '定位精度应为数字' })
  @Min(0, { message: '定位精度不能为负' })
  @Max(100000, { message: '定位精度超出范围' })
  accuracy?: number | null;
}

export class ScreeningResultInputDto {
  @ApiProperty({ format: 'uuid', description: '手机记录该结果时生成的编号；重发同一编号只保存一次' })
  @IsUUID('all', { message: '客户端编号（clientId）格式不正确' })
  clientId: string;

  @ApiProperty({ format: 'uuid', description: '筛查任务' })
  @IsUUID('all', { message: '任务编号格式不正确' })
  taskId: string;

  @ApiProperty({ description: '下载任务时该户的版本号（household.version）', example: 3 })
  @IsInt({ message: '户版本号必须是整数' })
  @Min(1, { message: '户版本号最小为 1' })
  baseHouseholdVersion: number;

  @ApiProperty({ description: '走访或通话时间（ISO 8601，带时区）', example: '2025-06-03T02:30:00.000Z' })
  @IsISO8601({ strict: true }, { message: '走访时间格式不正确' })
  visitedAt: string;

  @ApiProperty({ enum: ContactMode, enumName: 'ScreeningContactMode', description: 'VISIT 入户走访；PHONE 电话联系' })
  @IsEnum(ContactMode, { message: '联系方式只能是入户走访或电话联系' })
  contactMode: ContactMode;

  @ApiProperty({ description: '家中是否有人' })
  @IsBoolean({ message: '家中是否有人必须是是或否' })
  anyoneHome: boolean;

  @ApiProperty({ type: ScreeningChecklistDto, description: '两不愁三保障及饮水安全' })
  @IsNotEmpty({ message: '请填写两不愁三保障及饮水安全情况' })
  @ValidateNested()
  @Type(() => ScreeningChecklistDto)
  checklist: ScreeningChecklistDto;

  @ApiProperty({ description: '收入是否有明显变化' })
  @IsBoolean({ message: '收入是否变化必须是是或否' })
  incomeChanged: boolean;

  @ApiPropertyOptional({ description: '收入变化说明', maxLength: 500 })
  @IsOptional()
  @Transform(trimToNull)
  @IsString({ message: '收入变化说明必须是文字' })
  @MaxLength(500, { message: '收入变化说明最多500个字' })
  incomeNote?: string | null;

  @ApiProperty({ enum: RiskType, enumName: 'RiskType', isArray: true, description: `新发现的困难（风险类型，最多${MAX_RISK_TYPES}项；没有则为空列表）` })
  @IsArray({ message: '风险类型必须是列表' })
  @ArrayMaxSize(MAX_RISK_TYPES, { message: `风险类型最多${MAX_RISK_TYPES}项` })
  @ArrayUnique({ message: '风险类型不能重复' })
  @IsEnum(RiskType, { each: true, message: '风险类型不是允许的取值' })
  riskTypes: RiskType[];

  @ApiPropertyOptional({ description: '备注', maxLength: 500 })
  @IsOptional()
  @Transform(trimToNull)
  @IsString({ message: '备注必须是文字' })
  @MaxLength(500, { message: '备注最多500个字' })
  note?: string | null;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_SCREENING_PHOTOS, description: '照片（先 POST /files 上传）' })
  @IsOptional()
  @IsArray({ message: '照片必须是列表' })
  @ArrayMaxSize(MAX_SCREENING_PHOTOS, { message: `照片最多${MAX_SCREENING_PHOTOS}张` })
  @ArrayUnique({ message: '照片不能重复' })
  @IsUUID('all', { each: true, message: '照片编号格式不正确' })
  photoFileIds?: string[];

  @ApiPropertyOptional({ type: ScreeningLocationDto, nullable: true, description: '走访位置' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ScreeningLocationDto)
  location?: ScreeningLocationDto | null;
}

export class SubmitScreeningResultsDto {
  @ApiProperty({ type: [ScreeningResultInputDto], minItems: 1, maxItems: MAX_RESULTS_PER_REQUEST })
  @IsArray({ message: 'results 必须是列表' })
  @ArrayMinSize(1, { message: '至少提交一条筛查结果' })
  @ArrayMaxSize(MAX_RESULTS_PER_REQUEST, { message: `一次最多提交${MAX_RESULTS_PER_REQUEST}条筛查结果` })
  @ValidateNested({ each: true })
  @Type(() => ScreeningResultInputDto)
  results: ScreeningResultInputDto[];
}

export class ConflictListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '月份 YYYY-MM；不填为所有未处理的冲突', example: '2025-06' })
  @IsOptional()
  @Month()
  month?: string;
}

export enum ConflictResolutionChoice {
  KEEP = 'KEEP',
  DISCARD = 'DISCARD',
}

export class ResolveConflictDto {
  @ApiProperty({ enum: ConflictResolutionChoice, enumName: 'ConflictResolutionChoice', description: 'KEEP 保留（记为本月结果，有风险则立案）；DISCARD 作废' })
  @IsIn(Object.values(ConflictResolutionChoice), { message: '处理方式只能是 KEEP（保留）或 DISCARD（作废）' })
  resolution: ConflictResolutionChoice;

  @ApiPropertyOptional({ description: '处理说明', maxLength: 500 })
  @IsOptional()
  @Transform(trimToNull)
  @IsString({ message: '处理说明必须是文字' })
  @MaxLength(500, { message: '处理说明最多500个字' })
  note?: string | null;
}

export class ProgressQueryDto {
  @ApiPropertyOptional({ description: '月份 YYYY-MM，默认本月', example: '2025-06' })
  @IsOptional()
  @Month()
  month?: string;

  @ApiPropertyOptional({ description: '地区（须在辖区内），默认本人辖区；按其下一级汇总', example: '530129103' })
  @IsOptional()
  @Matches(REGION_CODE, { message: '地区代码应为2、4、6、9、12或15位数字' })
  region?: string;
}

export class ResultHistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: '一户的筛查记录（户页面）；不填为辖区内的全部' })
  @IsOptional()
  @IsUUID('all', { message: '户编号格式不正确' })
  householdId?: string;

  @ApiPropertyOptional({ description: '月份 YYYY-MM', example: '2025-06' })
  @IsOptional()
  @Month()
  month?: string;
}

export class ScopeQueryDto {
  @ApiProperty({ description: '省2位、州市4位或县6位', example: '530129' })
  @Transform(trim)
  @Matches(/^[0-9]{2}(?:[0-9]{2}){0,2}$/, { message: '地区代码应为2、4或6位数字' })
  region: string;
}

export class PutScreeningScopeDto {
  @ApiProperty({ description: '省2位（全省默认）、州市4位或县6位', example: '530129' })
  @Matches(/^[0-9]{2}(?:[0-9]{2}){0,2}$/, { message: '地区代码应为2、4或6位数字' })
  regionCode: string;

  @ApiProperty({ description: '纳入脱贫户' })
  @IsBoolean({ message: '纳入脱贫户必须是是或否' })
  includeOutOfPoverty: boolean;

  @ApiProperty({ description: '纳入监测对象（三类人员）' })
  @IsBoolean({ message: '纳入监测对象必须是是或否' })
  includeMonitored: boolean;

  @ApiProperty({ description: '纳入有未处理部门预警的户' })
  @IsBoolean({ message: '纳入部门预警户必须是是或否' })
  includeWarnings: boolean;

  @ApiProperty({ description: '纳入近几个月筛查发现风险的户' })
  @IsBoolean({ message: '纳入近期发现风险户必须是是或否' })
  includeRecentFindings: boolean;

  @ApiProperty({ description: '“近几个月”的月数', minimum: 1, maximum: 24, example: 3 })
  @IsInt({ message: '月数必须是整数' })
  @Min(1, { message: '月数最少为1' })
  @Max(24, { message: '月数最多为24' })
  findingMonths: number;
}
