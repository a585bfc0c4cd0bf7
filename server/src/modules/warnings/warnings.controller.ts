import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiKeyAllowed, CurrentUser, Roles } from '../../common/auth/decorators.js';
import { FeedbackPageDto, WarningActionResultDto, WarningDto, WarningPageDto, WarningRuleDto, WarningRulePageDto } from './dto/warning.dto.js';
import {
  CreateWarningRuleDto,
  FeedbackQueryDto,
  UpdateWarningRuleDto,
  WarningActionDto,
  WarningListQueryDto,
  WarningRuleListQueryDto,
} from './dto/warning-input.dto.js';
import { WarningRulesService } from './warning-rules.service.js';
import { WARNING_READER_ROLES, WarningsService } from './warnings.service.js';

@ApiTags('warnings')
@ApiBearerAuth()
@Controller('warnings')
export class WarningsController {
  constructor(private readonly warnings: WarningsService) {}

  @Get()
  @Roles(...WARNING_READER_ROLES)
  @ApiOperation({ summary: '部门预警列表（本辖区；按状态、地区、数据集、级别、月份、户编号或姓名筛选；高级别、新的在前）' })
  @ApiOkResponse({ type: WarningPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: WarningListQueryDto) {
    return this.warnings.list(user, query);
  }

  @Get(':id')
  @Roles(...WARNING_READER_ROLES)
  @ApiOperation({ summary: '一条预警：户、规则、证据（部门记录，脱敏）、处理情况' })
  @ApiOkResponse({ type: WarningDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.warnings.get(user, id);
  }

  @Post(':id/actions')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER)
  @ApiOperation({ summary: '处理预警：verify 开始核实；dismiss 排除（须填理由）；open-case 立案（申报环节，来源部门预警；已有在办案件则关联）' })
  @ApiOkResponse({ type: WarningActionResultDto })
  @ApiConflictResponse({ description: '版本号过期（WARNING_VERSION_CONFLICT）或当前状态不能执行该操作（WARNING_STATUS_CONFLICT）' })
  act(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: WarningActionDto) {
    return this.warnings.act(user, id, dto);
  }
}

@ApiTags('warnings')
@ApiBearerAuth()
@Controller('warning-rules')
export class WarningRulesController {
  constructor(private readonly rules: WarningRulesService) {}

  @Get()
  @Roles(Role.ADMIN, Role.COUNTY_OFFICER)
  @ApiOperation({ summary: '预警规则（管理员：全部；县级：适用于本县的）' })
  @ApiOkResponse({ type: WarningRulePageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: WarningRuleListQueryDto) {
    return this.rules.list(user, query);
  }

  @Get(':id')
  @Roles(Role.ADMIN, Role.COUNTY_OFFICER)
  @ApiOperation({ summary: '一条预警规则' })
  @ApiOkResponse({ type: WarningRuleDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.rules.get(user, id);
  }

  @Post()
  @Roles(Role.ADMIN, Role.COUNTY_OFFICER)
  @ApiOperation({ summary: '新建预警规则（县级干部只能建本县的；自下一批数据起生效；记入审计日志）' })
  @ApiCreatedResponse({ type: WarningRuleDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateWarningRuleDto) {
    return this.rules.create(user, dto);
  }

  @Patch(':id')
  @Roles(Role.ADMIN, Role.COUNTY_OFFICER)
  @ApiOperation({ summary: '修改或停用（active: false）预警规则；须带当前版本号，过期 409；自下一批数据起生效' })
  @ApiOkResponse({ type: WarningRuleDto })
  @ApiConflictResponse({ description: '版本号过期（WARNING_RULE_VERSION_CONFLICT）' })
  update(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: UpdateWarningRuleDto) {
    return this.rules.update(user, id, dto);
  }
}

@ApiTags('exchange')
@ApiBearerAuth()
@ApiSecurity('X-Api-Key')
@Controller('exchange')
export class ExchangeFeedbackController {
  constructor(private readonly warnings: WarningsService) {}

  @Get('feedback')
  @ApiKeyAllowed()
  @Roles(Role.DEPARTMENT_OPERATOR, Role.ADMIN)
  @ApiOperation({ summary: '核实结果反馈：本部门数据产生的每条预警的处理状态、排除理由或案件编号及办理状态（身份证号脱敏，附原行号）' })
  @ApiOkResponse({ type: FeedbackPageDto })
  feedback(@CurrentUser() user: AuthUser, @Query() query: FeedbackQueryDto) {
    return this.warnings.feedback(user, query);
  }
}
