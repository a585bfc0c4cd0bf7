import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseKind, MonitoringType } from '@jiuzhu/shared';
import { NoticeDecision, NoticeKind } from '../entities/notice.entity.js';

export enum NoticePhase {
  UPCOMING = 'UPCOMING',
  OPEN = 'OPEN',
  ENDED = 'ENDED',
}

/** An objection as the caller may see it: the author hidden (匿名) from the village when anonymous. */
export class ObjectionDto {
  @ApiProperty() id: string;
  @ApiProperty() noticeId: string;
  @ApiProperty({ description: '提出人要求对村里匿名' }) anonymous: boolean;
  @ApiProperty({ description: '提出人：匿名时对村干部和其他群众显示“匿名”；群众的姓名脱敏', example: '匿名' })
  authorName: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: '提出人账号（仅县级干部、管理员或本人可见）' })
  authorAccountId: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '提出人角色（匿名且无权查看时为 null）' })
  authorRole: string | null;
  @ApiProperty({ description: '是否本人提出' }) mine: boolean;
  @ApiProperty() reason: string;
  @ApiPropertyOptional({ nullable: true, type: String }) answer: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '答复人' }) answeredByName: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) answeredAt: string | null;
  @ApiProperty() createdAt: string;
}

/** A notice as a list shows it: nothing in it identifies a person beyond the masked name. */
export class NoticeSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: NoticeKind, enumName: 'NoticeKind' }) kind: NoticeKind;
  @ApiProperty({ example: '评议公示' }) kindLabel: string;
  @ApiProperty({ enum: CaseKind, enumName: 'CaseKind' }) caseKind: CaseKind;
  @ApiProperty() caseId: string;
  @ApiProperty({ example: '530129103201' }) villageCode: string;
  @ApiProperty({ example: '昆明市 寻甸回族彝族自治县 羊街镇 羊街村委会' }) villageName: string;
  @ApiProperty({ example: '羊街村委会防返贫监测对象识别公示' }) title: string;
  @ApiProperty({ example: '张*三', description: '户主姓名（脱敏）' }) subjectName: string;
  @ApiProperty({ description: '家庭人口数' }) householdSize: number;
  @ApiPropertyOptional({ enum: MonitoringType, enumName: 'MonitoringType', nullable: true }) monitoringType: MonitoringType | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '边缘易致贫户' }) monitoringTypeLabel: string | null;
  @ApiPropertyOptional({ enum: NoticeDecision, enumName: 'NoticeDecision', nullable: true, description: '结果公告：县级确定的结果' })
  decision: NoticeDecision | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '确定为监测对象' }) decisionLabel: string | null;
  @ApiProperty({ description: '简要理由' }) reasonBrief: string;
  @ApiProperty({ example: '2025-03-03' }) startDate: string;
  @ApiProperty({ example: '2025-03-07', description: '公示最后一天（含当天）' }) endDate: string;
  @ApiProperty({ enum: NoticePhase, enumName: 'NoticePhase', description: '未开始 / 公示中 / 已结束（按今天的日期）' })
  phase: NoticePhase;
  @ApiProperty({ description: '剩余天数（含今天；未开始时为全部天数，已结束为 0）' }) daysLeft: number;
  @ApiProperty({ description: '异议条数' }) objectionCount: number;
  @ApiProperty({ description: '未答复的异议条数' }) unansweredCount: number;
  @ApiProperty() createdAt: string;
}

export class NoticeDetailDto extends NoticeSummaryDto {
  @ApiProperty({ description: '本人现在能否对此公示提出异议' }) canObject: boolean;
  @ApiProperty({ description: '本人能否答复异议' }) canAnswer: boolean;
  @ApiProperty({ type: [ObjectionDto] }) objections: ObjectionDto[];
}

export class NoticePageDto {
  @ApiProperty({ type: [NoticeSummaryDto] }) items: NoticeSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
