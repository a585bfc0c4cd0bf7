import type { AuthResult, Me } from './api-types.js';

/** Synchronous key/value storage (Taro's storage in the apps, a Map in tests). A missing key reads as `''`, `null` or `undefined`. */
export interface KeyValueStorage {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  remove(key: string): void;
}

/** Storage keys; the browser tests read the tokens under these names. */
export const SESSION_KEYS = {
  accessToken: 'jiuzhu.accessToken',
  refreshToken: 'jiuzhu.refreshToken',
  account: 'jiuzhu.account',
  returnTo: 'jiuzhu.returnTo',
} as const;

export type SessionTokens = Pick<AuthResult, 'accessToken' | 'refreshToken'> & { account?: Me };

export interface SessionStore {
  getAccessToken(): string;
  getRefreshToken(): string;
  getCachedAccount(): Me | null;
  cacheAccount(account: Me): void;
  /** Stores a login or refresh answer (the account too when it has one). */
  saveSession(result: SessionTokens): void;
  clearSession(): void;
  isLoggedIn(): boolean;
  /** Remembers the page to come back to after logging in again; never the login page itself. */
  rememberReturnTo(url: string | null): void;
  /** The remembered page, once: reading it forgets it. */
  takeReturnTo(): string | null;
}

export interface SessionStoreOptions {
  /** The login page's path, which is never remembered as the page to return to. */
  loginPage: string;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The signed-in session (tokens, the account, the page to return to) kept in `storage`. */
export function createSessionStore(storage: KeyValueStorage, options: SessionStoreOptions): SessionStore {
  const keys = SESSION_KEYS;
  const getAccessToken = () => text(storage.get(keys.accessToken));
  const cacheAccount = (account: Me) => storage.set(keys.account, account);
  return {
    getAccessToken,
    getRefreshToken: () => text(storage.get(keys.refreshToken)),
    getCachedAccount() {
      const account = storage.get(keys.account);
      return typeof account === 'object' && account !== null ? (account as Me) : null;
    },
    cacheAccount,
    saveSession(result) {
      storage.set(keys.accessToken, result.accessToken);
      storage.set(keys.refreshToken, result.refreshToken);
      if (result.account) cacheAccount(result.account);
    },
    clearSession() {
      storage.remove(keys.accessToken);
      storage.remove(keys.refreshToken);
      storage.remove(keys.account);
    },
    isLoggedIn: () => Boolean(getAccessToken()),
    rememberReturnTo(url) {
      if (url && !url.startsWith(options.loginPage)) storage.set(keys.returnTo, url);
    },
    takeReturnTo() {
      const url = text(storage.get(keys.returnTo)) || null;
      storage.remove(keys.returnTo);
      return url;
    },
  };
}

/**
 * A page's URL with its query, to come back to later: `/pages/x/index?id=1`. Leaves out the parameters the
 * framework adds itself (`$taro…`, `stamp`).
 */
export function pageUrl(path: string, params: Record<string, unknown> = {}): string {
  const bare = (path.startsWith('/') ? path : `/${path}`).split('?')[0];
  const query = Object.entries(params)
    .filter(([key, value]) => !key.startsWith('$taro') && key !== 'stamp' && value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return query ? `${bare}?${query}` : bare;
}
