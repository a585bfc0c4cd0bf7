import type { AuthResult, Me } from '@jiuzhu/shared/client'
import { request } from '@kit/request'
import { saveSession } from '@kit/session'
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
