import type { AuthResult, Me } from './api-types'
import { request } from './request'
import { cacheAccount, clearSession, getRefreshToken, saveSession, takeReturnTo } from './session'
import { getWecomCode } from '../platform/wecom-code'

/** Username and password; a wrong password or a locked account comes back as an ApiError with a Chinese message. */
export async function loginWithPassword(username: string, password: string): Promise<Me> {
  const result = await request<AuthResult>('/auth/login', {
    method: 'POST',
    data: { username, password },
    auth: false,
    toast: false,
  })
  saveSession(result)
  return result.account
}

/** WeCom sign-in (weapp inside WeCom only). */
export async function loginWithWecom(): Promise<Me> {
  const code = await getWecomCode()
  const result = await request<AuthResult>('/auth/wecom', { method: 'POST', data: { code }, auth: false, toast: false })
  saveSession(result)
  return result.account
}

/** The signed-in account; `quiet` for background refreshes that should not toast. */
export async function fetchMe(quiet = false): Promise<Me> {
  const me = await request<Me>('/me', { toast: !quiet })
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
