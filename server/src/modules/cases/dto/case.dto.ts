import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseAction, CaseKind, CaseSource, CaseStatus, CaseStep, DifficultyKind, RegionLevel, RiskType, Role } from '@jiuzhu/shared';

/** Deadline facts computed against the Clock on every read. */
export class CaseDeadlineDto {
  @ApiProperty({ description: '受理时间' }) intakeAt: string;
  @ApiProperty({ description: '县级确定的期限（含当日）', example: '2025-06-16' }) dueDate: string;
  @ApiProperty({ description: '剩余天数（今天到期为 0；超期为负数）；已办结为 null', nullable: true, type: Number })
  daysLeft: number | null;
  @ApiProperty({ description: '超期未办结' }) overdue: boolean;
  @ApiProperty({ description: '开始研判的期限（工作日）' }) analysisDueDate: string;
  @ApiProperty({ description: '已申报但超过研判期限仍未研判' }) analysisOverdue: boolean;
}

export class CaseSummaryDto extends CaseDeadlineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '530129-20250601-000123' }) caseNumber: string;
  @ApiProperty({ enum: CaseKind, enumName: 'CaseKind' }) kind: CaseKind;
  @ApiProperty({ enum: CaseSource, enumName: 'CaseSource' }) source: CaseSource;
  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus' }) status: CaseStatus;
  @ApiProperty({ enum: CaseStep, enumName: 'CaseStep', nullable: true, description: '所处步骤（撤回的为撤回时的步骤）' })
  step: CaseStep | null;
  @ApiProperty({ description: '网格或村代码' }) regionCode: string;
  @ApiProperty({ description: '地区路径名称' }) regionName: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) householdId: string | null;
  @ApiProperty({ nullable: true, type: String, description: '当事人（户主或被申报人）姓名' }) subjectName: string | null;
  @ApiProperty({ enum: DifficultyKind, enumName: 'DifficultyKind', nullable: true }) difficultyKind: DifficultyKind | null;
  @ApiProperty({ enum: [RegionLevel.TOWNSHIP, RegionLevel.COUNTY], nullable: true, description: '已上报到的层级' })
  escalationLevel: RegionLevel | null;
  @ApiProperty({ nullable: true, type: String }) escalatedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) assignedAccountId: string | null;
  @ApiProperty({ nullable: true, type: String }) closedAt: string | null;
  @ApiProperty() version: number;
  @ApiProperty() updatedAt: string;
}

export class CasePageDto {
  @ApiProperty({ type: [CaseSummaryDto] }) items: CaseSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CaseEventDto {
  @ApiProperty({ description: '递增编号（时间线顺序）' }) id: string;
  @ApiProperty({ description: 'CaseAction，或 create（受理）、escalate（超期上报）' }) action: string;
  @ApiProperty({ description: '操作中文名' }) actionLabel: string;
  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus', nullable: true }) fromStatus: CaseStatus | null;
  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus' }) toStatus: CaseStatus;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) actorAccountId: string | null;
  @ApiProperty({ nullable: true, type: String, description: '操作人（系统操作为 null）' }) actorName: string | null;
  @ApiProperty({ enum: Role, enumName: 'Role', nullable: true }) actorRole: Role | null;
  @ApiProperty({ description: '该步骤记录的内容（已脱敏）', type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;
  @ApiProperty() at: string;
}

export class CaseFileDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() mime: string;
  @ApiProperty() size: number;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export class CaseHouseholdDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() householdNumber: string;
  @ApiProperty({ nullable: true, type: String }) headName: string | null;
  @ApiProperty() memberCount: number;
  @ApiProperty({ nullable: true, type: String }) monitoringType: string | null;
  @ApiProperty({ description: '有劳动能力（有普通或技能劳动力成员，且非整户无劳动能力）' }) hasLabour: boolean;
}

export class CaseDetailDto extends CaseSummaryDto {
  @ApiProperty() description: string;
  @ApiProperty({ enum: RiskType, enumName: 'RiskType', isArray: true, description: '按困难类别建议的风险类型' })
  suggestedRiskTypes: RiskType[];
  @ApiProperty({ nullable: true, type: String, description: '联系电话（脱敏）' }) contactPhoneMasked: string | null;
  @ApiProperty({ nullable: true, type: String }) consentAcceptedAt: string | null;
  @ApiProperty({ nullable: true, type: String }) consentVersion: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) claimantAccountId: string | null;
  @ApiProperty({ nullable: true, type: String, description: '他人代举：申报人与当事人的关系' }) proxyRelation: string | null;
  @ApiProperty({ nullable: true, type: String, description: '当事人电话（脱敏）' }) subjectPhoneMasked: string | null;
  @ApiProperty({ nullable: true, type: String, description: '当事人证件号码（脱敏）' }) subjectIdNumberMasked: string | null;
  @ApiProperty({ nullable: true, type: String, description: '未登记户的住址' }) proposedAddress: string | null;
  @ApiProperty({ nullable: true, type: CaseHouseholdDto }) household: CaseHouseholdDto | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '综合分析研判' })
  analysis: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '实地调查（收入、人均纯收入与监测线比较、两不愁三保障）' })
  survey: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '评议公示' })
  publicity: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '乡镇审核' })
  townshipReview: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: 'object', additionalProperties: true, description: '县级确定' })
  countyDecision: Record<string, unknown> | null;
  @ApiProperty({ type: [CaseEventDto], description: '办理过程（时间先后）' }) timeline: CaseEventDto[];
  @ApiProperty({ type: [CaseFileDto] }) attachments: CaseFileDto[];
  @ApiProperty({ enum: CaseAction, enumName: 'CaseAction', isArray: true, description: '当前用户可执行的操作' })
  allowedActions: CaseAction[];
}

/** What one level said, as the citizen reads it. */
export class ClaimRemarkDto {
  @ApiProperty({ enum: CaseStep, enumName: 'CaseStep', nullable: true }) step: CaseStep | null;
  @ApiProperty({ description: '哪一级', example: '村（社区）' }) level: string;
  @ApiProperty({ description: '做了什么', example: '同意调查' }) action: string;
  @ApiProperty({ nullable: true, type: String, description: '意见或理由' }) text: string | null;
  @ApiProperty() at: string;
}

export class MyClaimDto extends CaseDeadlineDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ enum: CaseSource, enumName: 'CaseSource' }) source: CaseSource;
  @ApiProperty({ enum: CaseStatus, enumName: 'CaseStatus' }) status: CaseStatus;
  @ApiProperty({ description: '状态中文名' }) statusLabel: string;
  @ApiProperty({ enum: CaseStep, enumName: 'CaseStep', nullable: true }) step: CaseStep | null;
  @ApiProperty({ nullable: true, type: String, description: '步骤中文名' }) stepLabel: string | null;
  @ApiProperty({ description: '第几步（1-6；撤回等为 null）', nullable: true, type: Number }) stepNumber: number | null;
  @ApiProperty({ description: 'CLAIMANT 我提交的；HOUSEHOLD 关于我家的', enum: ['CLAIMANT', 'HOUSEHOLD'] })
  relation: 'CLAIMANT' | 'HOUSEHOLD';
  @ApiProperty({ nullable: true, type: String, description: '当事人（替他人申报时为被申报人）' }) subjectName: string | null;
  @ApiProperty({ enum: DifficultyKind, enumName: 'DifficultyKind', nullable: true }) difficultyKind: DifficultyKind | null;
  @ApiProperty() description: string;
  @ApiProperty({ type: [ClaimRemarkDto], description: '各级的意见（时间先后）' }) remarks: ClaimRemarkDto[];
  @ApiProperty({ nullable: true, type: String, description: '办结时间（县级确定、不予纳入、撤回等）；未办结为 null' })
  closedAt: string | null;
  @ApiPropertyOptional({ type: [CaseFileDto], description: '本人随申请上传的照片（仅 GET /my/claims/:id 返回）' })
  attachments?: CaseFileDto[];
  @ApiProperty({ enum: CaseAction, enumName: 'CaseAction', isArray: true, description: '我可执行的操作（撤回）' })
  allowedActions: CaseAction[];
  @ApiProperty() version: number;
}

export class ClaimConsentDto {
  @ApiProperty({ example: '2025-01' }) version: string;
  @ApiProperty() title: string;
  @ApiProperty({ type: [String] }) paragraphs: string[];
}

export class MyClaimPageDto {
  @ApiProperty({ type: [MyClaimDto] }) items: MyClaimDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class CreatedCaseDto {
  @ApiPropertyOptional({ format: 'uuid' }) id: string;
  @ApiProperty() caseNumber: string;
}

/** A cadre a case can be handed to, or named as a surveyor (GET /cases/:id/workers). */
export class CaseWorkerDto {
  @ApiProperty({ format: 'uuid' }) accountId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty({ example: '网格员' }) roleLabel: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ description: '地区路径名称' }) regionName: string;
}

export class CaseWorkerListDto {
  @ApiProperty({ type: [CaseWorkerDto], description: '负责该村（网格）的在岗干部，近的在前' }) items: CaseWorkerDto[];
}

/** One field survey of a household (its income against the line), from the cases' timelines. */
export class HouseholdSurveyDto {
  @ApiProperty({ format: 'uuid' }) caseId: string;
  @ApiProperty() caseNumber: string;
  @ApiProperty({ description: '第几次调查（退回后重新调查为 2、3…）' }) round: number;
  @ApiProperty({ example: '2025-06-04' }) visitDate: string;
  @ApiProperty() memberCount: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '各项收入和支出（元）' }) income: Record<string, number>;
  @ApiProperty({ description: '家庭纯收入（元）' }) householdNetIncome: number;
  @ApiProperty({ description: '人均纯收入（元）' }) perCapitaNetIncome: number;
  @ApiProperty({ nullable: true, type: Number, description: '当时适用的监测线（元）' }) monitoringLine: number | null;
  @ApiProperty({ nullable: true, type: String, description: 'BELOW 低于监测线；AT_OR_ABOVE 不低于' }) comparison: string | null;
  @ApiProperty({ type: [String], description: '调查人员' }) surveyors: string[];
  @ApiProperty() at: string;
}

export class HouseholdSurveyPageDto {
  @ApiProperty({ type: [HouseholdSurveyDto] }) items: HouseholdSurveyDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
