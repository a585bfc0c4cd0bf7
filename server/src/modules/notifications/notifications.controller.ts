import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser } from '../../common/auth/decorators.js';
import { NotificationDto, NotificationListQueryDto, NotificationPageDto, ReadAllDto, ReadAllResultDto } from './dto/notification.dto.js';
import { NotificationsService } from './notifications.service.js';

/** The in-app inbox of both apps: every logged-in account sees its own notifications only. */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @ApiOperation({ summary: '我的消息（最新在前；可按未读、类型筛选；附未读总数）' })
  @ApiOkResponse({ type: NotificationPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: NotificationListQueryDto) {
    return this.notifications.list(user, query);
  }

  @Post('read-all')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '全部标为已读（可只标关于某条留言或某件申请的）' })
  @ApiOkResponse({ type: ReadAllResultDto })
  markAllRead(@CurrentUser() user: AuthUser, @Body() dto?: ReadAllDto) {
    return this.notifications.markAllRead(user, dto ?? {});
  }

  @Post(':id/read')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '标为已读（重复标记不变）' })
  @ApiOkResponse({ type: NotificationDto })
  @ApiNotFoundResponse({ description: '消息不存在或不是本人的（NOTIFICATION_NOT_FOUND）' })
  markRead(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.notifications.markRead(user, id);
  }
}
