import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import type { Role } from '@jiuzhu/shared';
import { AppConfigService } from '../../config/app-config.service.js';
import { Session, SessionRevokeReason } from './entities/session.entity.js';

/** Where a login came from, kept on the session (and shown to an administrator revoking a lost phone). */
export interface ClientMeta {
  ip?: string | null;
  userAgent?: string | null;
}

export interface IssuedSession {
  session: Session;
  /** the only time the refresh token exists in the clear: it goes to the client, its SHA-256 to the table */
  refreshToken: string;
}

export type RotateResult =
  | ({ ok: true } & IssuedSession)
  | { ok: false; reason: 'unknown' | 'expired' | 'revoked' | 'reused'; session?: Session };

/** What the access-token guard needs about the caller, read fresh on every request. */
export interface LiveSessionRow {
  accountId: string;
  role: Role;
  regionCode: string | null;
  householdId: string | null;
  memberId: string | null;
  isActive: boolean;
  /** the session's chain still has an unrevoked, unexpired refresh token */
  chainLive: boolean;
}

export const hashRefreshToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Refresh-token sessions: issue, rotate (with reuse detection), revoke. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
  ) {}

  /** A new chain, at login. */
  async start(manager: EntityManager, accountId: string, meta: ClientMeta): Promise<IssuedSession> {
    const id = randomUUID();
    return this.insert(manager, accountId, id, meta, id);
  }

  /**
   * Exchanges a refresh token for the next one of its chain. The presented session is revoked (ROTATED);
   * presenting a rotated token again means it leaked (or the client raced itself): the whole chain dies.
   */
  async rotate(refreshToken: string, meta: ClientMeta): Promise<RotateResult> {
    const tokenHash = hashRefreshToken(refreshToken);
    return this.dataSource.transaction(async (manager) => {
      const session = await manager
        .getRepository(Session)
        .createQueryBuilder('s')
        .setLock('pessimistic_write')
        .where('s.token_hash = :tokenHash', { tokenHash })
        .getOne();
      if (!session) return { ok: false, reason: 'unknown' } as const;
      if (session.revokedAt) {
        if (session.revokedReason === SessionRevokeReason.ROTATED) {
          await this.revokeChain(manager, session.familyId, SessionRevokeReason.REUSE_DETECTED);
          return { ok: false, reason: 'reused', session } as const;
        }
        return { ok: false, reason: 'revoked', session } as const;
      }
      if (session.expiresAt.getTime() <= Date.now()) return { ok: false, reason: 'expired', session } as const;
      await manager.update(Session, { id: session.id }, { revokedAt: () => 'now()', revokedReason: SessionRevokeReason.ROTATED });
      const next = await this.insert(manager, session.accountId, session.familyId, meta);
      return { ok: true, ...next } as const;
    });
  }

  /** Logout: the chain of this refresh token ends. Returns the session (for the audit row) or null if unknown. */
  async revokeByToken(refreshToken: string, reason: SessionRevokeReason): Promise<Session | null> {
    return this.dataSource.transaction(async (manager) => {
      const session = await manager.findOneBy(Session, { tokenHash: hashRefreshToken(refreshToken) });
      if (!session) return null;
      await this.revokeChain(manager, session.familyId, reason);
      return session;
    });
  }

  /** Every live session of an account (lost phone, disabled account, password reset). Returns how many. */
  async revokeAll(manager: EntityManager, accountId: string, reason: SessionRevokeReason): Promise<number> {
    const result = await manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where({ accountId, revokedAt: IsNull() })
      .andWhere('expires_at > now()')
      .execute();
    return result.affected ?? 0;
  }

  /** One indexed query per request: revocation takes effect at once, not when the access token expires. */
  async findLive(sessionId: string): Promise<LiveSessionRow | null> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT a.id AS account_id, a.role, a.region_code, a.household_id, a.member_id, a.is_active,
              EXISTS (SELECT 1 FROM auth_sessions live
                       WHERE live.family_id = s.family_id AND live.revoked_at IS NULL AND live.expires_at > now()) AS chain_live
         FROM auth_sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.id = $1`,
      [sessionId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      accountId: row.account_id as string,
      role: row.role as Role,
      regionCode: (row.region_code as string | null) ?? null,
      householdId: (row.household_id as string | null) ?? null,
      memberId: (row.member_id as string | null) ?? null,
      isActive: row.is_active as boolean,
      chainLive: row.chain_live as boolean,
    };
  }

  private async revokeChain(manager: EntityManager, familyId: string, reason: SessionRevokeReason): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Session)
      .set({ revokedAt: () => 'now()', revokedReason: reason })
      .where({ familyId, revokedAt: IsNull() })
      .execute();
  }

  private async insert(
    manager: EntityManager,
    accountId: string,
    familyId: string,
    meta: ClientMeta,
    id: string = randomUUID(),
  ): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const session = manager.create(Session, {
      id,
      accountId,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: new Date(Date.now() + this.config.get('JWT_REFRESH_TTL_SECONDS') * 1000),
      revokedAt: null,
      revokedReason: null,
      userAgent: meta.userAgent ? meta.userAgent.slice(0, 512) : null,
      ip: meta.ip ? meta.ip.slice(0, 64) : null,
    });
    await manager.insert(Session, session);
    return { session, refreshToken };
  }
}
