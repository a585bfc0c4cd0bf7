import { Logger } from '@nestjs/common';
import { AuthException } from '../auth.exception.js';
import { endpoint, getProviderJson } from './provider-http.js';

export interface WecomUser {
  userid: string;
}

/** WeCom (企业微信) web login of cadres: the OAuth code → the member's userid. */
export abstract class WecomLoginProvider {
  abstract readonly kind: 'wecom' | 'dev' | 'disabled';
  abstract getUserInfo(code: string): Promise<WecomUser>;
}

interface WecomAnswer {
  errcode?: number;
  errmsg?: string;
}
interface TokenAnswer extends WecomAnswer {
  access_token?: string;
  expires_in?: number;
}
interface UserInfoAnswer extends WecomAnswer {
  userid?: string;
  /** the older /cgi-bin/user/getuserinfo spelling */
  UserId?: string;
  openid?: string;
  external_userid?: string;
}

export interface WecomApiOptions {
  apiBase: string;
  corpId: string;
  secret: string;
  timeoutMs: number;
  /** milliseconds since the epoch; tests move it to expire the cached access token */
  now?: () => number;
}

const TOKEN_EXPIRED = new Set([42001, 40014]); // access_token expired / invalid
const CODE_INVALID = new Set([40029, 50001, 40163]); // invalid code / redirect not trusted / code used

/**
 * The real API: `GET /cgi-bin/gettoken` (cached until shortly before expires_in, one request at a time),
 * then `GET /cgi-bin/auth/getuserinfo`. A token WeCom says is expired or invalid is fetched again once.
 */
export class HttpWecomLoginProvider extends WecomLoginProvider {
  readonly kind = 'wecom' as const;
  private readonly logger = new Logger('WecomLogin');
  private readonly now: () => number;
  private token: { value: string; expiresAt: number } | null = null;
  private pendingToken: Promise<string> | null = null;

  constructor(private readonly options: WecomApiOptions) {
    super();
    this.now = options.now ?? Date.now;
  }

  async getUserInfo(code: string): Promise<WecomUser> {
    let answer = await this.callUserInfo(await this.accessToken(), code);
    if (TOKEN_EXPIRED.has(answer.errcode ?? 0)) {
      this.token = null;
      answer = await this.callUserInfo(await this.accessToken(), code);
    }
    const errcode = answer.errcode ?? 0;
    if (errcode === 0) {
      const userid = answer.userid ?? answer.UserId;
      // a person outside the organisation gets an openid only: not a cadre
      if (!userid) throw AuthException.wecomNotLinked();
      return { userid };
    }
    if (CODE_INVALID.has(errcode)) throw AuthException.wecomCodeInvalid();
    if (errcode === 45009 || errcode === 45033) throw AuthException.providerRateLimited('企业微信');
    this.logger.error(`getuserinfo failed: errcode ${errcode} ${answer.errmsg ?? ''}`.trim());
    throw AuthException.providerUnavailable('企业微信');
  }

  private callUserInfo(accessToken: string, code: string): Promise<UserInfoAnswer> {
    const url = endpoint(this.options.apiBase, '/cgi-bin/auth/getuserinfo');
    url.searchParams.set('access_token', accessToken);
    url.searchParams.set('code', code);
    return getProviderJson<UserInfoAnswer>(url, this.options.timeoutMs, '企业微信');
  }

  private async accessToken(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    // concurrent logins share one gettoken call (WeCom limits how often it may be called)
    this.pendingToken ??= this.fetchToken().finally(() => {
      this.pendingToken = null;
    });
    return this.pendingToken;
  }

  private async fetchToken(): Promise<string> {
    const url = endpoint(this.options.apiBase, '/cgi-bin/gettoken');
    url.searchParams.set('corpid', this.options.corpId);
    url.searchParams.set('corpsecret', this.options.secret);
    const answer = await getProviderJson<TokenAnswer>(url, this.options.timeoutMs, '企业微信');
    if ((answer.errcode ?? 0) !== 0 || !answer.access_token) {
      // 40013 wrong corp id, 40001/40091 wrong secret: our configuration, not the user's fault
      this.logger.error(`gettoken failed: errcode ${answer.errcode} ${answer.errmsg ?? ''}`.trim());
      throw AuthException.providerUnavailable('企业微信');
    }
    const lifetime = (answer.expires_in ?? 7200) * 1000;
    // renew a little early (a tenth of the lifetime, at most 5 minutes) so a token never expires mid-call
    const margin = Math.min(300_000, lifetime / 10);
    this.token = { value: answer.access_token, expiresAt: this.now() + lifetime - margin };
    return answer.access_token;
  }
}

/**
 * Development and tests, when WECOM_CORP_ID is not set: the code `dev:<username>` gives userid `<username>`;
 * the login then finds the cadre by wecom_userid, or (dev only) by username.
 */
export class DevWecomLoginProvider extends WecomLoginProvider {
  readonly kind = 'dev' as const;

  async getUserInfo(code: string): Promise<WecomUser> {
    const match = /^dev:([A-Za-z0-9_.@-]{1,64})$/.exec(code);
    if (!match) throw AuthException.wecomCodeInvalid();
    return { userid: match[1] };
  }
}

/** Production without WECOM_CORP_ID: WeCom login is switched off rather than faked. */
export class DisabledWecomLoginProvider extends WecomLoginProvider {
  readonly kind = 'disabled' as const;

  async getUserInfo(): Promise<WecomUser> {
    throw AuthException.providerUnavailable('企业微信');
  }
}
