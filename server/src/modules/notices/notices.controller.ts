import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
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
import { NoticeDetailDto, NoticePageDto, ObjectionDto } from './dto/notice.dto.js';
import { AnswerObjectionDto, CreateObjectionDto, NoticeListQueryDto } from './dto/notice-input.dto.js';
import { NoticesService } from './notices.service.js';

/** Villagers read their village's notices; every cadre role that works cases reads those of its region. */
const READERS = [
  Role.CITIZEN,
  Role.GRID_WORKER,
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
  Role.ADMIN,
];

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: '公示列表（群众：本户所在村；干部：本辖区；可按村、类型、是否在公示期、案件筛选）' })
  @ApiOkResponse({ type: NoticePageDto })
  @ApiForbiddenResponse({ description: '群众查询其他村，或尚未绑定户籍（CITIZEN_NOT_BOUND）' })
  list(@CurrentUser() user: AuthUser, @Query() query: NoticeListQueryDto) {
    return this.notices.list(user, query);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: '一条公示及其异议（匿名异议对村里显示“匿名”）、剩余天数' })
  @ApiOkResponse({ type: NoticeDetailDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.notices.get(user, id);
  }

  @Post(':id/objections')
  @Roles(...READERS)
  @ApiOperation({ summary: '对公示提出异议（仅公示期内；可对村里匿名，系统仍记录提出人）' })
  @ApiCreatedResponse({ type: ObjectionDto })
  @ApiConflictResponse({ description: '不在公示期内（NOTICE_CLOSED）或结果公告（RESULT_NOTICE_NO_OBJECTIONS）' })
  object(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: CreateObjectionDto) {
    return this.notices.object(user, id, dto);
  }

  @Post(':id/objections/:objectionId/answer')
  @Roles(Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER)
  @ApiOperation({ summary: '答复一条异议（村干部或乡镇审核人；每条只答复一次）' })
  @ApiCreatedResponse({ type: ObjectionDto })
  @ApiConflictResponse({ description: '已答复（OBJECTION_ALREADY_ANSWERED）' })
  answer(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('objectionId') objectionId: string,
    @Body() dto: AnswerObjectionDto,
  ) {
    return this.notices.answer(user, id, objectionId, dto);
  }
}
