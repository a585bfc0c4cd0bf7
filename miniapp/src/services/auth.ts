import type { AuthResult, Me } from './api-types'
import { request } from './request'
import { cacheAccount, clearSession, getRefreshToken, saveSession, takeReturnTo } from './session'
import { getLoginCode } from '../platform/login-code'

/** Mini-program login: the platform's one-time code for a session. */
export async function loginWithWechat(): Promise<Me> {
  const code = await getLoginCode()
  const result = await request<AuthResult>('/auth/wechat', { method: 'POST', data: { code }, auth: false, toast: false })
  saveSession(result)
  return result.account
}

/** The signed-in account; `quiet` for background refreshes that should not toast. */
export async function fetchMe(quiet = false): Promise<Me> {
  const me = await request<Me>('/me', { toast: !quiet })
  cacheAccount(me)
  return me
}

/** Bind this WeChat account to a household member; the server answers without saying which part was wrong. */
export async function bindMember(name: string, idNumber: string): Promise<Me> {
  const me = await request<Me>('/me/binding', { method: 'POST', data: { name, idNumber }, toast: false })
  cacheAccount(me)
  return me
}

export async function logout(): Promise<void> {
  const refreshToken = getRefreshToken()
  try {
    if (refreshToken) await request('/auth/logout', { method: 'POST', data: { refreshToken }, toast: false })
  } catch {
    // Leaving must work offline too; the server session expires on its own.
  } finally {
    clearSession()
    takeReturnTo()
  }
}
