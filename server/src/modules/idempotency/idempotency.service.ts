import { createHash } from 'node:crypto';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Clock } from '../../common/clock.js';
import { AppConfigService } from '../../config/app-config.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import { IdempotencyException } from './idempotency.exception.js';

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;
export const IDEMPOTENCY_CLEANUP_JOB = 'idempotency.cleanup';
const CLEANUP_EVERY_MS = 60 * 60 * 1000;
const CLEANUP_BATCH = 5000;
const DEFAULT_TTL_HOURS = 7 * 24;

export interface IdempotentResult<T> {
  status: number;
  body: T;
  /** true when this is the stored answer to an earlier request with the same key */
  replayed: boolean;
}

/** JSON with the keys of every object sorted: the same request body always hashes the same. */
function canonical(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

/**
 * `Idempotency-Key` for writes a client may retry (a claim sent again after a lost answer). The key row is written
 * in the SAME transaction as the work: the first request inserts it and holds it until it commits, so a
 * concurrent duplicate waits on the row and then reads the stored answer; a failed work rolls back its key too.
 */
@Injectable()
export class IdempotencyService implements OnModuleInit {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
    private readonly jobs: JobsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(IDEMPOTENCY_CLEANUP_JOB, async () => {
      const removed = await this.purgeExpired();
      if (removed) this.logger.log(`removed ${removed} expired idempotency keys`);
    });
    void this.jobs.schedule(IDEMPOTENCY_CLEANUP_JOB, CLEANUP_EVERY_MS);
  }

  /**
   * Runs `work` in a transaction. With a key: the first call's `{status, body}` is stored with the work and every
   * later call with the same key (same caller) gets it back with `replayed: true`; the same key with another
   * scope or request is 422 IDEMPOTENCY_KEY_REUSED. Without a key the work simply runs.
   */
  async execute<T>(
    user: AuthUser,
    key: string | undefined,
    scope: string,
    request: unknown,
    work: (manager: EntityManager) => Promise<{ status: number; body: T }>,
  ): Promise<IdempotentResult<T>> {
    if (key === undefined || key === null || key === '') {
      const result = await this.dataSource.transaction(work);
      return { ...result, replayed: false };
    }
    if (typeof key !== 'string' || !IDEMPOTENCY_KEY_PATTERN.test(key)) throw IdempotencyException.keyInvalid();
    const requestHash = createHash('sha256').update(`${scope}\n${canonical(request)}`).digest('hex');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.ttlHours() * 3600_000);

    return this.dataSource.transaction(async (manager) => {
      // an expired key is free again (the cleanup job may not have run yet)
      await manager.query(`DELETE FROM idempotency_keys WHERE account_id = $1 AND key = $2 AND expires_at <= $3`, [
        user.accountId,
        key,
        now,
      ]);
      // waits here while another transaction holds the same key uncommitted
      const inserted: unknown[] = await manager.query(
        `INSERT INTO idempotency_keys (account_id, key, scope, request_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (account_id, key) DO NOTHING RETURNING key`,
        [user.accountId, key, scope, requestHash, now, expiresAt],
      );
      if (inserted.length) {
        const result = await work(manager);
        // stored and returned as JSON, so the first answer and every replay are identical
        const body = JSON.parse(JSON.stringify(result.body ?? null)) as T;
        await manager.query(
          `UPDATE idempotency_keys SET response_status = $3, response_body = $4::jsonb WHERE account_id = $1 AND key = $2`,
          [user.accountId, key, result.status, JSON.stringify(body)],
        );
        return { status: result.status, body, replayed: false };
      }
      const [stored]: { scope: string; request_hash: string; response_status: number | null; response_body: T }[] =
        await manager.query(
          `SELECT scope, request_hash, response_status, response_body FROM idempotency_keys WHERE account_id = $1 AND key = $2`,
          [user.accountId, key],
        );
      if (!stored || stored.request_hash !== requestHash) throw IdempotencyException.keyReused();
      return { status: Number(stored.response_status), body: stored.response_body, replayed: true };
    });
  }

  /** Deletes expired keys in batches; returns how many went. */
  async purgeExpired(): Promise<number> {
    let total = 0;
    for (;;) {
      const [, affected]: [unknown, number] = await this.dataSource.query(
        `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= $1 LIMIT ${CLEANUP_BATCH})`,
        [this.clock.now()],
      );
      total += affected;
      if (affected < CLEANUP_BATCH) return total;
    }
  }

  private ttlHours(): number {
    const value = Number(this.config.get('IDEMPOTENCY_KEY_TTL_HOURS') ?? DEFAULT_TTL_HOURS);
    return Number.isFinite(value) && value > 0 ? value : DEFAULT_TTL_HOURS;
  }
}
