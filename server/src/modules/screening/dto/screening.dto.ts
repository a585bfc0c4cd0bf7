import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HouseholdType, MonitoringType, Relation, RiskType } from '@jiuzhu/shared';
import { ConflictReason, ContactMode, ScreeningResolution } from '../entities/screening-result.entity.js';
import { ScreeningReason, ScreeningTaskStatus } from '../entities/screening-task.entity.js';
import { ScreeningChecklistDto, ScreeningLocationDto } from './screening-input.dto.js';

export class GenerateRoundsResultDto {
  @ApiProperty({ example: '2025-06' }) month: string;
  @ApiProperty({ description: '本次新建的网格轮次数（已有的不重复建）' }) roundsCreated: number;
  @ApiProperty({ description: '本次新建的任务数（已有的不重复建）' }) tasksCreated: number;
  @ApiProperty({ type: [String], description: '处理的县' }) counties: string[];
}

/** A member as the phone keeps it: no health, no whole ID number. */
export class ScreeningMemberCardDto {
  @ApiProperty() name: string;
  @ApiProperty({ enum: Relation, enumName: 'Relation' }) relation: Relation;
  @ApiProperty({ example: '5301**********1234' }) idNumberMasked: string;
  @ApiPropertyOptional({ nullable: true, type: Number, description: '周岁（按本月计算）' }) age: number | null;
}

export class ScreeningHouseholdCardDto {
  @ApiProperty() id: string;
  @ApiProperty() householdNumber: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: '户主姓名（干部可见全名）' }) headName: string | null;
  @ApiProperty() address: string;
  @ApiProperty({ enum: HouseholdType, enumName: 'HouseholdType' }) householdType: HouseholdType;
  @ApiPropertyOptional({ enum: MonitoringType, enumName: 'MonitoringType', nullable: true }) monitoringType: MonitoringType | null;
  @ApiProperty({ enum: RiskType, enumName: 'RiskType', isArray: true }) riskTypes: RiskType[];
  @ApiProperty() memberCount: number;
  @ApiProperty({ type: [ScreeningMemberCardDto] }) members: ScreeningMemberCardDto[];
  @ApiPropertyOptional({ nullable: true, type: String, example: '138****5678' }) phoneMasked: string | null;
  @ApiProperty({ description: '户信息版本号：提交结果时作为 baseHouseholdVersion 带回' }) version: number;
}

/** What was answered last time (an earlier month), shown on the card. */
export class ScreeningAnswersDto {
  @ApiProperty({ example: '2025-05' }) month: string;
  @ApiProperty() visitedAt: string;
  @ApiProperty({ enum: ContactMode, enumName: 'ScreeningContactMode' }) contactMode: ContactMode;
  @ApiProperty() anyoneHome: boolean;
  @ApiProperty({ type: ScreeningChecklistDto }) checklist: ScreeningChecklistDto;
  @ApiProperty() incomeChanged: boolean;
  @ApiProperty({ enum: RiskType, enumName: 'RiskType', isArray: true }) riskTypes: RiskType[];
  @ApiPropertyOptional({ nullable: true, type: String }) note: string | null;
}

export class ScreeningResultDto extends ScreeningAnswersDto {
  @ApiProperty() id: string;
  @ApiProperty() clientId: string;
  @ApiProperty() taskId: string;
  @ApiProperty() householdId: string;
  @ApiProperty() gridCode: string;
  @ApiProperty() workerAccountId: string;
  @ApiProperty({ description: '记录人姓名' }) workerName: string;
  @ApiProperty({ description: '是否本人提交' }) mine: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) incomeNote: string | null;
  @ApiProperty({ type: [String] }) photoFileIds: string[];
  @ApiPropertyOptional({ type: ScreeningLocationDto, nullable: true }) location: ScreeningLocationDto | null;
  @ApiProperty() baseHouseholdVersion: number;
  @ApiProperty({ description: '发现风险（有风险类型或任一项有问题）' }) hasRisk: boolean;
  @ApiProperty() conflict: boolean;
  @ApiPropertyOptional({ enum: ConflictReason, enumName: 'ScreeningConflictReason', nullable: true }) conflictReason: ConflictReason | null;
  @ApiPropertyOptional({ nullable: true, type: String }) conflictReasonLabel: string | null;
  @ApiPropertyOptional({ enum: ScreeningResolution, enumName: 'ScreeningResolution', nullable: true, description: 'KEPT 已保留；DISCARDED 已作废' })
  resolution: ScreeningResolution | null;
  @ApiPropertyOptional({ nullable: true, type: String }) resolvedBy: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) resolvedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) resolutionNote: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '由此发现立的案件（来源：排查发现）' }) caseId: string | null;
  @ApiProperty() createdAt: string;
}

export class ScreeningTaskCardDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '2025-06' }) month: string;
  @ApiProperty({ enum: ScreeningTaskStatus, enumName: 'ScreeningTaskStatus' }) status: ScreeningTaskStatus;
  @ApiProperty({ example: '待筛查' }) statusLabel: string;
  @ApiProperty() gridCode: string;
  @ApiProperty({ enum: ScreeningReason, enumName: 'ScreeningReason' }) reason: ScreeningReason;
  @ApiProperty({ example: '脱贫户' }) reasonLabel: string;
  @ApiProperty({ type: ScreeningHouseholdCardDto }) household: ScreeningHouseholdCardDto;
  @ApiPropertyOptional({ type: ScreeningAnswersDto, nullable: true, description: '上一次（以前月份）的筛查结果' }) lastResult: ScreeningAnswersDto | null;
  @ApiPropertyOptional({ type: ScreeningResultDto, nullable: true, description: '本月已提交的结果（最新一条未作废的）' }) result: ScreeningResultDto | null;
}

export class ScreeningTaskPageDto {
  @ApiProperty({ type: [ScreeningTaskCardDto] }) items: ScreeningTaskCardDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ScreeningFieldErrorDto {
  @ApiProperty({ example: 'taskId' }) field: string;
  @ApiProperty() message: string;
}

export class ScreeningItemOutcomeDto {
  @ApiProperty() clientId: string;
  @ApiProperty({ enum: ['STORED', 'DUPLICATE', 'CONFLICT', 'REJECTED'], description: 'STORED 已保存；DUPLICATE 以前已保存（重发）；CONFLICT 已保存但有冲突待处理；REJECTED 未保存（见 errors / message）' })
  outcome: 'STORED' | 'DUPLICATE' | 'CONFLICT' | 'REJECTED';
  @ApiPropertyOptional({ description: '保存的结果（STORED、DUPLICATE、CONFLICT）' }) resultId?: string;
  @ApiPropertyOptional({ description: '由此发现立的案件' }) caseId?: string;
  @ApiPropertyOptional({ type: [ScreeningFieldErrorDto] }) errors?: ScreeningFieldErrorDto[];
  @ApiPropertyOptional({ description: '给手机显示的说明' }) message?: string;
  @ApiPropertyOptional({ description: 'REJECTED 且为服务器临时故障：稍后可重发' }) retryable?: boolean;
}

export class SubmitScreeningResultsResponseDto {
  @ApiProperty({ type: [ScreeningItemOutcomeDto] }) results: ScreeningItemOutcomeDto[];
}

export class ScreeningConflictDto extends ScreeningResultDto {
  @ApiProperty({ type: ScreeningHouseholdCardDto, description: '该户现在的信息' }) household: ScreeningHouseholdCardDto;
  @ApiProperty({ example: '2025-06' }) taskMonth: string;
  @ApiProperty({ enum: ScreeningTaskStatus, enumName: 'ScreeningTaskStatus' }) taskStatus: ScreeningTaskStatus;
  @ApiProperty({ type: [ScreeningResultDto], description: '同一任务的其他未作废结果' }) otherResults: ScreeningResultDto[];
}

export class ScreeningConflictPageDto {
  @ApiProperty({ type: [ScreeningConflictDto] }) items: ScreeningConflictDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ResolvedConflictDto {
  @ApiProperty({ type: ScreeningResultDto }) result: ScreeningResultDto;
  @ApiProperty({ enum: ScreeningTaskStatus, enumName: 'ScreeningTaskStatus' }) taskStatus: ScreeningTaskStatus;
  @ApiPropertyOptional({ nullable: true, type: String, description: '保留且有风险时新立的案件' }) caseId: string | null;
  @ApiPropertyOptional({ description: '说明（如该户已有正在办理的案件）' }) message?: string;
}

export class ScreeningProgressItemDto {
  @ApiProperty() regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ description: '任务数' }) total: number;
  @ApiProperty({ description: '已筛查' }) done: number;
  @ApiProperty({ description: '待处理冲突' }) conflicts: number;
  @ApiProperty({ description: '发现风险的户数（未作废的结果）' }) findings: number;
}

export class ScreeningProgressDto {
  @ApiProperty({ example: '2025-06' }) month: string;
  @ApiProperty() region: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ type: ScreeningProgressItemDto, description: '整个地区的合计' }) totals: ScreeningProgressItemDto;
  @ApiProperty({ type: [ScreeningProgressItemDto], description: '按下一级地区汇总（网格则为其本身）' }) items: ScreeningProgressItemDto[];
}

export class ScreeningResultPageDto {
  @ApiProperty({ type: [ScreeningResultDto] }) items: ScreeningResultDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class ScreeningScopeDto {
  @ApiProperty() regionCode: string;
  @ApiProperty() includeOutOfPoverty: boolean;
  @ApiProperty() includeMonitored: boolean;
  @ApiProperty({ description: '部门预警尚未上线：此项保存，但暂无户因此纳入' }) includeWarnings: boolean;
  @ApiProperty() includeRecentFindings: boolean;
  @ApiProperty() findingMonths: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: '生效设置来自哪一级（null：系统默认）' }) sourceRegionCode: string | null;
  @ApiProperty({ description: '是否为本地区自己的设置' }) own: boolean;
}
