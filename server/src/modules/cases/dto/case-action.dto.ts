import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsEnum,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { CaseAction, MAX_RISK_TYPES, MeasureType, MonitoringType, RiskType } from '@jiuzhu/shared';
import { ChecklistStatus } from '../case-records.js';
import { IsDateOnly, Trim } from './validators.js';

export const MAX_SURVEY_FILES = 20;
export const MAX_MEASURES = 20;
const MAX_TEXT = 1000;
/** Yuan; a sanity bound on what can be typed, not a rule. */
const MAX_AMOUNT = 100_000_000;

const text = (label: string, max = MAX_TEXT) => [
  Trim(),
  IsString({ message: `${label}必须是文字` }),
  IsNotEmpty({ message: `${label}不能为空` }),
  MaxLength(max, { message: `${label}最多${max}个字` }),
];
const apply = (decorators: PropertyDecorator[]): PropertyDecorator => (target, key) => decorators.forEach((d) => d(target, key));

/** Every action carries the action name and the version the caller read. */
export class CaseActionBaseDto {
  @ApiProperty({ enum: CaseAction, enumName: 'CaseAction' })
  @IsEnum(CaseAction, { message: '操作不是允许的取值' })
  action: CaseAction;

  @ApiProperty({ description: '读取时的版本号（乐观锁；已被他人处理时返回 409）', example: 1 })
  @IsInt({ message: '版本号必须是整数' })
  @Min(1, { message: '版本号最小为1' })
  version: number;
}

// ---------------------------------------------------------------- step 2: analyze

export class AnalyzeActionDto extends CaseActionBaseDto {
  @ApiProperty({ description: '研判意见和理由（不予受理时申请人可以看到）' })
  @apply(text('研判理由'))
  reason: string;

  @ApiPropertyOptional({ type: [String], description: '查看了哪些情况，如“户籍档案”“民政数据”“电话核实”' })
  @IsOptional()
  @IsArray({ message: '查看内容必须是列表' })
  @ArrayMaxSize(20, { message: '查看内容最多20项' })
  @IsString({ each: true, message: '查看内容必须是文字' })
  @MaxLength(100, { each: true, message: '每项查看内容最多100个字' })
  checked?: string[];

  @ApiPropertyOptional({ format: 'uuid', description: '同意调查时：负责调查的干部（默认为本人）' })
  @IsOptional()
  @IsUUID('all', { message: '负责干部编号格式不正确' })
  assignedAccountId?: string;
}

// ---------------------------------------------------------------- step 3: survey

export class IncomeInputDto {
  @ApiProperty({ description: '工资性收入（元，近12个月）' })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: '工资性收入应为金额（最多两位小数）' })
  @Min(0, { message: '工资性收入不能为负' })
  @Max(MAX_AMOUNT, { message: '工资性收入过大' })
  wage: number;

  @ApiProperty({ description: '生产经营性收入（元）' })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: '生产经营性收入应为金额（最多两位小数）' })
  @Min(0, { message: '生产经营性收入不能为负' })
  @Max(MAX_AMOUNT, { message: '生产经营性收入过大' })
  business: number;

  @ApiProperty({ description: '财产性收入（元）' })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: '财产性收入应为金额（最多两位小数）' })
  @Min(0, { message: '财产性收入不能为负' })
  @Max(MAX_AMOUNT, { message: '财产性收入过大' })
  property: number;

  @ApiProperty({ description: '转移性收入（元）' })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: '转移性收入应为金额（最多两位小数）' })
  @Min(0, { message: '转移性收入不能为负' })
  @Max(MAX_AMOUNT, { message: '转移性收入过大' })
  transfer: number;

  @ApiProperty({ description: '生产经营性支出（元）' })
  @IsNumber({ maxDecimalPlaces: 2 }, { message: '生产经营性支出应为金额（最多两位小数）' })
  @Min(0, { message: '生产经营性支出不能为负' })
  @Max(MAX_AMOUNT, { message: '生产经营性支出过大' })
  businessCost: number;

  @ApiPropertyOptional({ description: '理赔收入（元，单列，不计入纯收入）', default: 0 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: '理赔收入应为金额（最多两位小数）' })
  @Min(0, { message: '理赔收入不能为负' })
  @Max(MAX_AMOUNT, { message: '理赔收入过大' })
  insurancePayout?: number;

  @ApiPropertyOptional({ description: '合规自付支出（医疗、教育，元，单列）', default: 0 })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 2 }, { message: '合规自付支出应为金额（最多两位小数）' })
  @Min(0, { message: '合规自付支出不能为负' })
  @Max(MAX_AMOUNT, { message: '合规自付支出过大' })
  compliantOutOfPocket?: number;
}

export class ChecklistEntryDto {
  @ApiProperty({ enum: ChecklistStatus, enumName: 'ChecklistStatus', description: 'OK 有保障；PROBLEM 有问题' })
  @IsEnum(ChecklistStatus, { message: '请选择“有保障”或“有问题”' })
  status: ChecklistStatus;

  @ApiPropertyOptional({ description: '情况说明（有问题时必填）' })
  @ValidateIf((o: ChecklistEntryDto) => o.status === ChecklistStatus.PROBLEM || (o.note !== undefined && o.note !== null))
  @apply(text('情况说明', 500))
  note?: string | null;
}

const checklistEntry = (label: string) =>
  apply([
    ApiProperty({ type: ChecklistEntryDto, description: label }),
    IsNotEmpty({ message: `请填写“${label}”` }),
    ValidateNested(),
    Type(() => ChecklistEntryDto),
  ]);

/** 两不愁三保障 + 饮水 */
export class ChecklistInputDto {
  @checklistEntry('不愁吃') FOOD: ChecklistEntryDto;
  @checklistEntry('不愁穿') CLOTHING: ChecklistEntryDto;
  @checklistEntry('义务教育有保障') COMPULSORY_EDUCATION: ChecklistEntryDto;
  @checklistEntry('基本医疗有保障') BASIC_MEDICAL: ChecklistEntryDto;
  @checklistEntry('住房安全有保障') HOUSING_SAFETY: ChecklistEntryDto;
  @checklistEntry('饮水安全有保障') DRINKING_WATER: ChecklistEntryDto;
}

export class LocationInputDto {
  @ApiProperty({ description: '纬度' })
  @IsNumber({}, { message: '纬度应为数字' })
  @Min(-90, { message: '纬度超出范围' })
  @Max(90, { message: '纬度超出范围' })
  lat: number;

  @ApiProperty({ description: '经度' })
  @IsNumber({}, { message: '经度应为数字' })
  @Min(-180, { message: '经度超出范围' })
  @Max(180, { message: '经度超出范围' })
  lng: number;
}

export class SurveyInputDto {
  @ApiProperty({ type: [String], format: 'uuid', minItems: 2, description: '入户调查的干部（至少两人，本辖区的干部账号）' })
  @IsArray({ message: '调查人员必须是列表' })
  @ArrayMinSize(2, { message: '实地调查至少须两名干部' })
  @ArrayMaxSize(10, { message: '调查人员最多10人' })
  @ArrayUnique({ message: '调查人员不能重复' })
  @IsUUID('all', { each: true, message: '调查人员编号格式不正确' })
  surveyorIds: string[];

  @ApiProperty({ description: '入户日期', example: '2025-06-03' })
  @IsDateOnly('入户日期')
  visitDate: string;

  @ApiProperty({ description: '核实的家庭人口数（人均纯收入按此计算）' })
  @IsInt({ message: '家庭人口数必须是整数' })
  @Min(1, { message: '家庭人口数至少为1' })
  @Max(30, { message: '家庭人口数最多30' })
  memberCount: number;

  @ApiProperty({ description: '已逐一核实家庭成员信息' })
  @IsBoolean({ message: '成员核实必须是是或否' })
  membersConfirmed: boolean;

  @ApiPropertyOptional({ description: '成员变化说明（与登记不一致时填写）' })
  @IsOptional()
  @apply(text('成员说明', 500))
  membersNote?: string | null;

  @ApiProperty({ type: IncomeInputDto })
  @IsNotEmpty({ message: '请填写收入情况' })
  @ValidateNested()
  @Type(() => IncomeInputDto)
  income: IncomeInputDto;

  @ApiProperty({ type: ChecklistInputDto, description: '两不愁三保障及饮水安全' })
  @IsNotEmpty({ message: '请填写两不愁三保障及饮水安全情况' })
  @ValidateNested()
  @Type(() => ChecklistInputDto)
  checklist: ChecklistInputDto;

  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: MAX_SURVEY_FILES, description: '现场照片、证明材料' })
  @IsOptional()
  @IsArray({ message: '附件必须是列表' })
  @ArrayMaxSize(MAX_SURVEY_FILES, { message: `附件最多${MAX_SURVEY_FILES}个` })
  @ArrayUnique({ message: '附件不能重复' })
  @IsUUID('all', { each: true, message: '附件编号格式不正确' })
  fileIds?: string[];

  @ApiPropertyOptional({ type: LocationInputDto, description: '入户位置' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LocationInputDto)
  location?: LocationInputDto | null;

  @ApiPropertyOptional({ description: '调查结论' })
  @IsOptional()
  @apply(text('调查结论', 2000))
  findings?: string | null;

  @ApiPropertyOptional({ format: 'uuid', description: '案件尚无登记户时：调查中登记的户（POST /households）' })
  @IsOptional()
  @IsUUID('all', { message: '户编号格式不正确' })
  householdId?: string;
}

export class SurveyActionDto extends CaseActionBaseDto {
  @ApiProperty({ type: SurveyInputDto })
  @IsNotEmpty({ message: '请填写调查内容' })
  @ValidateNested()
  @Type(() => SurveyInputDto)
  survey: SurveyInputDto;
}

// ---------------------------------------------------------------- step 4: appraise and publicize

export class PublicizeStartActionDto extends CaseActionBaseDto {
  @ApiProperty({ description: '民主评议日期' })
  @IsDateOnly('评议日期')
  appraisalDate: string;

  @ApiProperty({ description: '民主评议结果', example: '参会23人，同意21人，建议纳入' })
  @apply(text('评议结果', 500))
  appraisalResult: string;

  @ApiProperty({ description: '公示开始日期' })
  @IsDateOnly('公示开始日期')
  noticeStartDate: string;

  @ApiProperty({ description: '公示天数（不少于设置的最少天数）', example: 5 })
  @IsInt({ message: '公示天数必须是整数' })
  @Min(1, { message: '公示天数至少1天' })
  @Max(60, { message: '公示天数最多60天' })
  noticeDays: number;

  @ApiProperty({ enum: MonitoringType, enumName: 'MonitoringType', description: '拟纳入的监测类型（公示内容）' })
  @IsEnum(MonitoringType, { message: '请选择拟纳入的监测类型' })
  proposedMonitoringType: MonitoringType;

  @ApiProperty({ description: '公示的简要理由（不含证件号、电话、健康状况）', example: '家中主要劳动力务工受伤，收入骤减' })
  @apply(text('公示理由', 200))
  reasonBrief: string;
}

export class PublicizeCloseActionDto extends CaseActionBaseDto {
  @ApiPropertyOptional({ description: '公示情况说明' })
  @IsOptional()
  @apply(text('公示情况说明', 500))
  note?: string | null;
}

// ---------------------------------------------------------------- step 5: township review

export class TownshipApproveActionDto extends CaseActionBaseDto {
  @ApiProperty({ description: '乡镇审核意见' })
  @apply(text('审核意见'))
  opinion: string;
}

/** township.return, county.reject, county.return, withdraw: a reason the requester can read. */
export class ReasonActionDto extends CaseActionBaseDto {
  @ApiProperty({ description: '理由（申请人可以看到）' })
  @apply(text('理由'))
  reason: string;
}

// ---------------------------------------------------------------- step 6: county decision

export class MeasureInputDto {
  @ApiProperty({ enum: MeasureType, enumName: 'MeasureType' })
  @IsEnum(MeasureType, { message: '帮扶措施类型不是允许的取值' })
  type: MeasureType;

  @ApiProperty({ description: '措施内容', example: '安排村保洁公益岗位' })
  @apply(text('措施内容', 500))
  content: string;

  @ApiProperty({ description: '责任人及单位', example: '李四（羊街镇人社所）' })
  @apply(text('责任人', 100))
  responsible: string;

  @ApiProperty({ description: '完成期限' })
  @IsDateOnly('完成期限')
  dueDate: string;
}

export class CountyConfirmActionDto extends CaseActionBaseDto {
  @ApiProperty({ enum: MonitoringType, enumName: 'MonitoringType' })
  @IsEnum(MonitoringType, { message: '请选择监测类型' })
  monitoringType: MonitoringType;

  @ApiProperty({ enum: RiskType, enumName: 'RiskType', isArray: true, minItems: 1, maxItems: MAX_RISK_TYPES })
  @IsArray({ message: '风险类型必须是列表' })
  @ArrayMinSize(1, { message: '至少选择一项风险类型' })
  @ArrayMaxSize(MAX_RISK_TYPES, { message: `风险类型最多${MAX_RISK_TYPES}项` })
  @ArrayUnique({ message: '风险类型不能重复' })
  @IsEnum(RiskType, { each: true, message: '风险类型不是允许的取值' })
  riskTypes: RiskType[];

  @ApiProperty({ type: [MeasureInputDto], description: '首批帮扶措施（有劳动能力的户须至少一项开发式措施）' })
  @IsArray({ message: '帮扶措施必须是列表' })
  @ArrayMinSize(1, { message: '至少制定一项帮扶措施' })
  @ArrayMaxSize(MAX_MEASURES, { message: `帮扶措施最多${MAX_MEASURES}项` })
  @ValidateNested({ each: true })
  @Type(() => MeasureInputDto)
  measures: MeasureInputDto[];

  @ApiPropertyOptional({ description: '县级意见' })
  @IsOptional()
  @apply(text('县级意见'))
  opinion?: string | null;
}

/** The body class of each action (the server validates `{action, version, ...payload}` with it). */
export const ACTION_BODIES: Record<CaseAction, typeof CaseActionBaseDto> = {
  [CaseAction.ANALYZE_PROCEED]: AnalyzeActionDto,
  [CaseAction.ANALYZE_DISMISS]: AnalyzeActionDto,
  [CaseAction.SURVEY_SUBMIT]: SurveyActionDto,
  [CaseAction.PUBLICIZE_START]: PublicizeStartActionDto,
  [CaseAction.PUBLICIZE_CLOSE]: PublicizeCloseActionDto,
  [CaseAction.TOWNSHIP_APPROVE]: TownshipApproveActionDto,
  [CaseAction.TOWNSHIP_RETURN]: ReasonActionDto,
  [CaseAction.COUNTY_CONFIRM]: CountyConfirmActionDto,
  [CaseAction.COUNTY_REJECT]: ReasonActionDto,
  [CaseAction.COUNTY_RETURN]: ReasonActionDto,
  [CaseAction.WITHDRAW]: ReasonActionDto,
};

