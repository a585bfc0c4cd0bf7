import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional, IsUUID, Matches } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination.js';

const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class NotificationListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'true 只列未读，false 只列已读；不填列全部' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: '未读筛选只能是 true 或 false' })
  unread?: boolean;

  @ApiPropertyOptional({ description: '消息类型，如 case.step；也可只写前缀 case（含 case.*）', example: 'case' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/, { message: '消息类型格式不正确' })
  kind?: string;
}

/** One message of the in-app inbox. */
export class NotificationDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'case.step', description: '消息类型' }) kind: string;
  @ApiProperty({ example: '您的申请已进入实地调查' }) title: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { caseId: '…' }, description: '打开相关事项所需的编号' })
  data: Record<string, unknown>;
  @ApiProperty() read: boolean;
  @ApiProperty({ nullable: true, type: String }) readAt: string | null;
  @ApiProperty() createdAt: string;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] }) items: NotificationDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
  @ApiProperty({ description: '本人全部未读消息数（不受筛选影响），用于角标' }) unreadCount: number;
}

/** POST /notifications/read-all: everything, or only the messages about one thing (opening a ticket reads its replies). */
export class ReadAllDto {
  @ApiPropertyOptional({ format: 'uuid', description: '只标记关于这条留言（工单）的消息' })
  @IsOptional()
  @IsUUID('all', { message: '留言编号格式不正确' })
  ticketId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: '只标记关于这件申请（案件）的消息' })
  @IsOptional()
  @IsUUID('all', { message: '申请编号格式不正确' })
  caseId?: string;
}

export class ReadAllResultDto {
  @ApiProperty({ description: '本次标为已读的条数' }) updated: number;
  @ApiProperty({ description: '之后的未读数' }) unreadCount: number;
}
