import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import {
  ComplaintTargetPageDto,
  ConvertedTicketDto,
  TicketAssigneeListDto,
  TicketContactDto,
  TicketDetailDto,
  TicketPageDto,
} from './dto/ticket.dto.js';
import {
  AssignTicketDto,
  CloseTicketDto,
  ComplaintTargetsQueryDto,
  CreateTicketDto,
  CreateTicketReplyDto,
  TicketListQueryDto,
} from './dto/ticket-input.dto.js';
import { TicketConversionService } from './ticket-conversion.service.js';
import { TicketsService } from './tickets.service.js';

const CADRES = [Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.ADMIN];
const EVERYONE = [Role.CITIZEN, ...CADRES];

@ApiTags('tickets')
@ApiBearerAuth()
@Controller('tickets')
export class TicketsController {
  constructor(
    private readonly tickets: TicketsService,
    private readonly conversion: TicketConversionService,
  ) {}

  @Post()
  @Roles(...EVERYONE)
  @ApiOperation({ summary: '提出求助、投诉或咨询（群众），或登记一个来电（干部，须填来电人姓名和地区）' })
  @ApiCreatedResponse({ type: TicketDetailDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateTicketDto) {
    return this.tickets.create(user, dto);
  }

  @Get()
  @Roles(...EVERYONE)
  @ApiOperation({ summary: '工单列表（群众：本人提出的；干部：本辖区处理的、交给本人的；对本人的投诉不可见）' })
  @ApiOkResponse({ type: TicketPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: TicketListQueryDto) {
    return this.tickets.list(user, query);
  }

  @Get('complaint-targets')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: '可被投诉的干部（负责本户网格或所填地区的干部）及投诉会交由哪一级处理' })
  @ApiOkResponse({ type: ComplaintTargetPageDto })
  complaintTargets(@CurrentUser() user: AuthUser, @Query() query: ComplaintTargetsQueryDto) {
    return this.tickets.complaintTargets(user, query);
  }

  @Get(':id')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: '一个工单及回复记录（匿名工单对村里显示“匿名”）' })
  @ApiOkResponse({ type: TicketDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.tickets.get(user, id);
  }

  @Get(':id/contact')
  @Roles(...CADRES)
  @ApiOperation({ summary: '查看完整的联系人和电话以便回访（匿名工单仅县级干部和管理员；每次查看记入审计日志）' })
  @ApiOkResponse({ type: TicketContactDto })
  @ApiForbiddenResponse({ description: '匿名工单（TICKET_IDENTITY_HIDDEN）' })
  contact(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.tickets.contact(user, id);
  }

  @Post(':id/replies')
  @Roles(...EVERYONE)
  @ApiOperation({ summary: '回复（干部的第一次回复即为受理）或追问（提出人）' })
  @ApiCreatedResponse({ type: TicketDetailDto })
  @ApiConflictResponse({ description: '已办结（TICKET_CLOSED）' })
  reply(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: CreateTicketReplyDto) {
    return this.tickets.reply(user, id, dto);
  }

  @Get(':id/assignees')
  @Roles(Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.ADMIN)
  @ApiOperation({ summary: '可以转交的干部（负责处理地区的在岗干部，不含被投诉人和本人）' })
  @ApiOkResponse({ type: TicketAssigneeListDto })
  assignees(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.tickets.assignees(user, id);
  }

  @Post(':id/assign')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.ADMIN)
  @ApiOperation({ summary: '转交给负责该地区的一名干部办理' })
  @ApiOkResponse({ type: TicketDetailDto })
  assign(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: AssignTicketDto) {
    return this.tickets.assign(user, id, dto);
  }

  @Post(':id/close')
  @HttpCode(HttpStatus.OK)
  @Roles(...EVERYONE)
  @ApiOperation({ summary: '办结（干部，附办结说明）或撤回（提出人）' })
  @ApiOkResponse({ type: TicketDetailDto })
  @ApiConflictResponse({ description: '已办结（TICKET_CLOSED）' })
  close(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: CloseTicketDto) {
    return this.tickets.close(user, id, dto);
  }

  @Post(':id/convert-to-case')
  @Roles(Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER)
  @ApiOperation({ summary: '把求助申请转为救助案件（来源：热线），工单随之办结并关联案件' })
  @ApiCreatedResponse({ type: ConvertedTicketDto })
  @ApiConflictResponse({ description: '不是求助申请、已转过、已办结或未到村一级' })
  convert(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.conversion.convert(user, id);
  }
}
