import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { API_BASE } from '@kit/api-base'
import { getAccessToken } from '@kit/session'

/**
 * Local paths of stored photos (GET /files/:id needs the login, so an <Image src> cannot point at it): each is
 * downloaded with the bearer token once. A photo that fails is left out of the map (the page says so).
 */
export function useStoredPhotos(ids: string[]): { paths: Record<string, string>; failed: string[] } {
  const [paths, setPaths] = useState<Record<string, string>>({})
  const [failed, setFailed] = useState<string[]>([])
  const key = ids.join(',')
  useEffect(() => {
    let live = true
    const token = getAccessToken()
    for (const id of ids) {
      Taro.downloadFile({ url: `${API_BASE}/files/${encodeURIComponent(id)}`, header: token ? { Authorization: `Bearer ${token}` } : {} })
        .then((result) => {
          if (!live) return
          if (result.statusCode === 200) setPaths((current) => ({ ...current, [id]: result.tempFilePath }))
          else setFailed((current) => [...current, id])
        })
        .catch(() => live && setFailed((current) => [...current, id]))
    }
    return () => {
      live = false
    }
    // the ids are the dependency; `key` stands for them
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key])
  return { paths, failed }
}

/** Opens the downloaded photos in the platform's viewer. */
export function previewPhotos(paths: string[], current: string): void {
  if (paths.length) void Taro.previewImage({ urls: paths, current })
}
