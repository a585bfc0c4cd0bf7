import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import { CaseQueryService } from './case-query.service.js';
import { CaseTransitionService } from './case-transition.service.js';
import { CasesService } from './cases.service.js';
import {
  AnalyzeActionDto,
  CountyConfirmActionDto,
  PublicizeCloseActionDto,
  PublicizeStartActionDto,
  ReasonActionDto,
  SurveyActionDto,
  TownshipApproveActionDto,
} from './dto/case-action.dto.js';
import { CaseListQueryDto, CreateCaseDto } from './dto/case-input.dto.js';
import { CaseDetailDto, CasePageDto } from './dto/case.dto.js';

/** The cadres who work cases (department operators see warnings, not cases). */
const CASE_READERS = [Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.ADMIN];
const CASE_WRITERS = [Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER];
/** Every role in the workflow table may call the action endpoint; the table decides (403 / 409). */
const CASE_ACTORS = [Role.CITIZEN, ...CASE_WRITERS];

const ACTION_BODY_TYPES = [
  AnalyzeActionDto,
  SurveyActionDto,
  PublicizeStartActionDto,
  PublicizeCloseActionDto,
  TownshipApproveActionDto,
  ReasonActionDto,
  CountyConfirmActionDto,
];

@ApiTags('cases')
@ApiBearerAuth()
@ApiExtraModels(...ACTION_BODY_TYPES)
@Controller('cases')
export class CasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly queries: CaseQueryService,
    private readonly transitions: CaseTransitionService,
  ) {}

  @Get()
  @Roles(...CASE_READERS)
  @ApiOperation({
    summary: '案件列表（本辖区；按状态、步骤、地区、来源、是否超期、是否由我负责筛选；办理中的在前，期限近的在前）',
  })
  @ApiOkResponse({ type: CasePageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: CaseListQueryDto) {
    return this.queries.list(user, query);
  }

  @Post()
  @Roles(...CASE_WRITERS)
  @ApiOperation({ summary: '干部录入案件（任何来源：纸质申请、排查发现、部门预警、热线、干部发现）' })
  @ApiCreatedResponse({ type: CaseDetailDto })
  @ApiConflictResponse({ description: '该户已有正在办理的案件（CASE_ALREADY_OPEN）' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCaseDto) {
    return this.cases.create(user, dto);
  }

  @Get(':id')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: '案件详情：办理过程、附件、当前用户可执行的操作' })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiNotFoundResponse({ description: '不存在或不在本辖区' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.queries.getDetail(user, id);
  }

  @Post(':id/actions')
  @Roles(...CASE_ACTORS)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: '办理一步：{action, version, ...该步骤的内容}',
    description:
      'action 取值见 CaseAction；各步骤须填写的内容见对应的请求体。角色不能执行该操作 403（ROLE_NOT_ALLOWED）；' +
      '当前状态不能执行 409（ACTION_NOT_ALLOWED_IN_STATUS）；version 已过期 409（CASE_VERSION_CONFLICT）；' +
      '内容缺失或有误 400（逐项列出）；不在本辖区 404。群众只能撤回本人提交的申请（返回“我的申请”格式）。',
  })
  @ApiBody({
    schema: { oneOf: ACTION_BODY_TYPES.map((type) => ({ $ref: getSchemaPath(type) })) },
    description: 'analyze.proceed / analyze.dismiss: AnalyzeActionDto；survey.submit: SurveyActionDto；publicize.start: ' +
      'PublicizeStartActionDto；publicize.close: PublicizeCloseActionDto；township.approve: TownshipApproveActionDto；' +
      'township.return、county.reject、county.return、withdraw: ReasonActionDto；county.confirm: CountyConfirmActionDto',
  })
  @ApiOkResponse({ type: CaseDetailDto })
  @ApiBadRequestResponse({ description: '内容缺失或有误（VALIDATION_FAILED，details 逐项列出）' })
  @ApiForbiddenResponse({ description: '角色不能执行该操作（ROLE_NOT_ALLOWED）' })
  @ApiConflictResponse({ description: 'ACTION_NOT_ALLOWED_IN_STATUS、CASE_VERSION_CONFLICT、NOTICE_PERIOD_NOT_OVER、OBJECTIONS_UNANSWERED' })
  act(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() body: Record<string, unknown>) {
    return this.transitions.act(user, id, body);
  }
}
