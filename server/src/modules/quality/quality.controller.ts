import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import { QualityCheckDto, QualityFindingPageDto, QualityRunDto, QualityRunPageDto } from './dto/quality.dto.js';
import { CreateQualityRunDto, QualityExportQueryDto, QualityFindingQueryDto, QualityRunListQueryDto } from './dto/quality-input.dto.js';
import { QualityFindingsService } from './quality-findings.service.js';
import { QualityService } from './quality.service.js';

const RUNNERS = [Role.ADMIN, Role.COUNTY_OFFICER, Role.TOWNSHIP_REVIEWER];
const READERS = [Role.ADMIN, Role.COUNTY_OFFICER, Role.TOWNSHIP_REVIEWER, Role.VILLAGE_CADRE, Role.GRID_WORKER];

/** 数据质量 账账相符、账实相符: runs of the checks over the registry and the 问题清单 they find. */
@ApiTags('quality')
@ApiBearerAuth()
@Controller('quality')
export class QualityController {
  constructor(
    private readonly quality: QualityService,
    private readonly findings: QualityFindingsService,
  ) {}

  @Get('checks')
  @Roles(...READERS)
  @ApiOperation({ summary: '数据质量检查项：代码、名称、如何整改、依据的数据、尚缺的数据' })
  @ApiOkResponse({ type: [QualityCheckDto] })
  checks() {
    return this.quality.checks();
  }

  @Post('runs')
  @HttpCode(HttpStatus.ACCEPTED)
  @Roles(...RUNNERS)
  @ApiOperation({
    summary: '发起数据质量检查（在后台执行）；同一地区同一天只有一次检查，再次发起时重新执行这一次（问题清单被替换，不会重复）',
    description:
      '县级干部、乡镇审核人、管理员，地区须在辖区内（默认为本人辖区）。检查中或排队中再次发起时返回同一次检查。' +
      'recheckIdNumbers 为 true 时还解密并复核全部证件号码（只限县级干部和管理员，记入审计日志）。每月1日起系统也为每个县自动检查一次。',
  })
  @ApiAcceptedResponse({ type: QualityRunDto })
  request(@CurrentUser() user: AuthUser, @Body() dto: CreateQualityRunDto) {
    return this.quality.request(user, dto);
  }

  @Get('runs')
  @Roles(...READERS)
  @ApiOperation({ summary: '数据质量检查记录（在本人辖区内或覆盖本人辖区的），新的在前；计数只含本人辖区' })
  @ApiOkResponse({ type: QualityRunPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: QualityRunListQueryDto) {
    return this.quality.list(user, query);
  }

  @Get('runs/:id')
  @Roles(...READERS)
  @ApiOperation({ summary: '一次检查的状态、进度和每项检查的问题户数（只计本人辖区内）' })
  @ApiOkResponse({ type: QualityRunDto })
  @ApiNotFoundResponse({ description: '不存在或不在本辖区' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.quality.get(user, id);
  }

  @Get('findings')
  @Roles(...READERS)
  @ApiOperation({
    summary: '问题清单：一次检查发现的问题户（本人辖区内），按网格和户编号排列',
    description: '不填 run 时为覆盖该地区的最近一次已完成检查（还没有时 run 为 null、列表为空）。户主姓名脱敏，不含证件号码和电话。',
  })
  @ApiOkResponse({ type: QualityFindingPageDto })
  @ApiNotFoundResponse({ description: '指定的检查不存在或不在本辖区' })
  findingList(@CurrentUser() user: AuthUser, @Query() query: QualityFindingQueryDto) {
    return this.findings.list(user, query);
  }

  @Get('findings/export')
  @Roles(...READERS)
  @ApiOperation({
    summary: '导出问题清单（.xlsx，逐行写出）：县、乡镇、村、户编号、户主（脱敏）、问题、说明',
    description: '筛选条件与问题清单相同；导出记入审计日志。文件名为中文（Content-Disposition 的 filename*）。',
  })
  @ApiProduces('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  @ApiOkResponse({
    description: '问题清单工作簿',
    content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } },
  })
  @ApiNotFoundResponse({ description: '该地区还没有完成的检查（QUALITY_NO_RUN），或指定的检查不在本辖区' })
  @ApiConflictResponse({ description: '该次检查尚未完成（QUALITY_RUN_NOT_DONE）' })
  export(@CurrentUser() user: AuthUser, @Query() query: QualityExportQueryDto) {
    return this.findings.export(user, query);
  }
}
