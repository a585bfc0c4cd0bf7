import { createSecretKey } from 'node:crypto';
import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { AppConfigService } from '../../config/app-config.service.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { JwtAuthGuard } from './guards/jwt-auth.guard.js';
import { RolesGuard } from './guards/roles.guard.js';
import { configureLoginThrottle } from './login-throttle.js';
import {
  DevWechatLoginProvider,
  DisabledWechatLoginProvider,
  HttpWechatLoginProvider,
  WechatLoginProvider,
} from './providers/wechat-login.provider.js';
import {
  DevWecomLoginProvider,
  DisabledWecomLoginProvider,
  HttpWecomLoginProvider,
  WecomLoginProvider,
} from './providers/wecom-login.provider.js';
import { SocialLoginService } from './social-login.service.js';
import { TokenService } from './token.service.js';

const logger = new Logger('Auth');

/** Used only outside production when JWT_SECRET is not set (production refuses to start without it). */
const DEVELOPMENT_JWT_SECRET = 'jiuzhu-development-jwt-secret-never-use-in-production';

function jwtSecret(config: AppConfigService): string {
  const secret = config.get('JWT_SECRET');
  if (secret) return secret;
  if (config.isProduction) throw new Error('JWT_SECRET is required in production');
  logger.warn('JWT_SECRET is not set: using the development secret. Never do this in production.');
  return DEVELOPMENT_JWT_SECRET;
}

function wechatProvider(config: AppConfigService): WechatLoginProvider {
  const appId = config.get('WECHAT_APP_ID');
  if (appId) {
    const appSecret = config.get('WECHAT_APP_SECRET');
    if (!appSecret) throw new Error('WECHAT_APP_SECRET is required when WECHAT_APP_ID is set');
    return new HttpWechatLoginProvider({
      apiBase: config.get('WECHAT_API_BASE'),
      appId,
      appSecret,
      timeoutMs: config.get('LOGIN_PROVIDER_TIMEOUT_MS'),
    });
  }
  if (config.isProduction) {
    logger.warn('WECHAT_APP_ID is not set: WeChat login is off.');
    return new DisabledWechatLoginProvider();
  }
  logger.warn('WECHAT_APP_ID is not set: WeChat login accepts development codes (dev:<id>).');
  return new DevWechatLoginProvider();
}

function wecomProvider(config: AppConfigService): WecomLoginProvider {
  const corpId = config.get('WECOM_CORP_ID');
  if (corpId) {
    const secret = config.get('WECOM_SECRET');
    if (!secret) throw new Error('WECOM_SECRET is required when WECOM_CORP_ID is set');
    return new HttpWecomLoginProvider({
      apiBase: config.get('WECOM_API_BASE'),
      corpId,
      secret,
      timeoutMs: config.get('LOGIN_PROVIDER_TIMEOUT_MS'),
    });
  }
  if (config.isProduction) {
    logger.warn('WECOM_CORP_ID is not set: WeCom login is off.');
    return new DisabledWecomLoginProvider();
  }
  logger.warn('WECOM_CORP_ID is not set: WeCom login accepts development codes (dev:<username>).');
  return new DevWecomLoginProvider();
}

/**
 * Login (password, WeChat, WeCom), tokens and the two global guards: JwtAuthGuard (every route needs a
 * live login unless @Public) and RolesGuard (@Roles). Registered as APP_GUARD here, in this order.
 */
@Module({
  imports: [
    AccountsModule,
    JwtModule.registerAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({
        // One key object for the process: given a string, jsonwebtoken first tries it as a public key (a thrown
        // error) and then builds a secret key, on every sign and verify (~6.5 % of CPU under load).
        secret: createSecretKey(Buffer.from(jwtSecret(config))) as unknown as string,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SocialLoginService,
    TokenService,
    { provide: WechatLoginProvider, inject: [AppConfigService], useFactory: wechatProvider },
    { provide: WecomLoginProvider, inject: [AppConfigService], useFactory: wecomProvider },
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [TokenService],
})
export class AuthModule implements OnModuleInit {
  constructor(private readonly config: AppConfigService) {}

  onModuleInit(): void {
    configureLoginThrottle(this.config);
  }
}
