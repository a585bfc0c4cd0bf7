import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { TicketKind } from '@jiuzhu/shared';
import { PageQueryDto } from '../../../common/http/pagination.js';
import { TicketStatus } from '../entities/ticket.entity.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
const toBoolean = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

/** A mobile number or a landline with its area code (0871-12345678). */
export const CONTACT_PHONE = /^(?:(?:\+?86)?1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/;

export class CreateTicketDto {
  @ApiProperty({ enum: TicketKind, enumName: 'TicketKind', description: 'HELP 求助申请 / COMPLAINT 投诉举报 / CONSULT 政策咨询' })
  @IsEnum(TicketKind, { message: '工单类型只能是求助申请、投诉举报或政策咨询' })
  kind: TicketKind;

  @ApiProperty({ example: '家里房子漏雨，想申请危房改造' })
  @Transform(trim)
  @IsString({ message: '标题必须是文字' })
  @IsNotEmpty({ message: '标题不能为空' })
  @MaxLength(100, { message: '标题最多100个字' })
  subject: string;

  @ApiProperty({ example: '今年雨季后房屋后墙开裂，一家五口住在里面，请村里来看看。' })
  @Transform(trim)
  @IsString({ message: '内容必须是文字' })
  @IsNotEmpty({ message: '内容不能为空' })
  @MaxLength(2000, { message: '内容最多2000个字' })
  content: string;

  @ApiPropertyOptional({ description: '对村里匿名（投诉举报、政策咨询可以；县级和系统仍记录是谁）', default: false })
  @IsOptional()
  @IsBoolean({ message: '是否匿名必须是是或否' })
  anonymous?: boolean;

  @ApiPropertyOptional({
    description: '所涉地区：群众默认本户所在村（可选其他村，12位）；干部登记来电时必填（县6位、乡镇9位或村12位，须在辖区内）',
    example: '530129103201',
  })
  @IsOptional()
  @Matches(/^(?:[0-9]{6}|[0-9]{9}|[0-9]{12})$/, { message: '地区代码应为6位（县）、9位（乡镇）或12位（村）数字' })
  regionCode?: string;

  @ApiPropertyOptional({ description: '干部登记来电时：所涉的户（须在该地区内）' })
  @IsOptional()
  @IsUUID('all', { message: '户编号格式不正确' })
  householdId?: string;

  @ApiPropertyOptional({ description: '投诉举报：被投诉的干部账号（见 GET /tickets/complaint-targets）；工单交其上一级处理' })
  @IsOptional()
  @IsUUID('all', { message: '被投诉人编号格式不正确' })
  aboutAccountId?: string;

  @ApiPropertyOptional({ description: '联系电话（手机或带区号的座机），用于回访', example: '13812345678' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.replace(/[\s]/g, '') : value))
  @Matches(CONTACT_PHONE, { message: '联系电话应为11位手机号或带区号的座机号' })
  contactPhone?: string;

  @ApiPropertyOptional({ description: '干部登记来电时必填：来电人姓名（加密保存）', example: '李秀英' })
  @IsOptional()
  @Transform(trim)
  @IsString({ message: '来电人姓名必须是文字' })
  @IsNotEmpty({ message: '来电人姓名不能为空' })
  @MaxLength(50, { message: '来电人姓名最多50个字' })
  callerName?: string;
}

export class TicketListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: TicketKind, enumName: 'TicketKind' })
  @IsOptional()
  @IsEnum(TicketKind, { message: '工单类型不是允许的取值' })
  kind?: TicketKind;

  @ApiPropertyOptional({ enum: TicketStatus, enumName: 'TicketStatus' })
  @IsOptional()
  @IsEnum(TicketStatus, { message: '工单状态不是允许的取值' })
  status?: TicketStatus;

  @ApiPropertyOptional({ description: 'true：超过受理期限仍未受理的；false：其余的' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'overdue 只能是 true 或 false' })
  overdue?: boolean;

  @ApiPropertyOptional({ description: '干部：按处理地区前缀筛选（须在辖区内）', example: '530129103' })
  @IsOptional()
  @Matches(/^[0-9]{2,12}$/, { message: '地区代码应为2到12位数字' })
  region?: string;

  @ApiPropertyOptional({ description: 'true：只看交给我办理的' })
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'assignedToMe 只能是 true 或 false' })
  assignedToMe?: boolean;
}

export class CreateTicketReplyDto {
  @ApiProperty({ example: '您好，村里已安排网格员明天上午到您家查看房屋情况。' })
  @Transform(trim)
  @IsString({ message: '回复内容必须是文字' })
  @IsNotEmpty({ message: '回复内容不能为空' })
  @MaxLength(2000, { message: '回复内容最多2000个字' })
  body: string;
}

export class AssignTicketDto {
  @ApiProperty({ description: '交给办理的干部账号（其辖区须包含处理地区，或在处理地区之内）' })
  @IsUUID('all', { message: '账号编号格式不正确' })
  accountId: string;
}

export class CloseTicketDto {
  @ApiProperty({ example: '已协调乡镇民政办，为该户办理临时救助。' })
  @Transform(trim)
  @IsString({ message: '办结说明必须是文字' })
  @IsNotEmpty({ message: '办结说明不能为空' })
  @MaxLength(500, { message: '办结说明最多500个字' })
  reason: string;
}

export class ComplaintTargetsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: '干部登记来电时：所涉地区（村12位或网格15位）；群众不填，为本户所在网格' })
  @IsOptional()
  @Matches(/^(?:[0-9]{12}|[0-9]{15})$/, { message: '地区代码应为12位（村）或15位（网格）数字' })
  region?: string;
}
