import Taro from '@tarojs/taro'
import { apiErrorOf, LOGIN_AGAIN_MESSAGE, networkError } from '@jiuzhu/shared/client'
import { API_BASE } from './api-base'
import { refreshSession } from './request'
import { clearSession, getAccessToken, goToLogin } from './session'

export interface SendFormOptions {
  /** The text fields sent with the file (before it, so the server knows what the file is before reading it). */
  fields: Record<string, string>
  /** The name the server sees (H5; WeChat names the file itself). */
  fileName?: string
  /** 0-100 while the bytes go out. */
  onProgress?: (percent: number) => void
  /** ms; large department files on a slow line need minutes */
  timeout?: number
}

/** What the server answered with a 2xx: the status (200, 201, 202) and the JSON body. */
export interface SentForm<T> {
  statusCode: number
  data: T
}

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return null
  }
}

async function send(url: string, filePath: string, options: SendFormOptions, token: string): Promise<{ statusCode: number; data: unknown }> {
  try {
    const task = Taro.uploadFile({
      url,
      filePath,
      name: 'file',
      formData: options.fields,
      header: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: options.timeout ?? 600_000,
      ...(options.fileName ? { fileName: options.fileName } : {}),
    } as Taro.uploadFile.Option)
    // Taro gives the upload promise a `progress` hook on both platforms.
    const progress = (task as unknown as { progress?: (cb: (r: { progress: number }) => void) => void }).progress
    if (options.onProgress && progress) progress((r) => options.onProgress?.(r.progress))
    const response = await task
    return { statusCode: response.statusCode, data: parse(response.data) }
  } catch {
    throw networkError()
  }
}

/**
 * Sends one local file (a WeChat temp path, an H5 blob URL) with form fields as multipart to an API path
 * (`/exchange/batches`), for endpoints other than the photo store of `uploadFile`. Same session rules as
 * `request` (bearer token, one shared refresh on 401, then back to login). Rejects with an `ApiError` carrying the
 * server's message as it is (400, 403, 413); never toasts.
 */
export async function sendFileForm<T>(path: string, filePath: string, options: SendFormOptions): Promise<SentForm<T>> {
  const url = `${API_BASE}${path}`
  const sentWith = getAccessToken()
  let response = await send(url, filePath, options, sentWith)
  if (response.statusCode === 401) {
    const current = getAccessToken()
    const renewed = (current !== '' && current !== sentWith) || (await refreshSession())
    if (renewed) response = await send(url, filePath, options, getAccessToken())
    if (response.statusCode === 401) {
      clearSession()
      goToLogin()
      throw apiErrorOf(401, response.data, { code: 'AUTH_REQUIRED', message: LOGIN_AGAIN_MESSAGE })
    }
  }
  if (response.statusCode < 200 || response.statusCode >= 300) throw apiErrorOf(response.statusCode, response.data)
  return { statusCode: response.statusCode, data: response.data as T }
}
