import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { CurrentUser, Roles } from '../../common/auth/decorators.js';
import { Client } from './client-meta.decorator.js';
import { MeContactDto, MeResponseDto } from './dto/account-response.dto.js';
import { BindMemberDto } from './dto/binding.dto.js';
import { MeService } from './me.service.js';
import type { ClientMeta } from './sessions.service.js';

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  @Get()
  @ApiOperation({ summary: '当前登录账户（角色、辖区、群众绑定的家庭成员）' })
  @ApiOkResponse({ type: MeResponseDto })
  get(@CurrentUser() user: AuthUser): Promise<MeResponseDto> {
    return this.me.getMe(user);
  }

  @Get('contact')
  @Roles(Role.CITIZEN)
  @ApiOperation({ summary: '群众本户登记的联系电话（用于申请表预填；查看留痕）' })
  @ApiOkResponse({ type: MeContactDto })
  contact(@CurrentUser() user: AuthUser): Promise<MeContactDto> {
    return this.me.getContact(user);
  }

  @Post('binding')
  @HttpCode(HttpStatus.OK)
  @Roles(Role.CITIZEN)
  @ApiOperation({ summary: '群众绑定家庭成员（姓名 + 身份证号核对；每账户、每地址10分钟内限次）' })
  @ApiOkResponse({ type: MeResponseDto })
  bind(@CurrentUser() user: AuthUser, @Body() dto: BindMemberDto, @Client() client: ClientMeta): Promise<MeResponseDto> {
    return this.me.bind(user, dto, client);
  }

  @Delete('binding')
  @Roles(Role.CITIZEN)
  @ApiOperation({ summary: '解除绑定' })
  @ApiOkResponse({ type: MeResponseDto })
  unbind(@CurrentUser() user: AuthUser): Promise<MeResponseDto> {
    return this.me.unbind(user);
  }
}
