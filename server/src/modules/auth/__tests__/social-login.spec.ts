// WeChat (citizens) and WeCom (cadres) login through the API with the development providers.
import { Role } from '@jiuzhu/shared';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { createAccount } from '../../../../test/factories/accounts.js';

describe('WeChat and WeCom login (development providers)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates the citizen account on the first WeChat login only', async () => {
    const first = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'dev:villager-1' } });
    expect(first.status).toBe(200);
    expect(first.body.account).toMatchObject({ role: Role.CITIZEN, regionCode: null, binding: null });
    const second = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'dev:villager-1' } });
    expect(second.status).toBe(200);
    expect(second.body.account.id).toBe(first.body.account.id);
    const rows = await t.dataSource.query(`SELECT id, role, wechat_openid, username, password_hash FROM accounts WHERE wechat_openid = 'dev-villager-1'`);
    expect(rows).toEqual([{ id: first.body.account.id, role: 'CITIZEN', wechat_openid: 'dev-villager-1', username: null, password_hash: null }]);
    const creations = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE entity_id = $1 AND action = 'account.create'`, [first.body.account.id]);
    expect(creations[0].n).toBe(1);
    const me = await t.request('GET', '/api/v1/me', { token: second.body.accessToken });
    expect(me.body.role).toBe(Role.CITIZEN);
  });

  it('makes one account when the first logins of a WeChat user race', async () => {
    const answers = await Promise.all(
      [1, 2, 3].map(() => t.request('POST', '/api/v1/auth/wechat', { body: { code: 'dev:racer' } })),
    );
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(new Set(answers.map((a) => a.body.account.id)).size).toBe(1);
  });

  it('refuses a code that is not a development code', async () => {
    const response = await t.request('POST', '/api/v1/auth/wechat', { body: { code: '0a3Xyz' } });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH_WECHAT_CODE_INVALID');
  });

  it('a citizen cannot call cadre or admin routes', async () => {
    const citizen = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'dev:villager-2' } });
    expect((await t.request('GET', '/api/v1/accounts', { token: citizen.body.accessToken })).status).toBe(403);
  });

  it('logs in the cadre whose wecom_userid matches', async () => {
    const { account } = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: '530129100001', username: 'vc-wecom', wecomUserid: 'ZhangSan' });
    const response = await t.request('POST', '/api/v1/auth/wecom', { body: { code: 'dev:ZhangSan' } });
    expect(response.status).toBe(200);
    expect(response.body.account).toMatchObject({ id: account.id, role: Role.VILLAGE_CADRE, regionCode: '530129100001' });
    const audit = await t.dataSource.query(`SELECT after FROM audit_logs WHERE entity_id = $1 AND action = 'account.login' ORDER BY id DESC LIMIT 1`, [account.id]);
    expect(audit[0].after).toEqual({ method: 'wecom' });
  });

  it('in development also finds the cadre by username', async () => {
    const { account } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: '530129100001', username: 'gw-wecom-dev' });
    const response = await t.request('POST', '/api/v1/auth/wecom', { body: { code: 'dev:gw-wecom-dev' } });
    expect(response.status).toBe(200);
    expect(response.body.account.id).toBe(account.id);
  });

  it('refuses an unknown WeCom user with a message to ask the administrator', async () => {
    const response = await t.request('POST', '/api/v1/auth/wecom', { body: { code: 'dev:Stranger' } });
    expect(response.status).toBe(401);
    expect(response.body).toEqual({
      code: 'AUTH_WECOM_NOT_LINKED',
      message: '您的企业微信账号尚未关联本系统账户，请联系管理员开通或关联',
      details: [],
    });
  });

  it('refuses a disabled cadre through WeCom too', async () => {
    const { account } = await createAccount(t, { role: Role.GRID_WORKER, regionCode: '530129100001', username: 'gw-wecom-off', wecomUserid: 'Off' });
    await t.dataSource.query(`UPDATE accounts SET is_active = false WHERE id = $1`, [account.id]);
    expect((await t.request('POST', '/api/v1/auth/wecom', { body: { code: 'dev:Off' } })).status).toBe(403);
  });
});
