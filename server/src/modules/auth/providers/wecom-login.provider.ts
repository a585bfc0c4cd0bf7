import { Logger } from '@nestjs/common';
import { AuthException } from '../auth.exception.js';
import { AccessTokenCache } from './access-token-cache.js';
import { endpoint, getProviderJson, ProviderCallError } from './provider-http.js';
import { WECOM_TOKEN_REJECTED, wecomAccessTokenCache, type WecomCredentials } from './wecom-access-token.js';

export interface WecomUser {
  userid: string;
}

/** WeCom (企业微信) web login of cadres: the OAuth code → the member's userid. */
export abstract class WecomLoginProvider {
  abstract readonly kind: 'wecom' | 'dev' | 'disabled';
  abstract getUserInfo(code: string): Promise<WecomUser>;
}

interface UserInfoAnswer {
  errcode?: number;
  errmsg?: string;
  userid?: string;
  /** the older /cgi-bin/user/getuserinfo spelling */
  UserId?: string;
  openid?: string;
  external_userid?: string;
}

export type WecomApiOptions = WecomCredentials;

const CODE_INVALID = new Set([40029, 50001, 40163]); // invalid code / redirect not trusted / code used

/**
 * The real API: `GET /cgi-bin/gettoken` (cached until shortly before expires_in, one request at a time: see
 * wecom-access-token.ts), then `GET /cgi-bin/auth/getuserinfo`. A token WeCom says is expired or invalid is
 * fetched again once.
 */
export class HttpWecomLoginProvider extends WecomLoginProvider {
  readonly kind = 'wecom' as const;
  private readonly logger = new Logger('WecomLogin');
  private readonly tokens: AccessTokenCache;

  constructor(private readonly options: WecomApiOptions) {
    super();
    this.tokens = wecomAccessTokenCache(options);
  }

  async getUserInfo(code: string): Promise<WecomUser> {
    let token = await this.accessToken();
    let answer = await this.callUserInfo(token, code);
    if (WECOM_TOKEN_REJECTED.has(answer.errcode ?? 0)) {
      this.tokens.invalidate(token);
      token = await this.accessToken();
      answer = await this.callUserInfo(token, code);
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
    try {
      return await this.tokens.get();
    } catch (error) {
      // a wrong corp id or secret is our configuration, not the user's fault: logged, and a 503 to the user
      if (error instanceof ProviderCallError && error.errcode !== null) this.logger.error(error.message);
      throw AuthException.providerUnavailable('企业微信');
    }
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
