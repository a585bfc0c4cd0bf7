import { Logger } from '@nestjs/common';
import { AuthException } from '../auth.exception.js';
import { endpoint, getProviderJson } from './provider-http.js';

export interface WechatSession {
  openid: string;
  unionid?: string;
}

/** WeChat mini-program login: the code from wx.login() → the user's openid (code2Session). */
export abstract class WechatLoginProvider {
  /** 'wechat' for the real API, 'dev' for the development stand-in */
  abstract readonly kind: 'wechat' | 'dev' | 'disabled';
  abstract code2Session(code: string): Promise<WechatSession>;
}

interface Code2SessionAnswer {
  openid?: string;
  unionid?: string;
  session_key?: string;
  errcode?: number;
  errmsg?: string;
}

export interface WechatApiOptions {
  apiBase: string;
  appId: string;
  appSecret: string;
  timeoutMs: number;
}

/**
 * The real `GET /sns/jscode2session`. The session_key in the answer is dropped: Jiuzhu decrypts no WeChat
 * user data, so it never keeps it.
 */
export class HttpWechatLoginProvider extends WechatLoginProvider {
  readonly kind = 'wechat' as const;
  private readonly logger = new Logger('WechatLogin');

  constructor(private readonly options: WechatApiOptions) {
    super();
  }

  async code2Session(code: string): Promise<WechatSession> {
    const url = endpoint(this.options.apiBase, '/sns/jscode2session');
    url.searchParams.set('appid', this.options.appId);
    url.searchParams.set('secret', this.options.appSecret);
    url.searchParams.set('js_code', code);
    url.searchParams.set('grant_type', 'authorization_code');
    const answer = await getProviderJson<Code2SessionAnswer>(url, this.options.timeoutMs, '微信');
    const errcode = answer.errcode ?? 0;
    if (errcode === 0 && typeof answer.openid === 'string' && answer.openid) {
      return { openid: answer.openid, ...(answer.unionid ? { unionid: answer.unionid } : {}) };
    }
    switch (errcode) {
      case 40029: // invalid code
      case 40163: // code already used
        throw AuthException.wechatCodeInvalid();
      case 45011: // too frequent (per user)
        throw AuthException.providerRateLimited('微信');
      case 40226: // high-risk user blocked by WeChat
        throw AuthException.wechatUserBlocked();
      default:
        // -1 system busy, 40013/40125 wrong app id or secret (our configuration), or an answer without openid
        this.logger.error(`jscode2session failed: errcode ${errcode} ${answer.errmsg ?? ''}`.trim());
        throw AuthException.providerUnavailable('微信');
    }
  }
}

/**
 * Development and tests, when WECHAT_APP_ID is not set: the code `dev:<id>` logs in as openid `dev-<id>`.
 * The demo's citizen H5 uses it; production never does (see DisabledWechatLoginProvider).
 */
export class DevWechatLoginProvider extends WechatLoginProvider {
  readonly kind = 'dev' as const;

  async code2Session(code: string): Promise<WechatSession> {
    const match = /^dev:([A-Za-z0-9_.-]{1,56})$/.exec(code);
    if (!match) throw AuthException.wechatCodeInvalid();
    return { openid: `dev-${match[1]}` };
  }
}

/** Production without WECHAT_APP_ID: WeChat login is switched off rather than faked. */
export class DisabledWechatLoginProvider extends WechatLoginProvider {
  readonly kind = 'disabled' as const;

  async code2Session(): Promise<WechatSession> {
    throw AuthException.providerUnavailable('微信');
  }
}
