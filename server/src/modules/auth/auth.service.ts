import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccountsService } from '../accounts/accounts.service.js';
import type { Account } from '../accounts/entities/account.entity.js';
import { SessionRevokeReason } from '../accounts/entities/session.entity.js';
import { MeService } from '../accounts/me.service.js';
import { PasswordService } from '../accounts/password.service.js';
import { ClientMeta, SessionsService } from '../accounts/sessions.service.js';
import { AuditService } from '../audit/audit.service.js';
import { AuthException } from './auth.exception.js';
import type { LoginDto, RefreshDto, TokenResponseDto } from './dto/login.dto.js';
import { TokenService } from './token.service.js';

export const actorOf = (account: Pick<Account, 'id' | 'role' | 'regionCode'>): AuthUser => ({
  accountId: account.id,
  role: account.role,
  regionCode: account.regionCode,
});

/** Password login with lockout, token refresh with rotation, logout; and the one place tokens are handed out. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly accounts: AccountsService,
    private readonly passwords: PasswordService,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
    private readonly me: MeService,
    private readonly audit: AuditService,
  ) {}

  /**
   * Unknown username and wrong password get the same answer in about the same time (a dummy hash is
   * verified for unknown users). AUTH_LOCKOUT_MAX_FAILURES failures in a row lock the account for
   * AUTH_LOCKOUT_MINUTES; while locked even the right password is refused.
   */
  async login(dto: LoginDto, client: ClientMeta): Promise<TokenResponseDto> {
    const account = await this.accounts.findByUsername(dto.username);
    if (account?.lockedUntil && account.lockedUntil.getTime() > Date.now()) {
      await this.audit.record(null, {
        actor: null,
        action: 'account.login-refused-locked',
        entityType: 'account',
        entityId: account.id,
        regionCode: account.regionCode,
      });
      throw AuthException.locked(account.lockedUntil, this.lockoutMinutes);
    }
    const ok = await this.passwords.verify(account?.passwordHash, dto.password);
    if (!account) {
      await this.audit.record(null, {
        actor: null,
        action: 'account.login-failed',
        entityType: 'account',
        after: { username: dto.username.slice(0, 64), reason: 'unknown-username' },
      });
      throw AuthException.invalidCredentials();
    }
    if (!ok) {
      const failure = await this.accounts.recordLoginFailure(account.id);
      const locked = failure.lockedUntil !== null && failure.lockedUntil.getTime() > Date.now();
      await this.audit.record(null, {
        actor: null,
        action: locked ? 'account.lock' : 'account.login-failed',
        entityType: 'account',
        entityId: account.id,
        regionCode: account.regionCode,
        after: { failedLoginCount: failure.failedLoginCount, ...(locked ? { lockedUntil: failure.lockedUntil } : {}) },
      });
      if (locked) throw AuthException.locked(failure.lockedUntil!, this.lockoutMinutes);
      throw AuthException.invalidCredentials();
    }
    if (!account.isActive) {
      await this.audit.record(null, {
        actor: null,
        action: 'account.login-failed',
        entityType: 'account',
        entityId: account.id,
        regionCode: account.regionCode,
        after: { reason: 'disabled' },
      });
      throw AuthException.disabled();
    }
    return this.startSession(account, client, 'password');
  }

  /** Rotation: the presented refresh token dies and a new one is returned; reusing an old one ends the chain. */
  async refresh(dto: RefreshDto, client: ClientMeta): Promise<TokenResponseDto> {
    const result = await this.sessions.rotate(dto.refreshToken, client);
    if (!result.ok) {
      if (result.reason === 'reused' && result.session) {
        await this.audit.record(null, {
          actor: null,
          action: 'account.refresh-token-reused',
          entityType: 'account',
          entityId: result.session.accountId,
          after: { sessionChain: result.session.familyId, chainRevoked: true },
        });
      }
      throw AuthException.refreshInvalid();
    }
    const account = await this.accounts.findById(result.session.accountId);
    if (!account || !account.isActive) {
      await this.sessions.revokeByToken(result.refreshToken, SessionRevokeReason.ACCOUNT_DISABLED);
      throw AuthException.refreshInvalid();
    }
    return {
      accessToken: await this.tokens.signAccess(account, result.session.id),
      refreshToken: result.refreshToken,
      expiresIn: this.tokens.accessTtl,
      account: await this.me.describe(account),
    };
  }

  /** Ends the chain of this refresh token (its access tokens are refused from now on). Unknown tokens: no-op. */
  async logout(dto: RefreshDto): Promise<void> {
    const session = await this.sessions.revokeByToken(dto.refreshToken, SessionRevokeReason.LOGOUT);
    if (!session) return;
    const account = await this.accounts.findById(session.accountId);
    await this.audit.record(null, {
      actor: account ? actorOf(account) : null,
      action: 'account.logout',
      entityType: 'account',
      entityId: session.accountId,
      regionCode: account?.regionCode ?? null,
    });
  }

  /** A successful login by any means: reset the failure count, open a session chain, audit, answer. */
  async startSession(account: Account, client: ClientMeta, method: 'password' | 'wechat' | 'wecom'): Promise<TokenResponseDto> {
    const tokens = await this.dataSource.transaction(async (manager) => {
      await this.accounts.recordLoginSuccess(manager, account.id);
      const issued = await this.tokens.issue(manager, account, client);
      await this.audit.record(manager, {
        actor: actorOf(account),
        action: 'account.login',
        entityType: 'account',
        entityId: account.id,
        regionCode: account.regionCode,
        after: { method },
      });
      return issued;
    });
    return { ...tokens, account: await this.me.describe(account) };
  }

  private get lockoutMinutes(): number {
    return this.accounts.lockoutMinutes;
  }
}
