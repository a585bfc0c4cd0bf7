import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { Me } from '@jiuzhu/shared/client'
import { LOGIN_PAGE } from './pages'
import { request } from './request'
import { cacheAccount, clearSession, getCachedAccount, getRefreshToken, goToLogin, isLoggedIn, takeReturnTo } from './session'
import { clearDrafts } from './use-draft'

/** The signed-in account; `quiet` for background refreshes that should not toast. */
export async function fetchMe(quiet = false): Promise<Me> {
  const me = await request<Me>('/me', { toast: !quiet })
  cacheAccount(me)
  return me
}

/** Ends the server session, forgets the local one and opens the login page. */
export async function logout(): Promise<void> {
  const refreshToken = getRefreshToken()
  try {
    if (refreshToken) await request('/auth/logout', { method: 'POST', data: { refreshToken }, toast: false })
  } catch {
    // Leaving must work offline too; the server session expires on its own.
  } finally {
    clearSession()
    takeReturnTo()
    clearDrafts()
  }
  await Taro.reLaunch({ url: LOGIN_PAGE })
}

/**
 * The signed-in account for a page: the cached one at once, then fresh from the server each time the page
 * shows (`quiet`: without a toast when that fails). Signed out, it leaves for the login page.
 */
export function useAccount({ quiet = false } = {}): Me | null {
  const [me, setMe] = useState<Me | null>(getCachedAccount())
  useDidShow(() => {
    if (!isLoggedIn()) {
      goToLogin()
      return
    }
    fetchMe(quiet).then(setMe, () => undefined)
  })
  return me
}
