import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import { CalendarService } from './calendar.service.js';
import { CalendarDayDto, CalendarPageDto, CalendarQueryDto, PutCalendarDayDto } from './dto/calendar.dto.js';
import {
  MonitoringLineDto,
  MonitoringLineInForceDto,
  MonitoringLineInForceQueryDto,
  MonitoringLinePageDto,
  MonitoringLineQueryDto,
  PutMonitoringLineDto,
} from './dto/monitoring-line.dto.js';
import { PutWorkflowSettingsDto, WorkflowSettingsDto, WorkflowSettingsQueryDto } from './dto/workflow-settings.dto.js';
import { SettingsService } from './settings.service.js';

/** Every cadre may read the settings its work follows; only admins change them. */
const READERS = [
  Role.GRID_WORKER,
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
  Role.DEPARTMENT_OPERATOR,
  Role.ADMIN,
];

@ApiTags('settings')
@ApiBearerAuth()
@Controller('settings')
export class SettingsController {
  constructor(
    private readonly settings: SettingsService,
    private readonly calendar: CalendarService,
  ) {}

  @Get('monitoring-lines')
  @Roles(...READERS)
  @ApiOperation({ summary: '防返贫监测线列表（按地区、年份筛选）' })
  @ApiOkResponse({ type: MonitoringLinePageDto })
  listMonitoringLines(@CurrentUser() user: AuthUser, @Query() query: MonitoringLineQueryDto) {
    return this.settings.listMonitoringLines(user, query);
  }

  @Get('monitoring-lines/in-force')
  @Roles(...READERS)
  @ApiOperation({ summary: '某地区某日适用的监测线（不晚于该年的最近一年；县 > 州市 > 省）' })
  @ApiOkResponse({ type: MonitoringLineInForceDto })
  monitoringLineInForce(@CurrentUser() user: AuthUser, @Query() query: MonitoringLineInForceQueryDto) {
    return this.settings.monitoringLineInForce(user, query);
  }

  @Put('monitoring-lines')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: '设定某地区某年的监测线（管理员；已有则修改；记入审计日志）' })
  @ApiOkResponse({ type: MonitoringLineDto })
  putMonitoringLine(@CurrentUser() user: AuthUser, @Body() dto: PutMonitoringLineDto) {
    return this.settings.putMonitoringLine(user, dto);
  }

  @Delete('monitoring-lines/:id')
  @Roles(Role.ADMIN)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '删除一条监测线（管理员；记入审计日志）' })
  @ApiNoContentResponse()
  deleteMonitoringLine(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.settings.deleteMonitoringLine(user, id);
  }

  @Get('workflow')
  @Roles(...READERS)
  @ApiOperation({ summary: '某地区生效的流程期限设置（每项注明设定在哪一级）' })
  @ApiOkResponse({ type: WorkflowSettingsDto })
  getWorkflow(@CurrentUser() user: AuthUser, @Query() query: WorkflowSettingsQueryDto) {
    return this.settings.getWorkflowSettings(user, query.region);
  }

  @Put('workflow')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: '修改省、州市或县的流程期限设置（null 取消本级设置；管理员；记入审计日志）' })
  @ApiOkResponse({ type: WorkflowSettingsDto })
  putWorkflow(@CurrentUser() user: AuthUser, @Body() dto: PutWorkflowSettingsDto) {
    return this.settings.putWorkflowSettings(user, dto);
  }

  @Get('calendar')
  @Roles(...READERS)
  @ApiOperation({ summary: '节假日与调休上班日（按年份、日期范围、类型筛选）' })
  @ApiOkResponse({ type: CalendarPageDto })
  listCalendar(@CurrentUser() user: AuthUser, @Query() query: CalendarQueryDto) {
    return this.calendar.list(user, query);
  }

  @Put('calendar')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: '设定某日为放假或调休上班（省级管理员；记入审计日志）' })
  @ApiOkResponse({ type: CalendarDayDto })
  putCalendarDay(@CurrentUser() user: AuthUser, @Body() dto: PutCalendarDayDto) {
    return this.calendar.put(user, dto);
  }

  @Delete('calendar/:date')
  @Roles(Role.ADMIN)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '删除某日的节假日记录（恢复按星期计算；省级管理员；记入审计日志）' })
  @ApiNoContentResponse()
  deleteCalendarDay(@CurrentUser() user: AuthUser, @Param('date') date: string) {
    return this.calendar.remove(user, date);
  }
}
