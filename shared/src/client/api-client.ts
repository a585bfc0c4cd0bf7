import { ApiError, LOGIN_AGAIN_MESSAGE, UNKNOWN_ERROR_MESSAGE, apiErrorOf, networkError } from './api-error.js';
import type { AuthResult } from './api-types.js';
import type { SessionStore } from './session-store.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface TransportRequest {
  url: string;
  method: HttpMethod;
  data?: unknown;
  header: Record<string, string>;
}

export interface TransportResponse {
  statusCode: number;
  /** The parsed JSON body. */
  data: unknown;
}

/** Sends one request and resolves with any HTTP answer; rejects only when none came back (offline, DNS, timeout). */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;

export interface RequestOptions {
  method?: HttpMethod;
  data?: unknown;
  header?: Record<string, string>;
  /** Send the bearer token and refresh it on 401 (default true). Login calls set false. */
  auth?: boolean;
  /** Show the error message through `showError` (default true). Pages that show it beside a form set false. */
  toast?: boolean;
}

export interface ApiClientOptions {
  /** The API's base URL without a trailing slash, e.g. `/api/v1`. */
  baseUrl: string;
  transport: Transport;
  session: Pick<SessionStore, 'getAccessToken' | 'getRefreshToken' | 'saveSession' | 'clearSession'>;
  /** The session could not be renewed and has been cleared: send the user to the login page. */
  onSessionExpired(): void;
  /** Shows a failed call's Chinese message (a toast). Not called for 401, which leads to the login page instead. */
  showError(message: string): void;
}

export interface ApiClient {
  /** One API call; resolves with the body of a 2xx answer, rejects with an `ApiError` otherwise. */
  request<T>(path: string, options?: RequestOptions): Promise<T>;
  /** Renews the token pair; calls made meanwhile share the one refresh. Resolves false when it failed. */
  refreshSession(): Promise<boolean>;
}

/**
 * The API client of both apps, written against a transport and a session store so it runs anywhere: bearer
 * token, one refresh on 401 shared by every call that failed with the same token (the server revokes the
 * whole session when a rotated refresh token is used twice), one retry, then back to login.
 */
export function createApiClient(config: ApiClientOptions): ApiClient {
  const { baseUrl, transport, session } = config;

  async function send(path: string, options: RequestOptions, token: string): Promise<TransportResponse> {
    const header: Record<string, string> = { 'Content-Type': 'application/json', ...options.header };
    if (token) header.Authorization = `Bearer ${token}`;
    try {
      return await transport({ url: `${baseUrl}${path}`, method: options.method ?? 'GET', data: options.data, header });
    } catch {
      throw networkError();
    }
  }

  let refreshing: Promise<boolean> | null = null;

  function refreshSession(): Promise<boolean> {
    if (!refreshing) {
      refreshing = (async () => {
        const refreshToken = session.getRefreshToken();
        if (!refreshToken) return false;
        try {
          const response = await send('/auth/refresh', { method: 'POST', data: { refreshToken } }, '');
          if (response.statusCode !== 200) return false;
          session.saveSession(response.data as AuthResult);
          return true;
        } catch {
          return false;
        }
      })().finally(() => {
        refreshing = null;
      });
    }
    return refreshing;
  }

  async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const auth = options.auth ?? true;
    const toast = options.toast ?? true;
    try {
      const sentWith = auth ? session.getAccessToken() : '';
      let response = await send(path, options, sentWith);
      if (response.statusCode === 401 && auth) {
        // A call that failed with a token another call has already replaced retries with the new one
        // instead of spending the refresh token again.
        const current = session.getAccessToken();
        const renewed = (current !== '' && current !== sentWith) || (await refreshSession());
        if (renewed) response = await send(path, options, session.getAccessToken());
        if (response.statusCode === 401) {
          session.clearSession();
          config.onSessionExpired();
          throw apiErrorOf(401, response.data, { code: 'AUTH_REQUIRED', message: LOGIN_AGAIN_MESSAGE });
        }
      }
      if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T;
      throw apiErrorOf(response.statusCode, response.data);
    } catch (error) {
      const apiError =
        error instanceof ApiError ? error : new ApiError(0, { code: 'CLIENT_ERROR', message: UNKNOWN_ERROR_MESSAGE });
      if (toast && apiError.status !== 401) config.showError(apiError.message);
      throw apiError;
    }
  }

  return { request, refreshSession };
}
