import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../common/auth/decorators.js';
import { Client } from '../accounts/client-meta.decorator.js';
import type { ClientMeta } from '../accounts/sessions.service.js';
import { AuthService } from './auth.service.js';
import { CodeLoginDto, LoginDto, RefreshDto, TokenResponseDto } from './dto/login.dto.js';
import { PasswordLoginThrottle } from './login-throttle.js';
import { SocialLoginService } from './social-login.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly social: SocialLoginService,
  ) {}

  @Post('login')
  @Public()
  @PasswordLoginThrottle()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '用户名密码登录（连续输错5次锁定15分钟）' })
  @ApiOkResponse({ type: TokenResponseDto })
  login(@Body() dto: LoginDto, @Client() client: ClientMeta): Promise<TokenResponseDto> {
    return this.auth.login(dto, client);
  }

  @Post('refresh')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '用 refreshToken 换新的令牌（旧 refreshToken 随即失效，重复使用将注销整条登录）' })
  @ApiOkResponse({ type: TokenResponseDto })
  refresh(@Body() dto: RefreshDto, @Client() client: ClientMeta): Promise<TokenResponseDto> {
    return this.auth.refresh(dto, client);
  }

  @Post('logout')
  @Public()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: '退出登录（该登录的 accessToken 立即失效）' })
  @ApiNoContentResponse()
  logout(@Body() dto: RefreshDto): Promise<void> {
    return this.auth.logout(dto);
  }

  @Post('wechat')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '群众微信小程序登录（首次登录自动建立账户）' })
  @ApiOkResponse({ type: TokenResponseDto })
  wechat(@Body() dto: CodeLoginDto, @Client() client: ClientMeta): Promise<TokenResponseDto> {
    return this.social.wechatLogin(dto.code, client);
  }

  @Post('wecom')
  @Public()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: '干部企业微信登录（须由管理员关联企业微信账号）' })
  @ApiOkResponse({ type: TokenResponseDto })
  wecom(@Body() dto: CodeLoginDto, @Client() client: ClientMeta): Promise<TokenResponseDto> {
    return this.social.wecomLogin(dto.code, client);
  }
}
