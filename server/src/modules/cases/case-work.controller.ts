import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import { CaseBulkService } from './case-bulk.service.js';
import { CaseLookupService } from './case-lookup.service.js';
import { BulkActionDto, BulkActionResponseDto, BulkCandidatePageDto, BulkCandidatesQueryDto, MAX_BULK_ITEMS } from './dto/case-bulk.dto.js';
import { HouseholdSurveysQueryDto } from './dto/case-input.dto.js';
import { CaseWorkerListDto, HouseholdSurveyPageDto } from './dto/case.dto.js';

const CASE_READERS = [Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.ADMIN];

/** What the government app's case screens need besides the case itself: bulk approval and look-ups for the forms. */
@ApiTags('cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseWorkController {
  constructor(
    private readonly bulk: CaseBulkService,
    private readonly lookups: CaseLookupService,
  ) {}

  @Get('bulk-candidates')
  @Roles(Role.TOWNSHIP_REVIEWER)
  @ApiOperation({
    summary: '待乡镇审核的案件及能否批量同意（clean：无未答复异议、未被退回过、调查完整；否则列出原因）',
  })
  @ApiOkResponse({ type: BulkCandidatePageDto })
  candidates(@CurrentUser() user: AuthUser, @Query() query: BulkCandidatesQueryDto) {
    return this.bulk.candidates(user, query);
  }

  @Post('bulk-actions')
  @Roles(Role.TOWNSHIP_REVIEWER)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: `批量办理（乡镇同意，最多${MAX_BULK_ITEMS}件，同一意见）`,
    description:
      '每个案件单独办理（各自的事务、办理记录、审计和通知），带读取时的 version。逐件返回结果：DONE 已办理；' +
      'CONFLICT 已被他人处理（version 已过期）；REFUSED 未办理（不在辖区、不在乡镇审核环节、不符合批量条件 CASE_NOT_CLEAN 等，message 说明原因）。',
  })
  @ApiOkResponse({ type: BulkActionResponseDto })
  @ApiBadRequestResponse({ description: '意见为空、未选案件、超过50件或重复（VALIDATION_FAILED）' })
  bulkAct(@CurrentUser() user: AuthUser, @Body() dto: BulkActionDto) {
    return this.bulk.act(user, dto);
  }

  @Get('surveys')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: '一户历次实地调查的收入情况（人均纯收入与监测线比较），新的在前' })
  @ApiOkResponse({ type: HouseholdSurveyPageDto })
  @ApiNotFoundResponse({ description: '户不存在或不在本辖区' })
  surveys(@CurrentUser() user: AuthUser, @Query() query: HouseholdSurveysQueryDto) {
    return this.lookups.householdSurveys(user, query);
  }

  @Get(':id/workers')
  @Roles(...CASE_READERS)
  @ApiOperation({ summary: '可负责或参与调查该案件的干部（负责该村或网格的在岗干部）' })
  @ApiOkResponse({ type: CaseWorkerListDto })
  @ApiNotFoundResponse({ description: '不存在或不在本辖区' })
  workers(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.lookups.workers(user, id);
  }
}
