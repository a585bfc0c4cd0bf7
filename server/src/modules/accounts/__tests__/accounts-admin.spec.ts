// The administrators' account API: create, list (region-scoped, masked phones), change, revoke sessions.
import { Role } from '@jiuzhu/shared';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { createAccount, DEFAULT_TEST_PASSWORD, type CreatedAccount } from '../../../../test/factories/accounts.js';
import { RegionsService } from '../../regions/regions.service.js';

const COUNTY = '530129'; // 寻甸回族彝族自治县
const OTHER_COUNTY = '530102'; // 五华区
const VILLAGE = '530129103201'; // 羊街镇 羊街村委会

describe('accounts API (administrators)', () => {
  let t: TestApp;
  let admin: CreatedAccount;
  let countyAdmin: CreatedAccount;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(RegionsService).importIfEmpty();
    admin = await createAccount(t, { role: Role.ADMIN, regionCode: '53', username: 'admin-province' });
    countyAdmin = await createAccount(t, { role: Role.ADMIN, regionCode: COUNTY, username: 'admin-xundian' });
  });

  afterAll(async () => {
    await t.close();
  });

  const create = (token: string, body: Record<string, unknown>) => t.request('POST', '/api/v1/accounts', { token, body });
  const gridWorker = (username: string, extra: Record<string, unknown> = {}) => ({
    username,
    password: 'Yunnan2025',
    role: Role.GRID_WORKER,
    regionCode: VILLAGE,
    displayName: '李网格',
    ...extra,
  });

  it('creates a cadre account with a masked phone, audited, and the phone column holds no plaintext', async () => {
    const response = await create(admin.token, gridWorker('GW-Create', { phone: '138-1234-5678' }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      username: 'gw-create',
      displayName: '李网格',
      role: Role.GRID_WORKER,
      roleLabel: '网格员',
      regionCode: VILLAGE,
      phone: '138****5678',
      isActive: true,
      bound: false,
      lockedUntil: null,
    });
    expect(JSON.stringify(response.body)).not.toMatch(/password|hash|13812345678/i);

    const [row] = await t.dataSource.query(`SELECT * FROM accounts WHERE id = $1`, [response.body.id]);
    expect(JSON.stringify(row)).not.toContain('13812345678');
    expect(row.phone_encrypted).toMatch(/^v1:/);
    expect(row.phone_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);

    const audit = await t.dataSource.query(
      `SELECT actor_account_id, region_code, after FROM audit_logs WHERE entity_id = $1 AND action = 'account.create'`,
      [response.body.id],
    );
    expect(audit).toEqual([{ actor_account_id: admin.account.id, region_code: VILLAGE, after: expect.objectContaining({ phone: '138****5678' }) }]);
    expect(JSON.stringify(audit)).not.toContain('13812345678');

    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'gw-create', password: 'Yunnan2025' } });
    expect(login.status).toBe(200);
  });

  it('refuses a taken username, a weak password, a region that does not fit the role, an unknown region and a citizen', async () => {
    await create(admin.token, gridWorker('gw-taken'));
    const taken = await create(admin.token, gridWorker('GW-TAKEN'));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('ACCOUNT_USERNAME_TAKEN');

    const weak = await create(admin.token, gridWorker('gw-weak', { password: 'abcdefgh' }));
    expect(weak.status).toBe(400);
    expect(weak.body.details).toEqual([expect.objectContaining({ field: 'password', message: '密码至少8位，且须同时包含字母和数字' })]);

    const wrongLevel = await create(admin.token, gridWorker('vc-level', { role: Role.VILLAGE_CADRE, regionCode: COUNTY }));
    expect(wrongLevel.status).toBe(400);
    expect(wrongLevel.body).toMatchObject({ code: 'ACCOUNT_INVALID', details: [{ field: 'regionCode', message: '村干部的地区应为村（12位）代码' }] });

    const unknown = await create(admin.token, gridWorker('gw-unknown-region', { regionCode: '530129999999' }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.details[0].field).toBe('regionCode');

    const citizen = await create(admin.token, { ...gridWorker('citizen-x'), role: Role.CITIZEN });
    expect(citizen.status).toBe(400);

    const extra = await create(admin.token, gridWorker('gw-extra', { isAdmin: true }));
    expect(extra.status).toBe(400);
    expect(extra.body.details[0].field).toBe('isAdmin');
  });

  it('keeps a county administrator inside the county', async () => {
    const outside = await create(countyAdmin.token, gridWorker('gw-outside', { regionCode: '530102001001' }));
    expect(outside.status).toBe(403);

    const other = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: OTHER_COUNTY, username: 'co-wuhua' });
    const list = await t.request('GET', '/api/v1/accounts', { token: countyAdmin.token, query: { pageSize: 100 } });
    expect(list.status).toBe(200);
    const regions = list.body.items.map((a: { regionCode: string }) => a.regionCode);
    expect(regions.every((code: string) => code.startsWith(COUNTY))).toBe(true);
    expect(list.body.items.map((a: { id: string }) => a.id)).not.toContain(other.account.id);

    expect((await t.request('GET', `/api/v1/accounts/${other.account.id}`, { token: countyAdmin.token })).status).toBe(404);
    expect((await t.request('PATCH', `/api/v1/accounts/${other.account.id}`, { token: countyAdmin.token, body: { isActive: false } })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/accounts', { token: countyAdmin.token, query: { region: OTHER_COUNTY } })).status).toBe(403);
  });

  it('lists with filters and pages', async () => {
    await create(admin.token, gridWorker('gw-list-a', { displayName: '王小花', phone: '13900001111' }));
    await create(admin.token, gridWorker('gw-list-b', { displayName: '赵大山' }));

    const byName = await t.request('GET', '/api/v1/accounts', { token: admin.token, query: { q: '小花' } });
    expect(byName.body.items.map((a: { username: string }) => a.username)).toEqual(['gw-list-a']);
    expect(byName.body.items[0].phone).toBe('139****1111');

    const byPhone = await t.request('GET', '/api/v1/accounts', { token: admin.token, query: { q: '13900001111' } });
    expect(byPhone.body.items.map((a: { username: string }) => a.username)).toEqual(['gw-list-a']);

    const byRole = await t.request('GET', '/api/v1/accounts', { token: admin.token, query: { role: Role.COUNTY_OFFICER } });
    expect(byRole.body.items.every((a: { role: string }) => a.role === Role.COUNTY_OFFICER)).toBe(true);

    const page = await t.request('GET', '/api/v1/accounts', { token: admin.token, query: { region: VILLAGE, page: 2, pageSize: 1 } });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 1, total: expect.any(Number) });
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBeGreaterThanOrEqual(3);

    expect((await t.request('GET', '/api/v1/accounts', { token: admin.token, query: { pageSize: 101 } })).status).toBe(400);
  });

  it('disabling an account ends its logins at once; enabling lets it log in again', async () => {
    const worker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-to-disable' });
    const off = await t.request('PATCH', `/api/v1/accounts/${worker.account.id}`, { token: admin.token, body: { isActive: false } });
    expect(off.status).toBe(200);
    expect(off.body.isActive).toBe(false);
    expect((await t.request('GET', '/api/v1/me', { token: worker.token })).status).toBe(401);
    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'gw-to-disable', password: DEFAULT_TEST_PASSWORD } });
    expect(login.status).toBe(403);
    expect(login.body.code).toBe('AUTH_ACCOUNT_DISABLED');
    const audit = await t.dataSource.query(`SELECT before, after FROM audit_logs WHERE entity_id = $1 AND action = 'account.disable'`, [worker.account.id]);
    expect(audit).toEqual([{ before: expect.objectContaining({ isActive: true }), after: expect.objectContaining({ isActive: false, sessionsRevoked: 1 }) }]);

    await t.request('PATCH', `/api/v1/accounts/${worker.account.id}`, { token: admin.token, body: { isActive: true } });
    const again = await t.request('POST', '/api/v1/auth/login', { body: { username: 'gw-to-disable', password: DEFAULT_TEST_PASSWORD } });
    expect(again.status).toBe(200);
  });

  it('a role or region change applies on the next request of that user', async () => {
    const worker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-promote' });
    const change = await t.request('PATCH', `/api/v1/accounts/${worker.account.id}`, {
      token: admin.token,
      body: { role: Role.TOWNSHIP_REVIEWER, regionCode: '530129103' },
    });
    expect(change.status).toBe(200);
    const me = await t.request('GET', '/api/v1/me', { token: worker.token });
    expect(me.body).toMatchObject({ role: Role.TOWNSHIP_REVIEWER, regionCode: '530129103', regionName: '羊街镇' });

    const mismatch = await t.request('PATCH', `/api/v1/accounts/${worker.account.id}`, { token: admin.token, body: { role: Role.COUNTY_OFFICER } });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.details[0].field).toBe('regionCode');
  });

  it('resetting a password ends the old logins and the new password works', async () => {
    const worker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-reset' });
    const reset = await t.request('PATCH', `/api/v1/accounts/${worker.account.id}`, { token: admin.token, body: { password: 'NewPass2025' } });
    expect(reset.status).toBe(200);
    expect((await t.request('GET', '/api/v1/me', { token: worker.token })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { username: 'gw-reset', password: DEFAULT_TEST_PASSWORD } })).status).toBe(401);
    expect((await t.request('POST', '/api/v1/auth/login', { body: { username: 'gw-reset', password: 'NewPass2025' } })).status).toBe(200);
    const audit = await t.dataSource.query(`SELECT after FROM audit_logs WHERE entity_id = $1 AND action = 'account.reset-password'`, [worker.account.id]);
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toMatch(/NewPass2025|argon2/);
  });

  it('unlocks a locked account', async () => {
    const worker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-unlock' });
    for (let i = 0; i < 5; i++) await t.request('POST', '/api/v1/auth/login', { body: { username: 'gw-unlock', password: 'Wrong-pass-1' } });
    const listed = await t.request('GET', `/api/v1/accounts/${worker.account.id}`, { token: admin.token });
    expect(listed.body.lockedUntil).toEqual(expect.any(String));
    await t.request('PATCH', `/api/v1/accounts/${worker.account.id}`, { token: admin.token, body: { unlock: true } });
    expect((await t.request('POST', '/api/v1/auth/login', { body: { username: 'gw-unlock', password: DEFAULT_TEST_PASSWORD } })).status).toBe(200);
  });

  it('links a WeCom user id (unique) so that the cadre can log in through WeCom', async () => {
    const worker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-link' });
    const link = await t.request('PATCH', `/api/v1/accounts/${worker.account.id}`, { token: admin.token, body: { wecomUserid: 'LiWangGe' } });
    expect(link.status).toBe(200);
    expect(link.body.wecomUserid).toBe('LiWangGe');
    const wecom = await t.request('POST', '/api/v1/auth/wecom', { body: { code: 'dev:LiWangGe' } });
    expect(wecom.body.account.id).toBe(worker.account.id);

    const other = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-link-2' });
    const dup = await t.request('PATCH', `/api/v1/accounts/${other.account.id}`, { token: admin.token, body: { wecomUserid: 'LiWangGe' } });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('ACCOUNT_WECOM_USERID_TAKEN');
  });

  it('an administrator cannot disable or demote themself', async () => {
    const self = await t.request('PATCH', `/api/v1/accounts/${admin.account.id}`, { token: admin.token, body: { isActive: false } });
    expect(self.status).toBe(400);
    expect(self.body.code).toBe('ACCOUNT_SELF_CHANGE');
  });

  it('revoking sessions answers how many ended and is audited', async () => {
    const worker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE, username: 'gw-two-phones' });
    await t.request('POST', '/api/v1/auth/login', { body: { username: 'gw-two-phones', password: DEFAULT_TEST_PASSWORD } });
    const revoke = await t.request('POST', `/api/v1/accounts/${worker.account.id}/sessions/revoke`, { token: countyAdmin.token });
    expect(revoke.body).toEqual({ revoked: 2 });
    const audit = await t.dataSource.query(
      `SELECT actor_account_id, after FROM audit_logs WHERE entity_id = $1 AND action = 'account.revoke-sessions'`,
      [worker.account.id],
    );
    expect(audit).toEqual([{ actor_account_id: countyAdmin.account.id, after: { revoked: 2 } }]);
    expect((await t.request('POST', `/api/v1/accounts/not-a-uuid/sessions/revoke`, { token: admin.token })).status).toBe(404);
  });
});
