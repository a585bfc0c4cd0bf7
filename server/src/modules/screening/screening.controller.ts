import { Body, Controller, Delete, Get, Headers, HttpCode, HttpStatus, Param, Post, Put, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import {
  GenerateRoundsResultDto,
  ResolvedConflictDto,
  ScreeningConflictPageDto,
  ScreeningProgressDto,
  ScreeningResultPageDto,
  ScreeningScopeDto,
  ScreeningTaskPageDto,
  SubmitScreeningResultsResponseDto,
} from './dto/screening.dto.js';
import {
  ConflictListQueryDto,
  GenerateRoundsDto,
  ProgressQueryDto,
  PutScreeningScopeDto,
  ResolveConflictDto,
  ResultHistoryQueryDto,
  ScopeQueryDto,
  SubmitScreeningResultsDto,
  TaskListQueryDto,
} from './dto/screening-input.dto.js';
import { ScreeningGenerationService } from './screening-generation.service.js';
import { ScreeningResultsBodyPipe, type SubmitScreeningResultsBody } from './screening-results-body.pipe.js';
import { ScreeningResultsService } from './screening-results.service.js';
import { ScreeningScopeService } from './screening-scope.service.js';
import { ScreeningService } from './screening.service.js';

const WORKERS = [Role.GRID_WORKER, Role.VILLAGE_CADRE];
const READERS = [Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.ADMIN];

/** 一月一筛查: monthly rounds and tasks, the phones' download and upload, conflicts, progress, scope. */
@ApiTags('screening')
@ApiBearerAuth()
@Controller('screening')
export class ScreeningController {
  constructor(
    private readonly screening: ScreeningService,
    private readonly results: ScreeningResultsService,
    private readonly generation: ScreeningGenerationService,
    private readonly scopes: ScreeningScopeService,
  ) {}

  @Post('rounds/generate')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ADMIN, Role.COUNTY_OFFICER)
  @ApiOperation({
    summary: '生成某月的筛查轮次和任务（每个网格一轮、范围内每户一个任务）；重复执行不会重复生成',
    description: '县级干部只能生成本县（或其下级地区）；管理员不填地区为其辖区的所有县。每月1日起系统也会自动生成。',
  })
  @ApiOkResponse({ type: GenerateRoundsResultDto })
  generate(@CurrentUser() user: AuthUser, @Body() dto: GenerateRoundsDto) {
    return this.generation.generate(user, dto);
  }

  @Get('tasks')
  @Roles(...WORKERS)
  @ApiOperation({
    summary: '本月筛查任务（网格员：本网格；村干部：本村），含户卡片、上次结果和本月结果，供离线保存',
    description: '户卡片与列表一样脱敏：成员只有姓名、关系、脱敏证件号和年龄，不含健康状况和完整证件号。',
  })
  @ApiOkResponse({ type: ScreeningTaskPageDto })
  tasks(@CurrentUser() user: AuthUser, @Query() query: TaskListQueryDto) {
    return this.screening.tasks(user, query);
  }

  @Post('results')
  @HttpCode(HttpStatus.OK)
  @Roles(...WORKERS)
  @ApiOperation({
    summary: '提交筛查结果（1-100条，可为离线时记录的）；每条单独保存，同一 clientId 只保存一次',
    description:
      '每条结果的 outcome：STORED 已保存；DUPLICATE 以前已保存；CONFLICT 已保存但下载后该户被修改或本月已有他人提交，待处理；' +
      'REJECTED 未保存（errors 列出原因）。发现风险（有风险类型或任一项有问题）且无冲突时自动立案（来源：排查发现，申报环节）。',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8-128 位字母、数字、_ 或 -；同一请求重试时不变' })
  @ApiBody({ type: SubmitScreeningResultsDto })
  @ApiOkResponse({ type: SubmitScreeningResultsResponseDto })
  @ApiBadRequestResponse({ description: '请求格式有误（details 逐项列出，如 results[2].checklist）：整批未处理' })
  @ApiUnauthorizedResponse({ description: '登录已失效（如手机丢失后管理员注销了登录）：整批未保存' })
  submit(
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body(ScreeningResultsBodyPipe) body: SubmitScreeningResultsBody,
  ) {
    return this.results.submit(user, key, body as SubmitScreeningResultsDto);
  }

  @Get('results')
  @Roles(...READERS)
  @ApiOperation({ summary: '筛查记录：一户的历次结果（户页面），或辖区内的全部；新的在前' })
  @ApiOkResponse({ type: ScreeningResultPageDto })
  history(@CurrentUser() user: AuthUser, @Query() query: ResultHistoryQueryDto) {
    return this.screening.history(user, query);
  }

  @Get('conflicts')
  @Roles(...WORKERS)
  @ApiOperation({ summary: '待处理的筛查冲突（本辖区；不填月份为全部）' })
  @ApiOkResponse({ type: ScreeningConflictPageDto })
  conflicts(@CurrentUser() user: AuthUser, @Query() query: ConflictListQueryDto) {
    return this.screening.conflicts(user, query);
  }

  @Post('results/:id/resolve')
  @HttpCode(HttpStatus.OK)
  @Roles(...WORKERS)
  @ApiOperation({ summary: '处理冲突：KEEP 保留（计为本月结果，有风险则立案）或 DISCARD 作废' })
  @ApiOkResponse({ type: ResolvedConflictDto })
  @ApiConflictResponse({ description: '已处理过（SCREENING_ALREADY_RESOLVED）或不是冲突（SCREENING_NOT_CONFLICT）' })
  resolve(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: ResolveConflictDto) {
    return this.results.resolve(user, id, dto);
  }

  @Get('progress')
  @Roles(...READERS)
  @ApiOperation({ summary: '筛查进度：按下一级地区汇总任务数、已筛查、待处理冲突和发现风险户数' })
  @ApiOkResponse({ type: ScreeningProgressDto })
  progress(@CurrentUser() user: AuthUser, @Query() query: ProgressQueryDto) {
    return this.screening.progress(user, query);
  }

  @Get('scope')
  @Roles(...READERS)
  @ApiOperation({ summary: '某地区生效的筛查范围（哪些户纳入每月筛查）及其来源' })
  @ApiOkResponse({ type: ScreeningScopeDto })
  scope(@CurrentUser() user: AuthUser, @Query() query: ScopeQueryDto) {
    return this.scopes.get(user, query.region);
  }

  @Put('scope')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: '设置某地区的筛查范围（管理员；省为默认，州市、县可覆盖）' })
  @ApiOkResponse({ type: ScreeningScopeDto })
  putScope(@CurrentUser() user: AuthUser, @Body() dto: PutScreeningScopeDto) {
    return this.scopes.put(user, dto);
  }

  @Delete('scope/:regionCode')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: '取消某地区自己的筛查范围设置（恢复上一级或系统默认）' })
  @ApiOkResponse({ type: ScreeningScopeDto })
  removeScope(@CurrentUser() user: AuthUser, @Param('regionCode') regionCode: string) {
    return this.scopes.remove(user, regionCode);
  }
}
