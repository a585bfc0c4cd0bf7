import { CanActivate, ExecutionContext, Injectable, Optional } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { API_KEY_HEADER, ApiKeyAuthenticator } from '../../../common/auth/api-key-authenticator.js';
import { API_KEY_ALLOWED, IS_PUBLIC } from '../../../common/auth/decorators.js';
import { SessionsService } from '../../accounts/sessions.service.js';
import { AuthException } from '../auth.exception.js';
import { TokenService } from '../token.service.js';

/**
 * Global: every route needs `Authorization: Bearer <access token>` unless marked @Public(). Besides the
 * signature and expiry, the token's session chain must still be live and the account active, so a logout,
 * a revoked lost phone or a disabled account is refused at once. Role, region and binding come from the
 * account row, not from the token, so changes by an administrator apply on the next request.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly sessions: SessionsService,
    @Optional() private readonly apiKeys?: ApiKeyAuthenticator,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const apiKey = request.headers[API_KEY_HEADER];
    if (typeof apiKey === 'string' && !request.headers.authorization && this.apiKeys &&
        this.reflector.getAllAndOverride<boolean>(API_KEY_ALLOWED, [context.getHandler(), context.getClass()])) {
      // a department system (data-sharing center): the key stands for the login
      const user = await this.apiKeys.authenticate(apiKey);
      if (!user) throw AuthException.apiKeyInvalid();
      request.user = user;
      return true;
    }
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) throw AuthException.unauthenticated();

    const payload = await this.tokens.verifyAccess(match[1]);
    const live = /^[0-9a-f-]{36}$/i.test(payload.sid) ? await this.sessions.findLive(payload.sid) : null;
    if (!live || live.accountId !== payload.sub) throw AuthException.tokenInvalid();
    if (!live.chainLive || !live.isActive) throw AuthException.sessionRevoked();

    request.user = {
      accountId: live.accountId,
      role: live.role,
      regionCode: live.role === Role.CITIZEN ? null : live.regionCode,
      householdId: live.householdId,
      memberId: live.memberId,
      sessionId: payload.sid,
    };
    return true;
  }
}
