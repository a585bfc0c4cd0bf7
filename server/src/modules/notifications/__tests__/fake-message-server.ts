// A stand-in for api.weixin.qq.com (access token, subscribe messages) and qyapi.weixin.qq.com (access token, app
// messages) on 127.0.0.1 and a free port, answering the way the documented APIs do (HTTP 200 with errcode/errmsg).
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeMessageCall {
  path: string;
  query: Record<string, string>;
  body: any;
}

/** What the fake does for a receiver (a WeChat openid or a WeCom userid); anything else is accepted. */
export type ReceiverBehaviour = 'refuse' | 'http-500' | 'invalid' | 'slow';

export interface FakeMessageServer {
  url: string;
  calls: FakeMessageCall[];
  wechatApp: { appId: string; secret: string; expiresIn: number };
  wecomCorp: { corpId: string; secret: string; expiresIn: number };
  behaviour: Map<string, ReceiverBehaviour>;
  /** every token issued so far is expired (the next send gets 42001) */
  expireWechatTokens(): void;
  expireWecomTokens(): void;
  callsTo(path: string): FakeMessageCall[];
  /** accepted messages to one receiver */
  delivered(receiver: string): FakeMessageCall[];
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<any> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function startFakeMessageServer(): Promise<FakeMessageServer> {
  const calls: FakeMessageCall[] = [];
  const accepted: FakeMessageCall[] = [];
  const tokens = { wechat: new Set<string>(), wecom: new Set<string>() };
  const expired = new Set<string>();
  let counter = 0;

  const fake: Omit<FakeMessageServer, 'url' | 'close'> = {
    calls,
    wechatApp: { appId: 'wx-notify-app', secret: 'wx-notify-secret', expiresIn: 7200 },
    wecomCorp: { corpId: 'ww-notify-corp', secret: 'ww-notify-secret', expiresIn: 7200 },
    behaviour: new Map(),
    expireWechatTokens() {
      for (const token of tokens.wechat) expired.add(token);
      tokens.wechat.clear();
    },
    expireWecomTokens() {
      for (const token of tokens.wecom) expired.add(token);
      tokens.wecom.clear();
    },
    callsTo: (path) => calls.filter((c) => c.path === path),
    delivered: (receiver) => accepted.filter((c) => c.body?.touser === receiver),
  };

  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const body = await readBody(req);
    const call = { path: url.pathname, query, body };
    calls.push(call);
    const json = (answer: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer));
    };
    const issue = (kind: 'wechat' | 'wecom', expiresIn: number) => {
      const token = `${kind}-token-${++counter}`;
      tokens[kind].add(token);
      return json({ access_token: token, expires_in: expiresIn, ...(kind === 'wecom' ? { errcode: 0, errmsg: 'ok' } : {}) });
    };
    // a token check as each API does it: an expired one gets 42001, an unknown one 40001 (WeChat) / 40014 (WeCom)
    const tokenProblem = (kind: 'wechat' | 'wecom') => {
      if (expired.has(query.access_token)) return { errcode: 42001, errmsg: 'access_token expired' };
      if (!tokens[kind].has(query.access_token)) {
        return kind === 'wechat' ? { errcode: 40001, errmsg: 'invalid credential' } : { errcode: 40014, errmsg: 'invalid access_token' };
      }
      return null;
    };

    if (url.pathname === '/cgi-bin/token' && req.method === 'GET') {
      if (query.grant_type !== 'client_credential') return json({ errcode: 40002, errmsg: 'invalid grant_type' });
      if (query.appid !== fake.wechatApp.appId) return json({ errcode: 40013, errmsg: 'invalid appid' });
      if (query.secret !== fake.wechatApp.secret) return json({ errcode: 40125, errmsg: 'invalid appsecret' });
      return issue('wechat', fake.wechatApp.expiresIn);
    }
    if (url.pathname === '/cgi-bin/gettoken' && req.method === 'GET') {
      if (query.corpid !== fake.wecomCorp.corpId) return json({ errcode: 40013, errmsg: 'invalid corpid' });
      if (query.corpsecret !== fake.wecomCorp.secret) return json({ errcode: 40001, errmsg: 'invalid credential' });
      return issue('wecom', fake.wecomCorp.expiresIn);
    }

    const isWechat = url.pathname === '/cgi-bin/message/subscribe/send';
    const isWecom = url.pathname === '/cgi-bin/message/send';
    if ((isWechat || isWecom) && req.method === 'POST') {
      const problem = tokenProblem(isWechat ? 'wechat' : 'wecom');
      if (problem) return json(problem);
      const behaviour = fake.behaviour.get(body?.touser);
      if (behaviour === 'slow') return; // never answers: the client's timeout must fire
      if (behaviour === 'http-500') {
        res.writeHead(500, { 'content-type': 'text/html' });
        return res.end('<html>500 Internal Server Error</html>');
      }
      if (isWechat) {
        if (!body?.template_id || !body?.touser || typeof body?.data !== 'object') return json({ errcode: 47003, errmsg: 'argument invalid!' });
        if (behaviour === 'refuse') return json({ errcode: 43101, errmsg: 'user refuse to accept the msg' });
        if (behaviour === 'invalid') return json({ errcode: 40003, errmsg: 'invalid openid' });
        accepted.push(call);
        return json({ errcode: 0, errmsg: 'ok', msgid: counter++ });
      }
      if (!body?.agentid || !body?.msgtype) return json({ errcode: 40008, errmsg: 'invalid message type' });
      // WeCom answers 0 and names the receiver in invaliduser when it is not a member
      if (behaviour === 'invalid') return json({ errcode: 0, errmsg: 'ok', invaliduser: body.touser, msgid: 'm' });
      accepted.push(call);
      return json({ errcode: 0, errmsg: 'ok', invaliduser: '', msgid: `msg-${counter++}` });
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
