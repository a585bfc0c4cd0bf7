import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '../../../common/http/pagination.js';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '对象类型，如 household、member、region、account' })
  @IsOptional()
  @IsString({ message: '对象类型必须是文字' })
  @MaxLength(32, { message: '对象类型过长' })
  entityType?: string;

  @ApiPropertyOptional({ description: '对象编号' })
  @IsOptional()
  @IsString({ message: '对象编号必须是文字' })
  @MaxLength(64, { message: '对象编号过长' })
  entityId?: string;

  @ApiPropertyOptional({ description: '操作人账号编号' })
  @IsOptional()
  @IsUUID('all', { message: '操作人账号编号格式不正确' })
  actor?: string;

  @ApiPropertyOptional({ description: '操作，如 household.create、member.view-id' })
  @IsOptional()
  @IsString({ message: '操作必须是文字' })
  @MaxLength(64, { message: '操作过长' })
  action?: string;

  @ApiPropertyOptional({ description: '开始时间（含），ISO 8601，如 2026-01-01 或 2026-01-01T08:00:00+08:00' })
  @IsOptional()
  @IsISO8601({}, { message: '开始时间格式不正确' })
  from?: string;

  @ApiPropertyOptional({ description: '结束时间（含）；只写日期时包括当天全天' })
  @IsOptional()
  @IsISO8601({}, { message: '结束时间格式不正确' })
  to?: string;
}

export class AuditLogDto {
  @ApiProperty() id: string;
  @ApiProperty() at: string;
  @ApiProperty({ nullable: true, type: String }) actorAccountId: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRegion: string | null;
  @ApiProperty({ example: 'household.update' }) action: string;
  @ApiProperty({ example: 'household' }) entityType: string;
  @ApiProperty({ nullable: true, type: String }) entityId: string | null;
  @ApiProperty({ nullable: true, type: String }) regionCode: string | null;
  @ApiProperty({ nullable: true, type: Object, description: '修改前（已脱敏）' }) before: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: Object, description: '修改后（已脱敏）' }) after: Record<string, unknown> | null;
  @ApiProperty({ nullable: true, type: String }) requestId: string | null;
  @ApiProperty({ nullable: true, type: String }) ip: string | null;
}

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogDto] }) items: AuditLogDto[];
  @ApiProperty() total: number;
  @ApiProperty() page: number;
  @ApiProperty() pageSize: number;
}
