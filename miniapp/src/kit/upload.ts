import Taro from '@tarojs/taro'
import { ApiError, apiErrorOf, LOGIN_AGAIN_MESSAGE, networkError } from '@jiuzhu/shared/client'
import { API_BASE } from './api-base'
import { refreshSession } from './request'
import { clearSession, getAccessToken, goToLogin } from './session'

/** One stored upload (POST /api/v1/files); its id goes into a form's `fileIds`. */
export interface StoredFile {
  id: string
  mime: string
  size: number
  name: string | null
}

export interface UploadOptions {
  /** The name the server keeps for display (H5 only; WeChat names the file itself). */
  fileName?: string
  /** 0-100 while the bytes go out. */
  onProgress?: (percent: number) => void
}

const UPLOAD_TIMEOUT_MS = 120_000

function parse(data: unknown): unknown {
  if (typeof data !== 'string') return data
  try {
    return JSON.parse(data)
  } catch {
    return null
  }
}

async function send(filePath: string, options: UploadOptions, token: string): Promise<{ statusCode: number; data: unknown }> {
  try {
    const task = Taro.uploadFile({
      url: `${API_BASE}/files`,
      filePath,
      name: 'file',
      header: token ? { Authorization: `Bearer ${token}` } : {},
      timeout: UPLOAD_TIMEOUT_MS,
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
 * Uploads one local file (a WeChat temp path, or a blob URL in H5) through Taro.uploadFile, the only way a weapp
 * sends multipart. Same session rules as `request`: bearer token, one shared refresh on 401, then back to login.
 * Rejects with an `ApiError` (status 0 when no answer came back); never toasts, the page shows it by the photo.
 */
export async function uploadFile(filePath: string, options: UploadOptions = {}): Promise<StoredFile> {
  const sentWith = getAccessToken()
  let response = await send(filePath, options, sentWith)
  if (response.statusCode === 401) {
    const current = getAccessToken()
    const renewed = (current !== '' && current !== sentWith) || (await refreshSession())
    if (renewed) response = await send(filePath, options, getAccessToken())
    if (response.statusCode === 401) {
      clearSession()
      goToLogin()
      throw apiErrorOf(401, response.data, { code: 'AUTH_REQUIRED', message: LOGIN_AGAIN_MESSAGE })
    }
  }
  if (response.statusCode < 200 || response.statusCode >= 300) throw apiErrorOf(response.statusCode, response.data)
  const files = response.data as StoredFile[]
  if (!Array.isArray(files) || !files[0]?.id) throw new ApiError(response.statusCode, { code: 'UPLOAD_UNREADABLE', message: '上传结果无法识别，请重试' })
  return files[0]
}
