import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import type { Me } from '@jiuzhu/shared/client'
import { LOGIN_PAGE } from './pages'
import { request } from './request'
import { cacheAccount, clearSession, getCachedAccount, getRefreshToken, goToLogin, isLoggedIn, takeReturnTo } from './session'
import { clearDrafts } from './use-draft'
import { clearLocalData, unsentCount } from './local-data'

/** The signed-in account; `quiet` for background refreshes that should not toast. */
export async function fetchMe(quiet = false): Promise<Me> {
  const me = await request<Me>('/me', { toast: !quiet })
  cacheAccount(me)
  return me
}

/**
 * Ends the server session, forgets the local one (with drafts and the work data kept for offline use) and opens
 * the login page. Asks first when records made on this phone were never sent: logging out deletes them.
 */
export async function logout(): Promise<void> {
  const unsent = unsentCount()
  if (unsent > 0) {
    const { confirm } = await Taro.showModal({
      title: '还有记录没有发送',
      content: `手机上还有 ${unsent} 条记录没有发送，退出登录会删除它们。确定退出吗？`,
      confirmText: '仍然退出',
      cancelText: '先不退出',
    })
    if (!confirm) return
  }
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
  await clearLocalData()
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
