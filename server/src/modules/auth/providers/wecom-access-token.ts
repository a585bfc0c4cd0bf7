import { AccessTokenCache } from './access-token-cache.js';
import { endpoint, fetchProviderJson, ProviderCallError } from './provider-http.js';

export interface WecomCredentials {
  apiBase: string;
  corpId: string;
  /** the secret of the self-built app (自建应用) that logs cadres in and sends them messages */
  secret: string;
  timeoutMs: number;
  /** milliseconds since the epoch; tests move it to expire the cached access token */
  now?: () => number;
}

interface TokenAnswer {
  errcode?: number;
  errmsg?: string;
  access_token?: string;
  expires_in?: number;
}

/** errcodes meaning the access token expired (42001) or is not valid (40014): fetch a new one and call again. */
export const WECOM_TOKEN_REJECTED: ReadonlySet<number> = new Set([42001, 40014]);

/**
 * `GET /cgi-bin/gettoken?corpid=&corpsecret=` behind a cache. WeCom answers the same token while it is valid, so
 * the login and the message channel may each keep their own cache without retiring each other's token.
 * Throws ProviderCallError (40013 wrong corp id, 40001/40091 wrong secret: our configuration).
 */
export function wecomAccessTokenCache(credentials: WecomCredentials): AccessTokenCache {
  return new AccessTokenCache(async () => {
    const url = endpoint(credentials.apiBase, '/cgi-bin/gettoken');
    url.searchParams.set('corpid', credentials.corpId);
    url.searchParams.set('corpsecret', credentials.secret);
    const answer = await fetchProviderJson<TokenAnswer>(url, { timeoutMs: credentials.timeoutMs });
    if ((answer.errcode ?? 0) !== 0 || !answer.access_token) {
      throw new ProviderCallError(`gettoken failed: errcode ${answer.errcode} ${answer.errmsg ?? ''}`.trim(), answer.errcode ?? null);
    }
    return { value: answer.access_token, expiresInSeconds: answer.expires_in ?? 7200 };
  }, credentials.now);
}
