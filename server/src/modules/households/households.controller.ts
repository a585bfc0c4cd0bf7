import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import { HouseholdDetailDto, HouseholdPageDto, MemberDto, MemberIdNumberDto } from './dto/household.dto.js';
import { CreateHouseholdDto, HouseholdListQueryDto, UpdateHouseholdDto } from './dto/household-input.dto.js';
import { MemberInputDto, UpdateMemberDto } from './dto/member-input.dto.js';
import { HouseholdsService, ID_NUMBER_VIEWER_ROLES } from './households.service.js';

/** Every cadre reads the registry of their region; department operators do not write it. */
const READERS = [
  Role.GRID_WORKER,
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
  Role.DEPARTMENT_OPERATOR,
  Role.ADMIN,
];
const WRITERS = [Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.ADMIN];

@ApiTags('households')
@ApiBearerAuth()
@Controller('households')
export class HouseholdsController {
  constructor(private readonly households: HouseholdsService) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({ summary: '户列表（本辖区；按地区、户类型、监测类型筛选；q 按姓名前缀或证件号码/手机号/户编号精确查找）' })
  @ApiOkResponse({ type: HouseholdPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: HouseholdListQueryDto) {
    return this.households.list(user, query);
  }

  @Post()
  @Roles(...WRITERS)
  @ApiOperation({ summary: '登记一户及其成员（恰好一名户主）' })
  @ApiCreatedResponse({ type: HouseholdDetailDto })
  @ApiConflictResponse({ description: '证件号码已登记（HOUSEHOLD_ID_NUMBER_TAKEN）' })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateHouseholdDto) {
    return this.households.create(user, dto);
  }

  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({ summary: '一户的信息及成员（证件号码、电话已脱敏）' })
  @ApiOkResponse({ type: HouseholdDetailDto })
  getDetail(@CurrentUser() user: AuthUser, @Param('id') id: string) {
    return this.households.getDetail(user, id);
  }

  @Patch(':id')
  @Roles(...WRITERS)
  @ApiOperation({ summary: '修改户信息（带读取时的 version；已被他人修改时返回 409）' })
  @ApiOkResponse({ type: HouseholdDetailDto })
  @ApiConflictResponse({ description: '版本已过期（HOUSEHOLD_VERSION_CONFLICT）' })
  update(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: UpdateHouseholdDto) {
    return this.households.update(user, id, dto);
  }

  @Post(':id/members')
  @Roles(...WRITERS)
  @ApiOperation({ summary: '增加一名成员' })
  @ApiCreatedResponse({ type: MemberDto })
  addMember(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: MemberInputDto) {
    return this.households.addMember(user, id, dto);
  }

  @Patch(':id/members/:memberId')
  @Roles(...WRITERS)
  @ApiOperation({ summary: '修改一名成员（带该成员的 version）' })
  @ApiOkResponse({ type: MemberDto })
  updateMember(
    @CurrentUser() user: AuthUser,
    @Param('id') id: string,
    @Param('memberId') memberId: string,
    @Body() dto: UpdateMemberDto,
  ) {
    return this.households.updateMember(user, id, memberId, dto);
  }

  @Delete(':id/members/:memberId')
  @Roles(...WRITERS)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '移除一名成员（户主不能移除）' })
  @ApiNoContentResponse()
  removeMember(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('memberId') memberId: string) {
    return this.households.removeMember(user, id, memberId);
  }

  @Get(':id/members/:memberId/id-number')
  @Roles(...ID_NUMBER_VIEWER_ROLES)
  @ApiOperation({ summary: '查看成员的完整证件号码（村干部及以上；每次查看记入审计日志）' })
  @ApiOkResponse({ type: MemberIdNumberDto })
  viewIdNumber(@CurrentUser() user: AuthUser, @Param('id') id: string, @Param('memberId') memberId: string) {
    return this.households.viewIdNumber(user, id, memberId);
  }
}
