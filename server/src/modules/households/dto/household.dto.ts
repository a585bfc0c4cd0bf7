import { ApiProperty } from '@nestjs/swagger';
import {
  Education,
  HealthStatus,
  HouseholdType,
  LabourCapacity,
  MonitoringType,
  Relation,
  RiskType,
  SafetyNetStatus,
  Schooling,
  Sex,
} from '@jiuzhu/shared';

/** A member as the API shows it: ID number and phone masked, health only to the roles that need it. */
export class MemberDto {
  @ApiProperty() id: string;
  @ApiProperty() householdId: string;
  @ApiProperty() name: string;
  @ApiProperty({ example: '5301**********0027', description: '脱敏的证件号码；完整号码另行申请查看（留痕）' })
  idNumberMasked: string;
  @ApiProperty({ enum: Relation, enumName: 'Relation' }) relation: Relation;
  @ApiProperty({ enum: Sex, enumName: 'Sex' }) sex: Sex;
  @ApiProperty({ example: '1985-03-15' }) birthDate: string;
  @ApiProperty({ nullable: true, type: String }) ethnicity: string | null;
  @ApiProperty({ enum: Education, enumName: 'Education', nullable: true }) education: Education | null;
  @ApiProperty({ enum: Schooling, enumName: 'Schooling', nullable: true }) schooling: Schooling | null;
  @ApiProperty({ description: '本人角色能否查看健康状况' }) healthVisible: boolean;
  @ApiProperty({ enum: HealthStatus, enumName: 'HealthStatus', nullable: true, description: '仅对需要的角色返回，否则为 null' })
  health: HealthStatus | null;
  @ApiProperty({ enum: LabourCapacity, enumName: 'LabourCapacity', nullable: true }) labourCapacity: LabourCapacity | null;
  @ApiProperty({ nullable: true, type: String }) workPlace: string | null;
  @ApiProperty({ nullable: true, type: Number }) workMonths: number | null;
  @ApiProperty() medicalInsurance: boolean;
  @ApiProperty() seriousIllnessInsurance: boolean;
  @ApiProperty() pensionInsurance: boolean;
  @ApiProperty({ enum: SafetyNetStatus, enumName: 'SafetyNetStatus' }) safetyNet: SafetyNetStatus;
  @ApiProperty() publicWelfareJob: boolean;
  @ApiProperty({ nullable: true, type: String, example: '138****5678' }) phoneMasked: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

/** A household in a list. */
export class HouseholdSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: '5301291030010010001' }) householdNumber: string;
  @ApiProperty({ description: '网格代码' }) regionCode: string;
  @ApiProperty({ description: '网格的地区路径名称（州市 县 乡镇 村 网格）' }) regionName: string;
  @ApiProperty() address: string;
  @ApiProperty({ nullable: true, type: String }) headMemberId: string | null;
  @ApiProperty({ nullable: true, type: String }) headName: string | null;
  @ApiProperty() memberCount: number;
  @ApiProperty({ nullable: true, type: String }) phoneMasked: string | null;
  @ApiProperty({ enum: HouseholdType, enumName: 'HouseholdType' }) householdType: HouseholdType;
  @ApiProperty({ enum: MonitoringType, enumName: 'MonitoringType', nullable: true }) monitoringType: MonitoringType | null;
  @ApiProperty({ enum: RiskType, enumName: 'RiskType', isArray: true }) riskTypes: RiskType[];
  @ApiProperty({ nullable: true, type: String, description: '识别月份（县级确定纳入监测的月份，YYYY-MM）', example: '2025-06' })
  identifiedMonth: string | null;
  @ApiProperty() noLabourCapacity: boolean;
  @ApiProperty() relocated: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class HouseholdDetailDto extends HouseholdSummaryDto {
  @ApiProperty({ type: [MemberDto], description: '户主在前' }) members: MemberDto[];
}

export class HouseholdPageDto {
  @ApiProperty({ type: [HouseholdSummaryDto] }) items: HouseholdSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class MemberIdNumberDto {
  @ApiProperty() memberId: string;
  @ApiProperty({ description: '完整证件号码（本次查看已记入审计日志）' }) idNumber: string;
}
