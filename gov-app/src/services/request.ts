import Taro from '@tarojs/taro'
import { API_BASE } from '../platform/api-base'
import type { ApiErrorBody, AuthResult } from './api-types'
import { clearSession, getAccessToken, getRefreshToken, goToLogin, saveSession } from './session'

export const NETWORK_UNAVAILABLE_MESSAGE = '网络不可用，请稍后重试'
const UNKNOWN_ERROR_MESSAGE = '服务暂时不可用，请稍后重试'

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface RequestOptions {
  method?: Method
  data?: unknown
  header?: Record<string, string>
  /** Send the bearer token and refresh it on 401 (default true). Login calls set false. */
  auth?: boolean
  /** Show the error message as a toast (default true). Pages that show it beside a form set false. */
  toast?: boolean
}

/** A failed API call: `message` is Chinese and can be shown as it is. */
export class ApiError extends Error {
  readonly code: string
  readonly status: number
  readonly details?: unknown

  constructor(status: number, body: ApiErrorBody) {
    super(body.message)
    this.name = 'ApiError'
    this.code = body.code
    this.status = status
    this.details = body.details
  }
}

function showError(message: string): void {
  void Taro.showToast({ title: message, icon: 'none', duration: 3000 })
}

function isErrorBody(data: unknown): data is ApiErrorBody {
  return typeof data === 'object' && data !== null && typeof (data as ApiErrorBody).message === 'string'
}

async function send(path: string, options: RequestOptions, withToken: boolean) {
  const header: Record<string, string> = { 'Content-Type': 'application/json', ...options.header }
  const token = withToken ? getAccessToken() : ''
  if (token) header.Authorization = `Bearer ${token}`
  try {
    return await Taro.request({
      url: `${API_BASE}${path}`,
      method: options.method ?? 'GET',
      data: options.data as TaroGeneral.IAnyObject | undefined,
      header,
      dataType: 'json',
    })
  } catch {
    // Taro.request rejects only when no HTTP answer came back (offline, DNS, timeout).
    throw new ApiError(0, { code: 'NETWORK_UNAVAILABLE', message: NETWORK_UNAVAILABLE_MESSAGE })
  }
}

let refreshing: Promise<boolean> | null = null

/** One refresh at a time: calls that fail together wait for the same new token pair. */
function refreshSession(): Promise<boolean> {
  if (!refreshing) {
    refreshing = (async () => {
      const refreshToken = getRefreshToken()
      if (!refreshToken) return false
      try {
        const response = await send('/auth/refresh', { method: 'POST', data: { refreshToken } }, false)
        if (response.statusCode !== 200) return false
        saveSession(response.data as AuthResult)
        return true
      } catch {
        return false
      }
    })().finally(() => {
      refreshing = null
    })
  }
  return refreshing
}

/** Every API call of the app goes through here; pages never call Taro.request. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const auth = options.auth ?? true
  const toast = options.toast ?? true
  try {
    let response = await send(path, options, auth)
    if (response.statusCode === 401 && auth) {
      if (await refreshSession()) {
        response = await send(path, options, true)
      }
      if (response.statusCode === 401) {
        clearSession()
        goToLogin()
        throw new ApiError(401, isErrorBody(response.data) ? response.data : { code: 'AUTH_REQUIRED', message: '请重新登录' })
      }
    }
    if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T
    const body: ApiErrorBody = isErrorBody(response.data)
      ? response.data
      : { code: `HTTP_${response.statusCode}`, message: UNKNOWN_ERROR_MESSAGE }
    throw new ApiError(response.statusCode, body)
  } catch (error) {
    const apiError =
      error instanceof ApiError ? error : new ApiError(0, { code: 'CLIENT_ERROR', message: UNKNOWN_ERROR_MESSAGE })
    if (toast && apiError.status !== 401) showError(apiError.message)
    throw apiError
  }
}
