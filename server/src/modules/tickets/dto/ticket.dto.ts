import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role, TicketKind } from '@jiuzhu/shared';
import { TicketStatus } from '../entities/ticket.entity.js';

/** A person on a ticket as the caller may see them. */
export class TicketPersonDto {
  @ApiPropertyOptional({ nullable: true, type: String, description: '账号（匿名且无权查看时为 null）' }) accountId: string | null;
  @ApiProperty({ example: '李*英', description: '姓名；匿名且无权查看时为“匿名”' }) name: string;
  @ApiPropertyOptional({ enum: Role, enumName: 'Role', nullable: true }) role: Role | null;
  @ApiPropertyOptional({ nullable: true, type: String, example: '村干部' }) roleLabel: string | null;
}

export class TicketReplyDto {
  @ApiProperty() id: string;
  @ApiProperty({ type: TicketPersonDto }) author: TicketPersonDto;
  @ApiProperty({ description: '是否由干部答复（否则为提出人的追问）' }) fromCadre: boolean;
  @ApiProperty() mine: boolean;
  @ApiProperty() body: string;
  @ApiProperty() createdAt: string;
}

export class TicketSummaryDto {
  @ApiProperty() id: string;
  @ApiProperty({ enum: TicketKind, enumName: 'TicketKind' }) kind: TicketKind;
  @ApiProperty({ example: '求助申请' }) kindLabel: string;
  @ApiProperty() subject: string;
  @ApiProperty() content: string;
  @ApiProperty({ description: '提出人要求对村里匿名' }) anonymous: boolean;
  @ApiProperty({ enum: ['CITIZEN', 'PHONE'], description: 'CITIZEN 群众在小程序提出；PHONE 干部登记的来电' }) channel: 'CITIZEN' | 'PHONE';
  @ApiProperty({ type: TicketPersonDto, description: '提出人或来电人' }) requester: TicketPersonDto;
  @ApiPropertyOptional({ nullable: true, type: String, example: '138****5678', description: '联系电话（脱敏；完整号码另行查看并留痕）' })
  contactPhoneMasked: string | null;
  @ApiPropertyOptional({ type: TicketPersonDto, nullable: true, description: '登记来电的干部' }) enteredBy: TicketPersonDto | null;
  @ApiProperty({ example: '530129103201' }) regionCode: string;
  @ApiProperty() regionName: string;
  @ApiPropertyOptional({ nullable: true, type: String }) householdId: string | null;
  @ApiPropertyOptional({ type: TicketPersonDto, nullable: true, description: '被投诉的干部' }) about: TicketPersonDto | null;
  @ApiProperty({ description: '处理地区（其干部负责办理）' }) handlerRegionCode: string;
  @ApiProperty() handlerRegionName: string;
  @ApiProperty({ enum: TicketStatus, enumName: 'TicketStatus' }) status: TicketStatus;
  @ApiProperty({ example: '待受理' }) statusLabel: string;
  @ApiPropertyOptional({ type: TicketPersonDto, nullable: true }) assignedTo: TicketPersonDto | null;
  @ApiProperty({ description: '受理期限（该日结束前）', example: '2025-10-09' }) ackDueDate: string;
  @ApiProperty() ackDueAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) acknowledgedAt: string | null;
  @ApiProperty({ description: '超过受理期限仍未受理' }) ackOverdue: boolean;
  @ApiProperty({ description: '受理晚于期限' }) ackLate: boolean;
  @ApiPropertyOptional({ nullable: true, type: String }) closedAt: string | null;
  @ApiPropertyOptional({ nullable: true, type: String }) closeReason: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '由此求助转成的案件' }) caseId: string | null;
  @ApiProperty() replyCount: number;
  @ApiProperty() createdAt: string;
}

export class TicketDetailDto extends TicketSummaryDto {
  @ApiProperty({ type: [TicketReplyDto] }) replies: TicketReplyDto[];
  @ApiProperty({ description: '本人能否回复' }) canReply: boolean;
  @ApiProperty({ description: '本人能否办结' }) canClose: boolean;
  @ApiProperty({ description: '本人能否转交' }) canAssign: boolean;
  @ApiProperty({ description: '本人能否转为案件（仅求助申请）' }) canConvert: boolean;
}

export class TicketPageDto {
  @ApiProperty({ type: [TicketSummaryDto] }) items: TicketSummaryDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

export class TicketContactDto {
  @ApiProperty() ticketId: string;
  @ApiPropertyOptional({ nullable: true, type: String, description: '来电人或提出人姓名' }) name: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: '完整联系电话' }) phone: string | null;
}

export class ComplaintTargetDto {
  @ApiProperty() accountId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty({ example: '村干部' }) roleLabel: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ description: '投诉将交由此地区的干部处理（被投诉人的上一级）' }) handlerRegionCode: string;
}

export class ConvertedTicketDto {
  @ApiProperty() ticketId: string;
  @ApiProperty() caseId: string;
  @ApiProperty() caseNumber: string;
}

export class ComplaintTargetPageDto {
  @ApiProperty({ type: [ComplaintTargetDto] }) items: ComplaintTargetDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}

/** A cadre the ticket can be handed to (GET /tickets/:id/assignees). */
export class TicketAssigneeDto {
  @ApiProperty() accountId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty({ example: '网格员' }) roleLabel: string;
  @ApiProperty() regionCode: string;
  @ApiProperty() regionName: string;
  @ApiProperty({ description: '现在由此人办理' }) current: boolean;
}

export class TicketAssigneeListDto {
  @ApiProperty({ type: [TicketAssigneeDto], description: '负责处理地区的在岗干部，近的在前' }) items: TicketAssigneeDto[];
}
