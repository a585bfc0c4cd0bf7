import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import { CaseQueryService } from './case-query.service.js';
import { CasesService } from './cases.service.js';
import { CreateClaimDto } from './dto/claim-input.dto.js';
import { MyClaimsQueryDto } from './dto/case-input.dto.js';
import { ClaimConsentDto, MyClaimDto, MyClaimPageDto } from './dto/case.dto.js';
import { CLAIM_CONSENT } from '@jiuzhu/shared/consent';

/** The citizen's side: raise a request (群众举手 / 他人代举) and follow it. */
@ApiTags('claims')
@ApiBearerAuth()
@Controller()
export class ClaimsController {
  constructor(
    private readonly cases: CasesService,
    private readonly queries: CaseQueryService,
  ) {}

  @Get('claims/consent')
  @ApiOperation({ summary: '《承诺授权书》当前文本和版本（申请时须阅读并同意；提交时带 consentVersion）' })
  @ApiOkResponse({ type: ClaimConsentDto })
  consent(): ClaimConsentDto {
    return { version: CLAIM_CONSENT.version, title: CLAIM_CONSENT.title, paragraphs: [...CLAIM_CONSENT.paragraphs] };
  }

  @Post('claims')
  @Roles(Role.CITIZEN)
  @ApiOperation({
    summary: '群众提交困难申请（本户或替他人）；带 Idempotency-Key 重试只受理一次',
    description: '重复提交同一 Idempotency-Key 返回第一次的结果（响应头 Idempotency-Replayed: true），不会重复受理。',
  })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '8-128 位字母、数字、_ 或 -；同一申请重试时不变' })
  @ApiCreatedResponse({ type: MyClaimDto })
  @ApiBadRequestResponse({ description: '内容有误（如未同意承诺授权书），details 逐项列出' })
  @ApiConflictResponse({ description: '该户已有正在办理的申请（CASE_ALREADY_OPEN）' })
  async submit(
    @CurrentUser() user: AuthUser,
    @Headers('idempotency-key') key: string | undefined,
    @Body() dto: CreateClaimDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.cases.submitClaim(user, key, dto);
    reply.status(result.status).header('Idempotency-Replayed', String(result.replayed));
    return result.body;
  }

  @Get('my/claims')
  @Roles(Role.CITIZEN)
  @ApiOperation({ summary: '我的申请：本人提交的（含替他人提交的）和关于本户的，含进度、期限和各级意见' })
  @ApiOkResponse({ type: MyClaimPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: MyClaimsQueryDto) {
    return this.queries.myClaims(user, query);
  }

  @Get('my/claims/:id')
  @Roles(Role.CITIZEN)
  @ApiOperation({ summary: '我的一项申请' })
  @ApiOkResponse({ type: MyClaimDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.queries.myClaim(user, id);
  }
}
