import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { EntityManager } from 'typeorm';
import type { Role } from '@jiuzhu/shared';
import { AppConfigService } from '../../config/app-config.service.js';
import type { Account } from '../accounts/entities/account.entity.js';
import { ClientMeta, SessionsService } from '../accounts/sessions.service.js';
import { AuthException } from './auth.exception.js';

/** The claims of an access token. The guard still reads role and region from the database on each request. */
export interface AccessTokenPayload {
  sub: string;
  role: Role;
  region: string | null;
  /** the refresh-token session the token was issued with */
  sid: string;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  /** seconds until the access token expires */
  expiresIn: number;
}

@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfigService,
  ) {}

  /** A new login: a new session chain and its first pair of tokens. */
  async issue(manager: EntityManager, account: Account, meta: ClientMeta): Promise<IssuedTokens> {
    const { session, refreshToken } = await this.sessions.start(manager, account.id, meta);
    return { accessToken: await this.signAccess(account, session.id), refreshToken, expiresIn: this.accessTtl };
  }

  signAccess(account: Pick<Account, 'id' | 'role' | 'regionCode'>, sessionId: string): Promise<string> {
    const payload: AccessTokenPayload = { sub: account.id, role: account.role, region: account.regionCode, sid: sessionId };
    return this.jwt.signAsync(payload, { expiresIn: this.accessTtl });
  }

  async verifyAccess(token: string): Promise<AccessTokenPayload> {
    try {
      const payload = await this.jwt.verifyAsync<AccessTokenPayload>(token, { algorithms: ['HS256'] });
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw AuthException.tokenInvalid();
      return payload;
    } catch (error) {
      if (error instanceof AuthException) throw error;
      if ((error as Error)?.name === 'TokenExpiredError') throw AuthException.tokenExpired();
      throw AuthException.tokenInvalid();
    }
  }

  get accessTtl(): number {
    return this.config.get('JWT_ACCESS_TTL_SECONDS');
  }
}
