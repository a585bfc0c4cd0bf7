import { ApiProperty } from '@nestjs/swagger';
import { QualityRunStatus, QualityRunTrigger } from '../entities/quality-run.entity.js';
import { QualityCheckCode } from '../quality-checks.js';

export class QualityCheckDto {
  @ApiProperty({ enum: QualityCheckCode, enumName: 'QualityCheckCode' }) code: QualityCheckCode;
  @ApiProperty({ description: '问题（列表和导出中的名称）' }) title: string;
  @ApiProperty({ description: '如何整改' }) fix: string;
  @ApiProperty({ description: '检查依据的数据' }) basis: string;
  @ApiProperty({ nullable: true, type: String, description: '尚缺的数据（该检查目前不完整的原因）；null 为完整' }) waitsFor: string | null;
  @ApiProperty({ description: '是否需要解密证件号码（只在发起检查时勾选复核才进行）' }) decrypts: boolean;
}

export class QualityCheckCountDto {
  @ApiProperty({ enum: QualityCheckCode, enumName: 'QualityCheckCode' }) check: QualityCheckCode;
  @ApiProperty() title: string;
  @ApiProperty({ description: '问题户数' }) count: number;
}

export class QualityRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '检查的地区（空字符串为全部）' }) regionCode: string;
  @ApiProperty({ nullable: true, type: String }) regionName: string | null;
  @ApiProperty({ description: '发起日期（中国时间）', example: '2026-11-22' }) runDate: string;
  @ApiProperty({ enum: QualityRunTrigger, enumName: 'QualityRunTrigger' }) trigger: QualityRunTrigger;
  @ApiProperty() triggerLabel: string;
  @ApiProperty({ enum: QualityRunStatus, enumName: 'QualityRunStatus' }) status: QualityRunStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty() recheckIdNumbers: boolean;
  @ApiProperty({ description: '第几次执行（同一天再次发起时加一）' }) attempt: number;
  @ApiProperty({ description: '要检查的县数' }) countiesTotal: number;
  @ApiProperty({ description: '已检查的县数' }) countiesDone: number;
  @ApiProperty({ description: '计数所针对的地区：检查地区与本人辖区中较小的一个' }) scopeRegionCode: string;
  @ApiProperty({ description: '问题总数（本人辖区内）' }) total: number;
  @ApiProperty({ type: [QualityCheckCountDto], description: '每项检查的问题户数（本人辖区内，每项都列出）' }) counts: QualityCheckCountDto[];
  @ApiProperty({ description: '复核时解密的证件号码数' }) idNumbersRechecked: number;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) finishedAt: string | null;
}

export class QualityRunPageDto {
  @ApiProperty({ type: [QualityRunDto] }) items: QualityRunDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class QualityHouseholdSummaryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() householdNumber: string;
  @ApiProperty({ nullable: true, type: String, description: '户主姓名（脱敏）' }) headName: string | null;
  @ApiProperty({ description: '所在网格' }) regionCode: string;
  @ApiProperty({ nullable: true, type: String }) countyName: string | null;
  @ApiProperty({ nullable: true, type: String }) townshipName: string | null;
  @ApiProperty() villageCode: string;
  @ApiProperty({ nullable: true, type: String }) villageName: string | null;
}

export class QualityFindingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) runId: string;
  @ApiProperty({ enum: QualityCheckCode, enumName: 'QualityCheckCode' }) check: QualityCheckCode;
  @ApiProperty({ description: '问题' }) title: string;
  @ApiProperty({ description: '说明：本户的具体情况' }) description: string;
  @ApiProperty({ description: '如何整改' }) fix: string;
  @ApiProperty({ type: QualityHouseholdSummaryDto }) household: QualityHouseholdSummaryDto;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '检查得到的数据（已脱敏：姓名脱敏，不含证件号码和电话）' })
  details: Record<string, unknown>;
}

export class QualityFindingPageDto {
  @ApiProperty({ type: [QualityFindingDto] }) items: QualityFindingDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ type: QualityRunDto, nullable: true, description: '列出的是哪一次检查；还没有检查时为 null' }) run: QualityRunDto | null;
}
