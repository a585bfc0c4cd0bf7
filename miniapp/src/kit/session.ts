import Taro from '@tarojs/taro'
import { createSessionStore, pageUrl } from '@jiuzhu/shared/client'
import { LOGIN_PAGE } from './pages'

// The session store of @jiuzhu/shared on Taro's storage (localStorage in H5, wx storage in the weapp).
const session = createSessionStore(
  {
    get: (key) => Taro.getStorageSync(key),
    set: (key, value) => Taro.setStorageSync(key, value),
    remove: (key) => Taro.removeStorageSync(key),
  },
  { loginPage: LOGIN_PAGE },
)

export const {
  getAccessToken,
  getRefreshToken,
  getCachedAccount,
  cacheAccount,
  saveSession,
  clearSession,
  isLoggedIn,
  rememberReturnTo,
  takeReturnTo,
} = session

/** The page (with its query) the user is on now, to come back to after logging in again. */
export function currentPageUrl(): string | null {
  const router = Taro.getCurrentInstance().router
  return router?.path ? pageUrl(router.path, router.params) : null
}

/** Leave for the login page, remembering where the user was. */
export function goToLogin(): void {
  const here = currentPageUrl()
  if (here?.startsWith(LOGIN_PAGE)) return
  rememberReturnTo(here)
  Taro.reLaunch({ url: LOGIN_PAGE })
}
