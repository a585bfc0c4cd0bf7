// A stand-in for api.weixin.qq.com (jscode2session) and qyapi.weixin.qq.com (gettoken, auth/getuserinfo) on
// 127.0.0.1 and a free port, answering the way the documented APIs do (HTTP 200 with errcode/errmsg).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeCall {
  path: string;
  query: Record<string, string>;
}

type WechatAnswer = { openid: string; unionid?: string } | { errcode: number; errmsg: string };
type WecomAnswer = { userid: string } | { openid: string } | { errcode: number; errmsg: string };

export interface FakeWeixin {
  url: string;
  calls: FakeCall[];
  /** mini-program app id and secret the fake accepts */
  wechatApp: { appId: string; secret: string };
  /** js_code → answer; a code works once (then 40163), an unknown code gets 40029 */
  wechatCodes: Map<string, WechatAnswer>;
  /** special behaviour by code: 'slow' never answers in time, 'garbage' is not JSON, 'http-500' fails */
  wecomCorp: { corpId: string; secret: string; expiresIn: number };
  /** OAuth code → answer */
  wecomCodes: Map<string, WecomAnswer>;
  /** WeCom invalidates every token issued so far (the next getuserinfo gets 42001) */
  expireWecomTokens(): void;
  callsTo(path: string): FakeCall[];
  close(): Promise<void>;
}

export async function startFakeWeixin(): Promise<FakeWeixin> {
  const calls: FakeCall[] = [];
  const usedWechatCodes = new Set<string>();
  const liveTokens = new Set<string>();
  const expiredTokens = new Set<string>();
  let tokenCounter = 0;

  const fake: Omit<FakeWeixin, 'url' | 'close'> = {
    calls,
    wechatApp: { appId: 'wx-test-app', secret: 'wx-test-secret' },
    wechatCodes: new Map(),
    wecomCorp: { corpId: 'ww-test-corp', secret: 'ww-test-secret', expiresIn: 7200 },
    wecomCodes: new Map(),
    expireWecomTokens() {
      for (const token of liveTokens) expiredTokens.add(token);
      liveTokens.clear();
    },
    callsTo: (path) => calls.filter((c) => c.path === path),
  };

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    calls.push({ path: url.pathname, query });
    const json = (body: unknown, contentType = 'application/json') => {
      res.writeHead(200, { 'content-type': contentType });
      res.end(JSON.stringify(body));
    };
    const code = query.js_code ?? query.code;
    if (code === 'slow') return; // never answers: the client's timeout must fire
    if (code === 'garbage') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end('<html>502 Bad Gateway</html>');
    }
    if (code === 'http-500') {
      res.writeHead(500);
      return res.end();
    }

    if (url.pathname === '/sns/jscode2session') {
      // WeChat answers this one as text/plain
      const plain = (body: unknown) => json(body, 'text/plain');
      if (query.appid !== fake.wechatApp.appId) return plain({ errcode: 40013, errmsg: 'invalid appid' });
      if (query.secret !== fake.wechatApp.secret) return plain({ errcode: 40125, errmsg: 'invalid appsecret' });
      if (query.grant_type !== 'authorization_code') return plain({ errcode: 40002, errmsg: 'invalid grant_type' });
      if (code === 'busy') return plain({ errcode: -1, errmsg: 'system error' });
      if (usedWechatCodes.has(code)) return plain({ errcode: 40163, errmsg: 'code been used' });
      const answer = fake.wechatCodes.get(code);
      if (!answer) return plain({ errcode: 40029, errmsg: 'invalid code' });
      usedWechatCodes.add(code);
      if ('errcode' in answer) return plain(answer);
      return plain({ session_key: 'c2Vzc2lvbi1rZXk=', ...answer });
    }

    if (url.pathname === '/cgi-bin/gettoken') {
      if (query.corpid !== fake.wecomCorp.corpId) return json({ errcode: 40013, errmsg: 'invalid corpid' });
      if (query.corpsecret !== fake.wecomCorp.secret) return json({ errcode: 40001, errmsg: 'invalid credential' });
      const token = `wecom-token-${++tokenCounter}`;
      liveTokens.add(token);
      return json({ errcode: 0, errmsg: 'ok', access_token: token, expires_in: fake.wecomCorp.expiresIn });
    }

    if (url.pathname === '/cgi-bin/auth/getuserinfo') {
      if (expiredTokens.has(query.access_token)) return json({ errcode: 42001, errmsg: 'access_token expired' });
      if (!liveTokens.has(query.access_token)) return json({ errcode: 40014, errmsg: 'invalid access_token' });
      if (code === 'limit') return json({ errcode: 45009, errmsg: 'api freq out of limit' });
      const answer = fake.wecomCodes.get(code);
      if (!answer) return json({ errcode: 40029, errmsg: 'invalid code' });
      if ('errcode' in answer) return json(answer);
      return json({ errcode: 0, errmsg: 'ok', ...answer, ...('userid' in answer ? { user_ticket: 'ticket' } : {}) });
    }

    res.writeHead(404);
    res.end();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    ...fake,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
