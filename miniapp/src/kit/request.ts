import Taro from '@tarojs/taro'
import { createApiClient } from '@jiuzhu/shared/client'
import type { Transport } from '@jiuzhu/shared/client'
import { API_BASE } from './api-base'
import { clearSession, getAccessToken, getRefreshToken, goToLogin, saveSession } from './session'

export { ApiError } from '@jiuzhu/shared/client'

// Taro.request is the only HTTP client in a weapp (no fetch); it rejects only when no answer came back.
const transport: Transport = async ({ url, method, data, header }) => {
  const response = await Taro.request({ url, method, data: data as TaroGeneral.IAnyObject | undefined, header, dataType: 'json' })
  return { statusCode: response.statusCode, data: response.data }
}

// The API client of @jiuzhu/shared (token refresh, retry, Chinese errors) on Taro.
const client = createApiClient({
  baseUrl: API_BASE,
  transport,
  session: { clearSession, getAccessToken, getRefreshToken, saveSession },
  onSessionExpired: goToLogin,
  showError: (message) => void Taro.showToast({ title: message, icon: 'none', duration: 3000 }),
})

/** Every API call of the apps goes through here; pages never call Taro.request. */
export const request = client.request

/** Renews the token pair, shared with calls in flight (the upload wrapper uses it on 401). */
export const refreshSession = client.refreshSession
