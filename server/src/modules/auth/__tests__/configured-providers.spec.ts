// The app with WECHAT_APP_ID / WECOM_CORP_ID configured uses the real HTTP adapters; here they talk to the fake
// server on 127.0.0.1 (no network). The settings must be in the environment before the app's modules load.
import { Role } from '@jiuzhu/shared';
import type { TestApp } from '../../../../test/helpers/test-app.js';
import { startFakeWeixin, type FakeWeixin } from './fake-weixin-server.js';

describe('WeChat and WeCom login with the real adapters configured', () => {
  let fake: FakeWeixin;
  let t: TestApp;

  beforeAll(async () => {
    fake = await startFakeWeixin();
    Object.assign(process.env, {
      WECHAT_APP_ID: fake.wechatApp.appId,
      WECHAT_APP_SECRET: fake.wechatApp.secret,
      WECHAT_API_BASE: fake.url,
      WECOM_CORP_ID: fake.wecomCorp.corpId,
      WECOM_SECRET: fake.wecomCorp.secret,
      WECOM_API_BASE: fake.url,
      LOGIN_PROVIDER_TIMEOUT_MS: '1000',
    });
    const { createTestApp } = await import('../../../../test/helpers/test-app.js');
    t = await createTestApp();
  });

  afterAll(async () => {
    await t?.close();
    await fake.close();
  });

  it('logs a citizen in through code2Session and keeps the same account for the same openid', async () => {
    fake.wechatCodes.set('081-first', { openid: 'oReal-1', unionid: 'uReal-1' });
    fake.wechatCodes.set('081-second', { openid: 'oReal-1', unionid: 'uReal-1' });
    const first = await t.request('POST', '/api/v1/auth/wechat', { body: { code: '081-first' } });
    expect(first.status).toBe(200);
    expect(first.body.account.role).toBe(Role.CITIZEN);
    const second = await t.request('POST', '/api/v1/auth/wechat', { body: { code: '081-second' } });
    expect(second.body.account.id).toBe(first.body.account.id);
    const rows = await t.dataSource.query(`SELECT wechat_openid, wechat_unionid FROM accounts WHERE id = $1`, [first.body.account.id]);
    expect(rows).toEqual([{ wechat_openid: 'oReal-1', wechat_unionid: 'uReal-1' }]);
  });

  it('refuses development codes when the real provider is configured', async () => {
    const response = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'dev:someone' } });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('AUTH_WECHAT_CODE_INVALID');
    expect((await t.request('POST', '/api/v1/auth/wecom', { body: { code: 'dev:someone' } })).status).toBe(401);
  });

  it('passes WeChat being busy on as 503 with a Chinese message', async () => {
    const response = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'busy' } });
    expect(response.status).toBe(503);
    expect(response.body).toEqual({ code: 'AUTH_PROVIDER_UNAVAILABLE', message: '微信服务暂时无法访问，请稍后再试', details: [] });
  });

  it('logs a linked cadre in through gettoken + getuserinfo, and not by username', async () => {
    const { AccountsService } = await import('../../accounts/accounts.service.js');
    const accounts = t.app.get(AccountsService);
    const cadre = await accounts.createAccount({
      username: 'co-real-wecom',
      password: 'Passw0rd-test',
      role: Role.COUNTY_OFFICER,
      regionCode: '530129',
      displayName: '王县级',
      wecomUserid: 'WangXianJi',
    });
    fake.wecomCodes.set('wecom-code-1', { userid: 'WangXianJi' });
    fake.wecomCodes.set('wecom-code-2', { userid: 'co-real-wecom' });
    const response = await t.request('POST', '/api/v1/auth/wecom', { body: { code: 'wecom-code-1' } });
    expect(response.status).toBe(200);
    expect(response.body.account.id).toBe(cadre.id);
    // the username fallback is for the development stand-in only
    const byUsername = await t.request('POST', '/api/v1/auth/wecom', { body: { code: 'wecom-code-2' } });
    expect(byUsername.status).toBe(401);
    expect(byUsername.body.code).toBe('AUTH_WECOM_NOT_LINKED');
  });
});
