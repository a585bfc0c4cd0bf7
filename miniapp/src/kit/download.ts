import { apiErrorOf, LOGIN_AGAIN_MESSAGE, networkError } from '@jiuzhu/shared/client'
import { API_BASE } from './api-base'
import { refreshSession } from './request'
import { fetchAndSave, type SavedFile } from './save-file'
import { clearSession, getAccessToken, goToLogin } from './session'

async function attempt(url: string, fileName: string, token: string): Promise<SavedFile> {
  try {
    return await fetchAndSave(url, token, fileName)
  } catch {
    throw networkError()
  }
}

/**
 * Downloads a file of the API that needs the session (an error report, a template): `path` is below the API base
 * (`/exchange/batches/1/errors?format=xlsx`). H5 saves it as `fileName`, the weapp opens it. Same session rules as
 * `request`: one shared refresh on 401, then back to login. Rejects with an `ApiError` carrying the server's
 * Chinese message; never toasts.
 */
export async function saveDownload(path: string, fileName: string): Promise<void> {
  const url = `${API_BASE}${path}`
  const sentWith = getAccessToken()
  let result = await attempt(url, fileName, sentWith)
  if (result.statusCode === 401) {
    const current = getAccessToken()
    const renewed = (current !== '' && current !== sentWith) || (await refreshSession())
    if (renewed) result = await attempt(url, fileName, getAccessToken())
    if (result.statusCode === 401) {
      clearSession()
      goToLogin()
      throw apiErrorOf(401, result.data, { code: 'AUTH_REQUIRED', message: LOGIN_AGAIN_MESSAGE })
    }
  }
  if (result.statusCode < 200 || result.statusCode >= 300) throw apiErrorOf(result.statusCode, result.data)
}
