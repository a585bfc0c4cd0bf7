import { randomUUID } from 'node:crypto';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { Clock } from '../../../common/clock.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { AuditService } from '../../audit/audit.service.js';
import { IdempotencyService } from '../idempotency.service.js';

describe('idempotency keys', () => {
  let t: TestApp;
  let idempotency: IdempotencyService;
  let audit: AuditService;
  let clock: Clock;
  const citizen = (): AuthUser => ({ accountId: randomUUID(), role: Role.CITIZEN, regionCode: null });

  beforeAll(async () => {
    t = await createTestApp();
    idempotency = t.app.get(IdempotencyService);
    audit = t.app.get(AuditService);
    clock = t.app.get(Clock);
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  /** A work that writes one audit row tagged `marker` and answers with a fresh id. */
  const work = (user: AuthUser, marker: string, calls: { n: number }) => async (manager: import('typeorm').EntityManager) => {
    calls.n++;
    await audit.record(manager, { actor: user, action: 'test.idempotent', entityType: 'test', entityId: marker });
    return { status: 201, body: { id: randomUUID(), marker, at: new Date() } };
  };
  const rows = async (marker: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE entity_id = $1`, [marker]))[0].n);

  it('without a key runs the work every time', async () => {
    const user = citizen();
    const calls = { n: 0 };
    for (let i = 0; i < 3; i++) {
      const result = await idempotency.execute(user, undefined, 'test.create', { a: 1 }, work(user, 'no-key', calls));
      expect(result.replayed).toBe(false);
    }
    expect(calls.n).toBe(3);
    expect(await rows('no-key')).toBe(3);
  });

  it('with the same key 10 times in parallel runs the work once and gives 10 identical answers', async () => {
    const user = citizen();
    const calls = { n: 0 };
    const key = `claim-${randomUUID()}`;
    const results = await Promise.all(
      Array.from({ length: 10 }, () => idempotency.execute(user, key, 'test.create', { a: 1, b: [1, 2] }, work(user, 'parallel', calls))),
    );
    expect(calls.n).toBe(1);
    expect(await rows('parallel')).toBe(1);
    const first = results.find((r) => !r.replayed)!;
    expect(results.filter((r) => r.replayed)).toHaveLength(9);
    for (const r of results) expect({ status: r.status, body: r.body }).toEqual({ status: first.status, body: first.body });
    expect(typeof first.body.at).toBe('string'); // the first answer is the stored JSON too
    // a later retry, with the body's keys in another order, still gets the same answer
    const later = await idempotency.execute(user, key, 'test.create', { b: [1, 2], a: 1 }, work(user, 'parallel', calls));
    expect(later).toEqual({ ...first, replayed: true });
    expect(calls.n).toBe(1);
  });

  it('refuses the same key with another body or scope (422), and keeps keys apart per account', async () => {
    const user = citizen();
    const calls = { n: 0 };
    const key = 'key-reused-1';
    await idempotency.execute(user, key, 'test.create', { a: 1 }, work(user, 'reuse', calls));
    await expect(idempotency.execute(user, key, 'test.create', { a: 2 }, work(user, 'reuse', calls))).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      status: 422,
    });
    await expect(idempotency.execute(user, key, 'test.other', { a: 1 }, work(user, 'reuse', calls))).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
    });
    const other = citizen();
    const theirs = await idempotency.execute(other, key, 'test.create', { a: 1 }, work(other, 'reuse', calls));
    expect(theirs.replayed).toBe(false);
    expect(calls.n).toBe(2);
  });

  it('refuses a malformed key with a 400', async () => {
    const user = citizen();
    for (const key of ['short', 'x'.repeat(129), 'has space in it', 'semi;colon;key']) {
      await expect(idempotency.execute(user, key, 'test.create', {}, work(user, 'bad', { n: 0 }))).rejects.toMatchObject({
        code: 'IDEMPOTENCY_KEY_INVALID',
        status: 400,
      });
    }
    expect(await rows('bad')).toBe(0);
  });

  it('stores nothing when the work fails, so a retry runs it again', async () => {
    const user = citizen();
    const key = `fails-${randomUUID()}`;
    await expect(
      idempotency.execute(user, key, 'test.create', { a: 1 }, async (manager) => {
        await audit.record(manager, { actor: user, action: 'test.idempotent', entityType: 'test', entityId: 'failing' });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await rows('failing')).toBe(0);
    const calls = { n: 0 };
    const retry = await idempotency.execute(user, key, 'test.create', { a: 1 }, work(user, 'failing', calls));
    expect(retry.replayed).toBe(false);
    expect(calls.n).toBe(1);
  });

  it('forgets a key after IDEMPOTENCY_KEY_TTL_HOURS (default 7 days); the cleanup deletes expired keys', async () => {
    const user = citizen();
    const key = `expiring-${randomUUID()}`;
    const calls = { n: 0 };
    clock.set(new Date('2026-03-01T00:00:00Z'));
    await idempotency.execute(user, key, 'test.create', {}, work(user, 'expiring', calls));
    clock.set(new Date('2026-03-07T23:00:00Z'));
    expect((await idempotency.execute(user, key, 'test.create', {}, work(user, 'expiring', calls))).replayed).toBe(true);
    clock.set(new Date('2026-03-08T00:00:01Z'));
    expect(await idempotency.purgeExpired()).toBeGreaterThanOrEqual(1);
    const count = async () => Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM idempotency_keys WHERE key = $1`, [key]))[0].n);
    expect(await count()).toBe(0);
    expect((await idempotency.execute(user, key, 'test.create', {}, work(user, 'expiring', calls))).replayed).toBe(false);
    expect(calls.n).toBe(2);
    clock.set(null);
  });
});
