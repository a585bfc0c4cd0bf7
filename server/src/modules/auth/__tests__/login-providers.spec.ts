// The real HTTP adapters of WeChat and WeCom login, against the fake server on 127.0.0.1 (no network).
import { AppException } from '../../../common/errors/app.exception.js';
import { DevWechatLoginProvider, HttpWechatLoginProvider } from '../providers/wechat-login.provider.js';
import { DevWecomLoginProvider, HttpWecomLoginProvider } from '../providers/wecom-login.provider.js';
import { startFakeWeixin, type FakeWeixin } from './fake-weixin-server.js';

async function failure(promise: Promise<unknown>): Promise<{ status: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppException) return { status: error.getStatus(), code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a failure');
}

describe('login providers (real HTTP adapters against a fake server)', () => {
  let fake: FakeWeixin;

  beforeAll(async () => {
    fake = await startFakeWeixin();
  });

  afterAll(async () => {
    await fake.close();
  });

  describe('WeChat code2Session', () => {
    const provider = () =>
      new HttpWechatLoginProvider({ apiBase: fake.url, appId: 'wx-test-app', appSecret: 'wx-test-secret', timeoutMs: 500 });

    it('sends app id, secret, code and grant type, and returns openid and unionid (not the session key)', async () => {
      fake.wechatCodes.set('code-ok', { openid: 'o-citizen-1', unionid: 'u-1' });
      const session = await provider().code2Session('code-ok');
      expect(session).toEqual({ openid: 'o-citizen-1', unionid: 'u-1' });
      const call = fake.callsTo('/sns/jscode2session').at(-1)!;
      expect(call.query).toEqual({ appid: 'wx-test-app', secret: 'wx-test-secret', js_code: 'code-ok', grant_type: 'authorization_code' });
    });

    it('maps 40029 (invalid code) and 40163 (code used) to 401', async () => {
      expect(await failure(provider().code2Session('never-issued'))).toMatchObject({ status: 401, code: 'AUTH_WECHAT_CODE_INVALID' });
      fake.wechatCodes.set('code-once', { openid: 'o-once' });
      await provider().code2Session('code-once');
      expect(await failure(provider().code2Session('code-once'))).toMatchObject({ status: 401, code: 'AUTH_WECHAT_CODE_INVALID' });
    });

    it('maps 45011 (too frequent) to 429 and 40226 (risky user) to 403', async () => {
      fake.wechatCodes.set('code-limit', { errcode: 45011, errmsg: 'api minute-quota reach limit' });
      fake.wechatCodes.set('code-risky', { errcode: 40226, errmsg: 'high risk user' });
      expect(await failure(provider().code2Session('code-limit'))).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
      expect(await failure(provider().code2Session('code-risky'))).toMatchObject({ status: 403, code: 'AUTH_WECHAT_USER_BLOCKED' });
    });

    it('answers 503 for a busy WeChat, a wrong secret, a timeout, an HTTP error and a non-JSON answer', async () => {
      const unavailable = { status: 503, code: 'AUTH_PROVIDER_UNAVAILABLE', message: '微信服务暂时无法访问，请稍后再试' };
      expect(await failure(provider().code2Session('busy'))).toEqual(unavailable);
      fake.wechatCodes.set('code-secret', { openid: 'o-x' });
      const wrongSecret = new HttpWechatLoginProvider({ apiBase: fake.url, appId: 'wx-test-app', appSecret: 'nope', timeoutMs: 500 });
      expect(await failure(wrongSecret.code2Session('code-secret'))).toEqual(unavailable);
      const started = Date.now();
      expect(await failure(provider().code2Session('slow'))).toEqual(unavailable);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(await failure(provider().code2Session('http-500'))).toEqual(unavailable);
      expect(await failure(provider().code2Session('garbage'))).toEqual(unavailable);
    });

    it('answers 503 when nothing listens at the address', async () => {
      const nowhere = new HttpWechatLoginProvider({ apiBase: 'http://127.0.0.1:1', appId: 'a', appSecret: 'b', timeoutMs: 500 });
      expect(await failure(nowhere.code2Session('x'))).toMatchObject({ status: 503 });
    });
  });

  describe('WeCom getuserinfo', () => {
    let clock = 1_000_000;
    const provider = (overrides: Partial<{ secret: string }> = {}) =>
      new HttpWecomLoginProvider({
        apiBase: fake.url,
        corpId: 'ww-test-corp',
        secret: overrides.secret ?? 'ww-test-secret',
        timeoutMs: 500,
        now: () => clock,
      });

    it('gets an access token once, caches it, and returns the userid', async () => {
      fake.wecomCodes.set('w-1', { userid: 'LiWangGe' });
      fake.wecomCodes.set('w-2', { userid: 'ZhangCunGanBu' });
      const wecom = provider();
      const before = fake.callsTo('/cgi-bin/gettoken').length;
      expect(await wecom.getUserInfo('w-1')).toEqual({ userid: 'LiWangGe' });
      expect(await wecom.getUserInfo('w-2')).toEqual({ userid: 'ZhangCunGanBu' });
      expect(fake.callsTo('/cgi-bin/gettoken').length - before).toBe(1);
      expect(fake.callsTo('/cgi-bin/gettoken').at(-1)!.query).toEqual({ corpid: 'ww-test-corp', corpsecret: 'ww-test-secret' });
      const info = fake.callsTo('/cgi-bin/auth/getuserinfo').at(-1)!;
      expect(info.query).toEqual({ access_token: expect.stringMatching(/^wecom-token-/), code: 'w-2' });
    });

    it('shares one gettoken call among concurrent logins', async () => {
      fake.wecomCodes.set('w-par', { userid: 'Par' });
      const wecom = provider();
      const before = fake.callsTo('/cgi-bin/gettoken').length;
      await Promise.all([wecom.getUserInfo('w-par'), wecom.getUserInfo('w-par'), wecom.getUserInfo('w-par')]);
      expect(fake.callsTo('/cgi-bin/gettoken').length - before).toBe(1);
    });

    it('fetches a new token when the cached one reaches its expires_in', async () => {
      fake.wecomCodes.set('w-3', { userid: 'Clock' });
      const wecom = provider();
      const before = fake.callsTo('/cgi-bin/gettoken').length;
      await wecom.getUserInfo('w-3');
      clock += 6000 * 1000; // still inside 7200 s minus the safety margin
      await wecom.getUserInfo('w-3');
      expect(fake.callsTo('/cgi-bin/gettoken').length - before).toBe(1);
      clock += 1000 * 1000; // past 7200 - 300 s
      await wecom.getUserInfo('w-3');
      expect(fake.callsTo('/cgi-bin/gettoken').length - before).toBe(2);
    });

    it('fetches a new token and retries once when WeCom says the token expired (42001) or is invalid (40014)', async () => {
      fake.wecomCodes.set('w-4', { userid: 'Expired' });
      const wecom = provider();
      await wecom.getUserInfo('w-4');
      const tokens = fake.callsTo('/cgi-bin/gettoken').length;
      fake.expireWecomTokens();
      expect(await wecom.getUserInfo('w-4')).toEqual({ userid: 'Expired' });
      expect(fake.callsTo('/cgi-bin/gettoken').length).toBe(tokens + 1);
      const answers = fake.callsTo('/cgi-bin/auth/getuserinfo').slice(-2);
      expect(answers[0].query.access_token).not.toBe(answers[1].query.access_token);
    });

    it('says "not linked" for a person outside the organisation (openid only)', async () => {
      fake.wecomCodes.set('w-outsider', { openid: 'oOutsider' });
      expect(await failure(provider().getUserInfo('w-outsider'))).toMatchObject({ status: 401, code: 'AUTH_WECOM_NOT_LINKED' });
    });

    it('maps an invalid code to 401, the frequency limit to 429, a wrong secret and a timeout to 503', async () => {
      expect(await failure(provider().getUserInfo('never-issued'))).toMatchObject({ status: 401, code: 'AUTH_WECOM_CODE_INVALID' });
      expect(await failure(provider().getUserInfo('limit'))).toMatchObject({ status: 429, code: 'TOO_MANY_REQUESTS' });
      expect(await failure(provider({ secret: 'wrong' }).getUserInfo('w-1'))).toMatchObject({
        status: 503,
        code: 'AUTH_PROVIDER_UNAVAILABLE',
        message: '企业微信服务暂时无法访问，请稍后再试',
      });
      expect(await failure(provider().getUserInfo('slow'))).toMatchObject({ status: 503 });
    });
  });

  describe('development stand-ins', () => {
    it('WeChat: dev:<id> gives openid dev-<id>; anything else is an invalid code', async () => {
      const dev = new DevWechatLoginProvider();
      expect(await dev.code2Session('dev:zhangsan')).toEqual({ openid: 'dev-zhangsan' });
      expect(await failure(dev.code2Session('081xYz'))).toMatchObject({ status: 401 });
    });

    it('WeCom: dev:<username> gives userid <username>', async () => {
      const dev = new DevWecomLoginProvider();
      expect(await dev.getUserInfo('dev:gw-lijiacun')).toEqual({ userid: 'gw-lijiacun' });
      expect(await failure(dev.getUserInfo('CODE'))).toMatchObject({ status: 401 });
    });
  });
});
