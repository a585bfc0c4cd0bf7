import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiExtraModels,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiSecurity,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ApiKeyAllowed, CurrentUser, Roles } from '../../common/auth/decorators.js';
import {
  ApiKeyDto,
  ApiKeyPageDto,
  BatchDto,
  BatchPageDto,
  CreatedApiKeyDto,
  DatasetListDto,
  RowErrorPageDto,
  UnmatchedPageDto,
} from './dto/exchange.dto.js';
import { ApiKeyListQueryDto, BatchListQueryDto, BatchUploadFormDto, CreateApiKeyDto, JsonBatchDto, ReportQueryDto } from './dto/exchange-input.dto.js';
import { ExchangeApiKeysService } from './exchange-api-keys.service.js';
import { ExchangeBatchesService } from './exchange-batches.service.js';
import { ExchangeDatasetsService } from './exchange-datasets.service.js';
import { ExchangeIntakeService } from './exchange-intake.service.js';

const SENDERS = [Role.DEPARTMENT_OPERATOR, Role.ADMIN];

/** 数据共享中心: department data in (files or JSON rows), batch status, error reports, unmatched lists; API keys. */
@ApiTags('exchange')
@ApiBearerAuth()
@ApiSecurity('X-Api-Key')
@Controller('exchange')
export class ExchangeController {
  constructor(
    private readonly datasets: ExchangeDatasetsService,
    private readonly intake: ExchangeIntakeService,
    private readonly batches: ExchangeBatchesService,
    private readonly apiKeys: ExchangeApiKeysService,
  ) {}

  @Get('datasets')
  @ApiKeyAllowed()
  @Roles(...SENDERS, Role.COUNTY_OFFICER, Role.TOWNSHIP_REVIEWER, Role.VILLAGE_CADRE, Role.GRID_WORKER)
  @ApiOperation({ summary: '数据集及其列（行业部门与接口密钥：本部门可报送的；管理员：全部；干部：全部，只读，如按数据来源筛选预警）' })
  @ApiOkResponse({ type: DatasetListDto })
  listDatasets(@CurrentUser() user: AuthUser) {
    return this.datasets.list(user);
  }

  @Get('datasets/:code/template.xlsx')
  @ApiKeyAllowed()
  @Roles(...SENDERS, Role.COUNTY_OFFICER)
  @ApiOperation({ summary: '数据集的空白模板（xlsx：表头一行，另附填写说明）' })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ description: 'xlsx 文件' })
  template(@CurrentUser() user: AuthUser, @Param('code') code: string) {
    return this.datasets.template(user, code);
  }

  @Post('batches')
  @ApiKeyAllowed()
  @Roles(...SENDERS)
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary: '报送一批数据：上传 CSV（UTF-8 或 GBK）/ xlsx 文件，或以 JSON 提交数据行；后台校验、比对、预警',
    description:
      '表头不符、文件为空、超过大小上限（EXCHANGE_MAX_BYTES，默认 50 MB）或不是表格时整批拒收（400/413），什么也不保存。' +
      '同一文件（同一数据集、相同内容）或同一报送方的同一 batchId 再次报送时返回原批次（200，replayed: true），不重复处理。' +
      '接受后返回 202 与批次（status QUEUED），用 GET /exchange/batches/:id 查看进度。',
  })
  @ApiConsumes('multipart/form-data', 'application/json')
  @ApiExtraModels(BatchUploadFormDto, JsonBatchDto)
  @ApiBody({ schema: { oneOf: [{ $ref: getSchemaPath(BatchUploadFormDto) }, { $ref: getSchemaPath(JsonBatchDto) }] } })
  @ApiAcceptedResponse({ type: BatchDto, description: '已接收，后台处理中' })
  @ApiOkResponse({ type: BatchDto, description: '重复报送：原批次（replayed: true）' })
  @ApiBadRequestResponse({ description: '数据集不存在、表头不符（逐列列出）、文件为空或不是 CSV/xlsx' })
  @ApiForbiddenResponse({ description: '无权报送该数据集（如医保账户报送教育数据）' })
  @ApiPayloadTooLargeResponse({ description: '文件超过大小上限' })
  async submit(@CurrentUser() user: AuthUser, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const result = await this.intake.submit(user, request);
    reply.status(result.status);
    return result.body;
  }

  @Get('batches')
  @ApiKeyAllowed()
  @Roles(...SENDERS)
  @ApiOperation({ summary: '报送批次列表（本部门、本地区；接口密钥：其数据集；管理员：全部）' })
  @ApiOkResponse({ type: BatchPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: BatchListQueryDto) {
    return this.batches.list(user, query);
  }

  @Get('batches/:id')
  @ApiKeyAllowed()
  @Roles(...SENDERS)
  @ApiOperation({ summary: '一个批次：状态、各项计数、处理进度' })
  @ApiOkResponse({ type: BatchDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.batches.get(user, id);
  }

  @Get('batches/:id/errors')
  @ApiKeyAllowed()
  @Roles(...SENDERS)
  @ApiOperation({ summary: '错误报告：每个问题一行（行号、列、原因，附该行原文，身份证号脱敏）；format=csv/xlsx 下载全部' })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: RowErrorPageDto })
  errors(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() query: ReportQueryDto) {
    return this.batches.errors(user, id, query);
  }

  @Get('batches/:id/unmatched')
  @ApiKeyAllowed()
  @Roles(...SENDERS)
  @ApiOperation({ summary: '未匹配名单：户籍登记中找不到的人员（行号、脱敏身份证号和姓名）；format=csv/xlsx 下载全部' })
  @ApiProduces('application/json', 'text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({ type: UnmatchedPageDto })
  unmatched(@CurrentUser() user: AuthUser, @Param('id') id: string, @Query() query: ReportQueryDto) {
    return this.batches.unmatched(user, id, query);
  }

  @Post('api-keys')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: '为部门系统创建接口密钥（管理员；限定部门、数据集和地区；完整密钥只在此返回一次）' })
  @ApiOkResponse({ type: CreatedApiKeyDto })
  createApiKey(@CurrentUser() user: AuthUser, @Body() dto: CreateApiKeyDto) {
    return this.apiKeys.create(user, dto);
  }

  @Get('api-keys')
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: '接口密钥列表（管理员，本辖区；不含密钥本身）' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  listApiKeys(@CurrentUser() user: AuthUser, @Query() query: ApiKeyListQueryDto) {
    return this.apiKeys.list(user, query);
  }

  @Post('api-keys/:id/revoke')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.ADMIN)
  @ApiOperation({ summary: '停用接口密钥（立即生效；记入审计日志）' })
  @ApiOkResponse({ type: ApiKeyDto })
  revokeApiKey(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.apiKeys.revoke(user, id);
  }
}
