import { JwtService } from '@nestjs/jwt';
import { Role } from '@jiuzhu/shared';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { createAccount, DEFAULT_TEST_PASSWORD } from '../../../../test/factories/accounts.js';
import { AccountsHousekeepingService } from '../../accounts/accounts-housekeeping.service.js';

const COUNTY = '530129';
const VILLAGE = '530129100001';

describe('password login, tokens and guards', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const login = (username: string, password: string) => t.request('POST', '/api/v1/auth/login', { body: { username, password } });

  it('logs in and answers with tokens and the me object', async () => {
    const { account } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-login-ok', displayName: '李网格' });
    const response = await login('GW-Login-OK', DEFAULT_TEST_PASSWORD);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      account: { id: account.id, role: Role.GRID_WORKER, displayName: '李网格', regionCode: VILLAGE, binding: null },
    });
    expect(response.body.account).toHaveProperty('regionName');

    const claims = t.app.get(JwtService).decode(response.body.accessToken);
    expect(claims).toMatchObject({ sub: account.id, role: Role.GRID_WORKER, region: VILLAGE, sid: expect.any(String) });

    const me = await t.request('GET', '/api/v1/me', { token: response.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toEqual(response.body.account);
  });

  it('gives the same answer for a wrong password and an unknown username', async () => {
    await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE, username: 'vc-wrong' });
    const wrongPassword = await login('vc-wrong', 'Wrong-pass-1');
    const unknownUser = await login('nobody-here', 'Wrong-pass-1');
    expect(wrongPassword.status).toBe(401);
    expect(unknownUser.status).toBe(401);
    expect(wrongPassword.body).toEqual({ code: 'AUTH_INVALID_CREDENTIALS', message: '用户名或密码错误', details: [] });
    expect(unknownUser.body).toEqual(wrongPassword.body);
  });

  it('locks the account after 5 failures, refuses the right password while locked, and lets in after the lock', async () => {
    const { account } = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: '530129100', username: 'tr-lock' });
    for (let i = 1; i <= 4; i++) {
      const response = await login('tr-lock', `Wrong-pass-${i}`);
      expect(response.status).toBe(401);
    }
    const fifth = await login('tr-lock', 'Wrong-pass-5');
    expect(fifth.status).toBe(423);
    expect(fifth.body.code).toBe('AUTH_ACCOUNT_LOCKED');
    expect(fifth.body.message).toMatch(/锁定15分钟，请在 \d\d:\d\d 之后重试/);

    const sixth = await login('tr-lock', DEFAULT_TEST_PASSWORD);
    expect(sixth.status).toBe(423);
    expect(sixth.body.code).toBe('AUTH_ACCOUNT_LOCKED');

    const [row] = await t.dataSource.query(
      `SELECT failed_login_count, locked_until > now() + interval '14 minutes' AS locked_for_15 FROM accounts WHERE id = $1`,
      [account.id],
    );
    expect(row).toEqual({ failed_login_count: 5, locked_for_15: true });

    // fifteen minutes later
    await t.dataSource.query(`UPDATE accounts SET locked_until = now() - interval '1 second' WHERE id = $1`, [account.id]);
    const after = await login('tr-lock', DEFAULT_TEST_PASSWORD);
    expect(after.status).toBe(200);
    const [reset] = await t.dataSource.query(`SELECT failed_login_count, locked_until FROM accounts WHERE id = $1`, [account.id]);
    expect(reset).toEqual({ failed_login_count: 0, locked_until: null });

    const actions = await t.dataSource.query(
      `SELECT action FROM audit_logs WHERE entity_id = $1 ORDER BY id`,
      [account.id],
    );
    expect(actions.map((a: { action: string }) => a.action)).toEqual([
      'account.create',
      'account.login', // the factory's login
      'account.login-failed',
      'account.login-failed',
      'account.login-failed',
      'account.login-failed',
      'account.lock',
      'account.login-refused-locked',
      'account.login',
    ]);
  });

  it('after an expired lock, counting starts again from one', async () => {
    const { account } = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: COUNTY, username: 'co-relock' });
    for (let i = 0; i < 5; i++) await login('co-relock', 'Wrong-pass-1');
    await t.dataSource.query(`UPDATE accounts SET locked_until = now() - interval '1 second' WHERE id = $1`, [account.id]);
    const again = await login('co-relock', 'Wrong-pass-1');
    expect(again.status).toBe(401);
    const [row] = await t.dataSource.query(`SELECT failed_login_count, locked_until FROM accounts WHERE id = $1`, [account.id]);
    expect(row).toEqual({ failed_login_count: 1, locked_until: null });
  });

  it('writes audit rows for a login and a failed login of an unknown user', async () => {
    const { account } = await createAccount(t, { role: Role.ADMIN, regionCode: '53', username: 'admin-audit' });
    const rows = await t.dataSource.query(
      `SELECT action, actor_account_id, actor_role, region_code, after FROM audit_logs WHERE entity_id = $1 AND action = 'account.login'`,
      [account.id],
    );
    expect(rows).toEqual([
      { action: 'account.login', actor_account_id: account.id, actor_role: 'ADMIN', region_code: '53', after: { method: 'password' } },
    ]);
    await login('ghost-user', 'Wrong-pass-1');
    const ghost = await t.dataSource.query(
      `SELECT action, entity_id, after FROM audit_logs WHERE action = 'account.login-failed' AND after->>'username' = 'ghost-user'`,
    );
    expect(ghost).toEqual([{ action: 'account.login-failed', entity_id: null, after: { username: 'ghost-user', reason: 'unknown-username' } }]);
  });

  it('refuses a disabled account with the right password (and only then says so)', async () => {
    const { account } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-disabled' });
    await t.dataSource.query(`UPDATE accounts SET is_active = false WHERE id = $1`, [account.id]);
    expect((await login('gw-disabled', 'Wrong-pass-1')).body.code).toBe('AUTH_INVALID_CREDENTIALS');
    const right = await login('gw-disabled', DEFAULT_TEST_PASSWORD);
    expect(right.status).toBe(403);
    expect(right.body.code).toBe('AUTH_ACCOUNT_DISABLED');
  });

  describe('refresh and logout', () => {
    it('rotates the refresh token: the old one is refused afterwards, and reusing it ends the whole chain', async () => {
      const { refreshToken } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-rotate' });
      const first = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
      expect(first.status).toBe(200);
      expect(first.body.refreshToken).not.toBe(refreshToken);
      expect(first.body.account.role).toBe(Role.GRID_WORKER);
      expect((await t.request('GET', '/api/v1/me', { token: first.body.accessToken })).status).toBe(200);

      const reused = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
      expect(reused.status).toBe(401);
      expect(reused.body.code).toBe('AUTH_REFRESH_TOKEN_INVALID');

      // the reuse revoked the chain: the newer refresh token and its access token are dead too
      const newer = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: first.body.refreshToken } });
      expect(newer.status).toBe(401);
      const me = await t.request('GET', '/api/v1/me', { token: first.body.accessToken });
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('AUTH_SESSION_REVOKED');
    });

    it('keeps access tokens of the same chain valid across a normal rotation', async () => {
      const { token, refreshToken } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-rotate-2' });
      const next = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
      expect(next.status).toBe(200);
      // a request already in flight with the previous access token is not refused
      expect((await t.request('GET', '/api/v1/me', { token })).status).toBe(200);
    });

    it('stores only the hash of refresh tokens', async () => {
      const { account, refreshToken } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-hash' });
      const rows = await t.dataSource.query(`SELECT token_hash FROM auth_sessions WHERE account_id = $1`, [account.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0].token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(rows[0].token_hash).not.toContain(refreshToken);
    });

    it('logout ends the session: its access token and refresh token are refused at once', async () => {
      const { account, token, refreshToken } = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE, username: 'vc-logout' });
      const other = await login('vc-logout', DEFAULT_TEST_PASSWORD); // a second phone stays logged in
      const out = await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken } });
      expect(out.status).toBe(204);
      const me = await t.request('GET', '/api/v1/me', { token });
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('AUTH_SESSION_REVOKED');
      expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } })).status).toBe(401);
      expect((await t.request('GET', '/api/v1/me', { token: other.body.accessToken })).status).toBe(200);
      const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE entity_id = $1 AND action = 'account.logout'`, [account.id]);
      expect(audit[0].n).toBe(1);
      // an unknown token is a no-op, not an error
      expect((await t.request('POST', '/api/v1/auth/logout', { body: { refreshToken: 'not-a-token' } })).status).toBe(204);
    });

    it('refuses an expired refresh token', async () => {
      const { account, refreshToken } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-expired' });
      await t.dataSource.query(`UPDATE auth_sessions SET expires_at = now() - interval '1 second' WHERE account_id = $1`, [account.id]);
      const response = await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('AUTH_REFRESH_TOKEN_INVALID');
    });
  });

  it('housekeeping deletes expired sessions and old binding tries, and keeps the rest', async () => {
    const { account, refreshToken } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-purge' });
    await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken } }); // one rotated, one live
    const expired = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-purge-old' });
    await t.dataSource.query(`UPDATE auth_sessions SET expires_at = now() - interval '1 minute' WHERE account_id = $1`, [expired.account.id]);
    await t.dataSource.query(
      `INSERT INTO binding_attempts (account_id, ip, created_at) VALUES ($1, '10.0.0.1', now() - interval '2 days'), ($1, '10.0.0.1', now())`,
      [account.id],
    );
    const purged = await t.app.get(AccountsHousekeepingService).purge();
    expect(purged.sessions).toBeGreaterThanOrEqual(1);
    expect(purged.bindingAttempts).toBe(1);
    const count = async (sql: string, id: string) => (await t.dataSource.query(sql, [id]))[0].n;
    expect(await count(`SELECT count(*)::int AS n FROM auth_sessions WHERE account_id = $1`, expired.account.id)).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM auth_sessions WHERE account_id = $1`, account.id)).toBe(2);
    expect(await count(`SELECT count(*)::int AS n FROM auth_sessions WHERE expires_at < now() AND account_id <> $1`, account.id)).toBe(0);
  });

  describe('guards', () => {
    it('refuses a request without a token, with a bad token and with an expired token', async () => {
      const none = await t.request('GET', '/api/v1/me');
      expect(none.status).toBe(401);
      expect(none.body.code).toBe('UNAUTHENTICATED');
      const bad = await t.request('GET', '/api/v1/me', { token: 'abc.def.ghi' });
      expect(bad.status).toBe(401);
      expect(bad.body.code).toBe('AUTH_TOKEN_INVALID');

      const { account, token } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-exp' });
      const { sid } = t.app.get(JwtService).decode(token) as { sid: string };
      const expired = await t.app
        .get(JwtService)
        .signAsync({ sub: account.id, role: account.role, region: VILLAGE, sid, exp: Math.floor(Date.now() / 1000) - 10 });
      const response = await t.request('GET', '/api/v1/me', { token: expired });
      expect(response.status).toBe(401);
      expect(response.body.code).toBe('AUTH_TOKEN_EXPIRED');
    });

    it('refuses a token signed with another secret', async () => {
      const { account, token } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-forged' });
      const { sid } = t.app.get(JwtService).decode(token) as { sid: string };
      const forged = await new JwtService({ secret: 'someone-else-s-secret-of-32-characters!' }).signAsync({ sub: account.id, role: Role.ADMIN, region: '53', sid });
      expect((await t.request('GET', '/api/v1/me', { token: forged })).status).toBe(401);
    });

    it('refuses the session of a phone an administrator revoked, at once', async () => {
      const admin = await createAccount(t, { role: Role.ADMIN, regionCode: '53', username: 'admin-revoke' });
      const worker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-lost-phone' });
      expect((await t.request('GET', '/api/v1/me', { token: worker.token })).status).toBe(200);
      const revoke = await t.request('POST', `/api/v1/accounts/${worker.account.id}/sessions/revoke`, { token: admin.token });
      expect(revoke.status).toBe(200);
      expect(revoke.body).toEqual({ revoked: 1 });
      const me = await t.request('GET', '/api/v1/me', { token: worker.token });
      expect(me.status).toBe(401);
      expect(me.body.code).toBe('AUTH_SESSION_REVOKED');
      expect((await t.request('POST', '/api/v1/auth/refresh', { body: { refreshToken: worker.refreshToken } })).status).toBe(401);
      // logging in again works
      expect((await login('gw-lost-phone', DEFAULT_TEST_PASSWORD)).status).toBe(200);
    });

    it('refuses a role the route does not allow with 403', async () => {
      const worker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-not-admin' });
      const response = await t.request('GET', '/api/v1/accounts', { token: worker.token });
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('FORBIDDEN');
    });

    it('lets public routes through without a token', async () => {
      expect((await t.request('GET', '/api/health')).status).not.toBe(401);
    });
  });

  describe('input', () => {
    it('refuses an unknown body field with 400 naming it', async () => {
      const response = await t.request('POST', '/api/v1/auth/login', { body: { username: 'a', password: 'b', role: 'ADMIN' } });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details).toEqual([expect.objectContaining({ field: 'role' })]);
    });

    it('refuses a missing password with a Chinese message', async () => {
      const response = await t.request('POST', '/api/v1/auth/login', { body: { username: 'a' } });
      expect(response.status).toBe(400);
      expect(response.body.details.map((d: { field: string }) => d.field)).toContain('password');
      expect(response.body.message).toMatch(/密码/);
    });
  });
});
