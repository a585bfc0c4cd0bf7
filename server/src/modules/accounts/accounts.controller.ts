import { Body, Controller, Get, HttpCode, HttpStatus, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import type { Page } from '../../common/http/pagination.js';
import { AccountsService } from './accounts.service.js';
import { AccountPageDto, AccountResponseDto, RevokeSessionsResponseDto } from './dto/account-response.dto.js';
import { CreateAccountDto } from './dto/create-account.dto.js';
import { ListAccountsQueryDto } from './dto/list-accounts.query.js';
import { UpdateAccountDto } from './dto/update-account.dto.js';


@ApiTags('accounts')
@ApiBearerAuth()
@Roles(Role.ADMIN)
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountsService) {}

  @Post()
  @ApiOperation({ summary: '新建干部账户（管理员，限本辖区）' })
  @ApiCreatedResponse({ type: AccountResponseDto })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateAccountDto): Promise<AccountResponseDto> {
    return this.accounts.create(user, dto);
  }

  @Get()
  @ApiOperation({ summary: '账户列表（本辖区，手机号脱敏）' })
  @ApiOkResponse({ type: AccountPageDto })
  list(@CurrentUser() user: AuthUser, @Query() query: ListAccountsQueryDto): Promise<Page<AccountResponseDto>> {
    return this.accounts.list(user, query);
  }

  @Get(':id')
  @ApiOperation({ summary: '账户详情' })
  @ApiOkResponse({ type: AccountResponseDto })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<AccountResponseDto> {
    return this.accounts.get(user, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改账户：停用/启用、角色、地区、重置密码、手机号、企业微信关联、解锁' })
  @ApiOkResponse({ type: AccountResponseDto })
  update(@CurrentUser() user: AuthUser, @Param('id') id: string, @Body() dto: UpdateAccountDto): Promise<AccountResponseDto> {
    return this.accounts.update(user, id, dto);
  }

  @Post(':id/sessions/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '注销该账户的全部登录（手机丢失时），立即生效' })
  @ApiOkResponse({ type: RevokeSessionsResponseDto })
  revokeSessions(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<RevokeSessionsResponseDto> {
    return this.accounts.revokeSessions(user, id);
  }
}
