import Taro from '@tarojs/taro'
import type { AuthResult, Me } from './api-types'

const ACCESS_TOKEN = 'jiuzhu.accessToken'
const REFRESH_TOKEN = 'jiuzhu.refreshToken'
const ACCOUNT = 'jiuzhu.account'
const RETURN_TO = 'jiuzhu.returnTo'

export const LOGIN_PAGE = '/pages/login/index'
export const HOME_PAGE = '/pages/index/index'

export function getAccessToken(): string {
  return Taro.getStorageSync<string>(ACCESS_TOKEN) || ''
}

export function getRefreshToken(): string {
  return Taro.getStorageSync<string>(REFRESH_TOKEN) || ''
}

export function getCachedAccount(): Me | null {
  return Taro.getStorageSync<Me>(ACCOUNT) || null
}

export function cacheAccount(account: Me): void {
  Taro.setStorageSync(ACCOUNT, account)
}

export function saveSession(result: Pick<AuthResult, 'accessToken' | 'refreshToken'> & { account?: Me }): void {
  Taro.setStorageSync(ACCESS_TOKEN, result.accessToken)
  Taro.setStorageSync(REFRESH_TOKEN, result.refreshToken)
  if (result.account) cacheAccount(result.account)
}

export function clearSession(): void {
  Taro.removeStorageSync(ACCESS_TOKEN)
  Taro.removeStorageSync(REFRESH_TOKEN)
  Taro.removeStorageSync(ACCOUNT)
}

export function isLoggedIn(): boolean {
  return Boolean(getAccessToken())
}

/** The page (with its query) the user is on now, to come back to after logging in again. */
export function currentPageUrl(): string | null {
  const router = Taro.getCurrentInstance().router
  if (!router?.path) return null
  const path = (router.path.startsWith('/') ? router.path : `/${router.path}`).split('?')[0]
  const query = Object.entries(router.params || {})
    .filter(([key, value]) => !key.startsWith('$taro') && key !== 'stamp' && value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&')
  return query ? `${path}?${query}` : path
}

export function rememberReturnTo(url: string | null): void {
  if (url && !url.startsWith(LOGIN_PAGE)) Taro.setStorageSync(RETURN_TO, url)
}

/** The remembered page, once: reading it forgets it. */
export function takeReturnTo(): string | null {
  const url = Taro.getStorageSync<string>(RETURN_TO) || null
  Taro.removeStorageSync(RETURN_TO)
  return url
}

/** Leave for the login page, remembering where the user was. */
export function goToLogin(): void {
  const here = currentPageUrl()
  if (here?.startsWith(LOGIN_PAGE)) return
  rememberReturnTo(here)
  Taro.reLaunch({ url: LOGIN_PAGE })
}
