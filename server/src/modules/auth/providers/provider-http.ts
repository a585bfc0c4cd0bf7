import { AuthException } from '../auth.exception.js';

export type ProviderName = '微信' | '企业微信';

/**
 * WeChat / WeCom did not answer, answered with an HTTP error, or answered something that is not JSON. The message
 * never holds the URL (it carries secrets and access tokens).
 */
export class ProviderCallError extends Error {
  constructor(
    message: string,
    /** the provider's errcode when it answered with one */
    readonly errcode: number | null = null,
  ) {
    super(message);
    this.name = 'ProviderCallError';
  }
}

export interface ProviderRequest {
  timeoutMs: number;
  /** POSTed as JSON when given, else the request is a GET */
  body?: unknown;
}

/**
 * Calls WeChat / WeCom and parses the JSON answer. Both answer HTTP 200 with {errcode, errmsg} on errors, and
 * jscode2session answers with `text/plain`, so the body is parsed whatever its content type.
 */
export async function fetchProviderJson<T>(url: URL, request: ProviderRequest): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: request.body === undefined ? 'GET' : 'POST',
      signal: AbortSignal.timeout(request.timeoutMs),
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
    });
  } catch (error) {
    const timedOut = (error as Error).name === 'TimeoutError';
    throw new ProviderCallError(timedOut ? `${url.pathname}: no answer within ${request.timeoutMs} ms` : `${url.pathname}: unreachable`);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw new ProviderCallError(`${url.pathname}: HTTP ${response.status}`);
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new ProviderCallError(`${url.pathname}: answer is not JSON`);
  }
}

/** GET for the login providers: any failure to get an answer is a 503 with a Chinese message. */
export async function getProviderJson<T>(url: URL, timeoutMs: number, provider: ProviderName): Promise<T> {
  try {
    return await fetchProviderJson<T>(url, { timeoutMs });
  } catch {
    throw AuthException.providerUnavailable(provider);
  }
}

/** base + path, keeping any path prefix of the base (a proxy in front of the API). */
export function endpoint(apiBase: string, path: string): URL {
  return new URL(apiBase.replace(/\/+$/, '') + path);
}
