import type { AuthResult, Me } from '@jiuzhu/shared/client'
import { request } from '@kit/request'
import { cacheAccount, saveSession } from '@kit/session'
import { getLoginCode } from '../platform/login-code'

/** Mini-program login: the platform's one-time code for a session. */
export async function loginWithWechat(): Promise<Me> {
  const code = await getLoginCode()
  const result = await request<AuthResult>('/auth/wechat', { method: 'POST', data: { code }, auth: false, toast: false })
  saveSession(result)
  return result.account
}

/** Bind this WeChat account to a household member; the server answers without saying which part was wrong. */
export async function bindMember(name: string, idNumber: string): Promise<Me> {
  const me = await request<Me>('/me/binding', { method: 'POST', data: { name, idNumber }, toast: false })
  cacheAccount(me)
  return me
}

/** The phone on the bound household's record (the server audits the view), or null; null too when it cannot be had. */
export async function fetchHouseholdPhone(): Promise<string | null> {
  try {
    const contact = await request<{ phone: string | null }>('/me/contact', { toast: false })
    return contact.phone
  } catch {
    return null
  }
}
