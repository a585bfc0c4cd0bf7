import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Role } from '@jiuzhu/shared';
import { AccountsService } from '../accounts/accounts.service.js';
import type { ClientMeta } from '../accounts/sessions.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthException } from './auth.exception.js';
import { AuthService } from './auth.service.js';
import type { TokenResponseDto } from './dto/login.dto.js';
import { WechatLoginProvider } from './providers/wechat-login.provider.js';
import { WecomLoginProvider } from './providers/wecom-login.provider.js';

/** Login through WeChat (citizens, account made on first login) and WeCom (cadres linked by an admin). */
@Injectable()
export class SocialLoginService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly auth: AuthService,
    private readonly audit: AuditService,
    private readonly wechat: WechatLoginProvider,
    private readonly wecom: WecomLoginProvider,
  ) {}

  async wechatLogin(code: string, client: ClientMeta): Promise<TokenResponseDto> {
    const session = await this.wechat.code2Session(code);
    const { account } = await this.dataSource.transaction((manager) =>
      this.accounts.findOrCreateCitizen(manager, session.openid, session.unionid ?? null),
    );
    if (account.role !== Role.CITIZEN || !account.isActive) throw AuthException.disabled();
    return this.auth.startSession(account, client, 'wechat');
  }

  async wecomLogin(code: string, client: ClientMeta): Promise<TokenResponseDto> {
    const { userid } = await this.wecom.getUserInfo(code);
    let account = await this.accounts.findByWecomUserid(userid);
    // the development stand-in also finds a cadre by username, so the demo needs no linking step
    if (!account && this.wecom.kind === 'dev') account = await this.accounts.findByUsername(userid);
    if (!account || account.role === Role.CITIZEN) {
      await this.audit.record(null, {
        actor: null,
        action: 'account.login-failed',
        entityType: 'account',
        after: { wecomUserid: userid.slice(0, 64), reason: 'wecom-not-linked' },
      });
      throw AuthException.wecomNotLinked();
    }
    if (!account.isActive) throw AuthException.disabled();
    return this.auth.startSession(account, client, 'wecom');
  }
}
