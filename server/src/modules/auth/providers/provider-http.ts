import { AuthException } from '../auth.exception.js';

export type ProviderName = '微信' | '企业微信';

/**
 * GET a JSON answer from WeChat / WeCom with a timeout. Both answer HTTP 200 with {errcode, errmsg} on
 * errors, and jscode2session answers with `text/plain`, so the body is parsed whatever its content type.
 * The URL carries secrets: it is never logged or put into an error message.
 */
export async function getProviderJson<T>(url: URL, timeoutMs: number, provider: ProviderName): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: 'GET', signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
  } catch {
    throw AuthException.providerUnavailable(provider);
  }
  if (!response.ok) throw AuthException.providerUnavailable(provider);
  try {
    return JSON.parse(await response.text()) as T;
  } catch {
    throw AuthException.providerUnavailable(provider);
  }
}

/** base + path, keeping any path prefix of the base (a proxy in front of the API). */
export function endpoint(apiBase: string, path: string): URL {
  return new URL(apiBase.replace(/\/+$/, '') + path);
}
