import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Department, HouseholdType, MonitoringType, RiskType, WarningAction, WarningSeverity, WarningStatus } from '@jiuzhu/shared';

export class WarningHouseholdDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() householdNumber: string;
  @ApiProperty({ description: '户主姓名（脱敏）' }) headName: string;
  @ApiProperty({ description: '所在网格' }) regionCode: string;
  @ApiProperty({ enum: HouseholdType, enumName: 'HouseholdType' }) householdType: HouseholdType;
  @ApiProperty({ nullable: true, enum: MonitoringType, enumName: 'MonitoringType' }) monitoringType: MonitoringType | null;
}

export class WarningMemberDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '姓名（脱敏）' }) name: string;
  @ApiProperty({ description: '与户主关系' }) relation: string;
}

export class WarningEvidenceFieldDto {
  @ApiProperty({ example: 'selfPaid' }) key: string;
  @ApiProperty({ example: '自付费用' }) label: string;
  @ApiProperty({ example: '8000', description: '部门记录中的值（身份证号、姓名已脱敏）' }) value: string;
}

export class WarningDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: WarningStatus, enumName: 'WarningStatus' }) status: WarningStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ enum: WarningSeverity, enumName: 'WarningSeverity' }) severity: WarningSeverity;
  @ApiProperty() severityLabel: string;
  @ApiProperty({ enum: RiskType, enumName: 'RiskType', description: '建议的风险类型' }) riskType: RiskType;
  @ApiProperty() riskTypeLabel: string;
  @ApiProperty({ format: 'uuid' }) ruleId: string;
  @ApiProperty({ description: '规则名称' }) ruleName: string;
  @ApiProperty() dataset: string;
  @ApiProperty() datasetName: string;
  @ApiProperty({ enum: Department, enumName: 'Department' }) department: Department;
  @ApiProperty({ example: '医保' }) departmentLabel: string;
  @ApiProperty({ example: '2025-06' }) month: string;
  @ApiProperty() regionCode: string;
  @ApiProperty({ type: WarningHouseholdDto }) household: WarningHouseholdDto;
  @ApiProperty({ nullable: true, type: WarningMemberDto }) member: WarningMemberDto | null;
  @ApiProperty({ type: [WarningEvidenceFieldDto], description: '证据：部门记录（按数据集的列）' }) evidence: WarningEvidenceFieldDto[];
  @ApiProperty({ nullable: true, type: String }) dismissReason: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) caseId: string | null;
  @ApiProperty({ nullable: true, type: String }) caseNumber: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) handledAt: string | null;
  @ApiProperty({ description: '预警产生至今的天数' }) daysSinceRaised: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty() version: number;
  @ApiProperty({ enum: WarningAction, enumName: 'WarningAction', isArray: true, description: '当前用户可执行的操作' }) allowedActions: WarningAction[];
}

export class WarningPageDto {
  @ApiProperty({ type: [WarningDto] }) items: WarningDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class WarningRuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'MEDICAL_SELF_PAID_MONITORED' }) code: string;
  @ApiProperty() dataset: string;
  @ApiProperty() datasetName: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '条件（见 docs/warnings.md 的规则语言）' }) condition: Record<string, unknown>;
  @ApiProperty({ description: '条件的文字说明' }) conditionText: string;
  @ApiProperty({ enum: WarningSeverity, enumName: 'WarningSeverity' }) severity: WarningSeverity;
  @ApiProperty({ enum: RiskType, enumName: 'RiskType' }) riskType: RiskType;
  @ApiProperty({ description: "适用地区（代码前缀，'' 为全省）" }) regionCode: string;
  @ApiProperty({ example: '2025-01-01' }) validFrom: string;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty({ type: String, format: 'date-time' }) updatedAt: string;
}

export class WarningRulePageDto {
  @ApiProperty({ type: [WarningRuleDto] }) items: WarningRuleDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class FeedbackDto {
  @ApiProperty({ format: 'uuid', description: '预警编号' }) warningId: string;
  @ApiProperty() dataset: string;
  @ApiProperty() month: string;
  @ApiProperty({ format: 'uuid', description: '批次编号' }) batch: string;
  @ApiProperty({ nullable: true, type: String, description: '报送方自己的批次号' }) batchId: string | null;
  @ApiProperty({ description: '部门文件中的行号' }) rowNumber: number;
  @ApiProperty({ example: '5301**********1234' }) idNumber: string;
  @ApiProperty() ruleName: string;
  @ApiProperty({ enum: WarningStatus, enumName: 'WarningStatus' }) status: WarningStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ description: '核实结论：排除理由，或已立案及案件办理状态；核实中为空' }) verdict: string;
  @ApiProperty({ nullable: true, type: String }) dismissReason: string | null;
  @ApiProperty({ nullable: true, type: String }) caseNumber: string | null;
  @ApiProperty({ nullable: true, type: String }) caseStatus: string | null;
  @ApiProperty({ nullable: true, type: String }) caseStatusLabel: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) raisedAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) handledAt: string | null;
}

export class FeedbackPageDto {
  @ApiProperty({ type: [FeedbackDto] }) items: FeedbackDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class WarningActionResultDto extends WarningDto {
  @ApiPropertyOptional({ description: '立案时：已有正在办理的案件，预警关联到该案件' }) linkedExistingCase?: boolean;
}
