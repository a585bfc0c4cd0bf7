import Taro from '@tarojs/taro'
import { API_BASE } from './api-base'
import { getAccessToken } from './session'

/**
 * Shows stored photos (GET /api/v1/files/:id needs the login, so an <Image src> cannot load them): each is
 * downloaded with the token, then opened in the platform's image viewer at `index`. Throws a Chinese message.
 */
export async function previewStoredImages(ids: string[], index = 0): Promise<void> {
  const token = getAccessToken()
  const paths = await Promise.all(
    ids.map(async (id) => {
      const result = await Taro.downloadFile({
        url: `${API_BASE}/files/${encodeURIComponent(id)}`,
        header: token ? { Authorization: `Bearer ${token}` } : {},
      }).catch(() => null)
      if (!result || result.statusCode !== 200) throw new Error('照片没有打开，请检查网络后再试')
      return result.tempFilePath
    }),
  )
  await Taro.previewImage({ urls: paths, current: paths[index] })
}
