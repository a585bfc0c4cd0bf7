import { useDidShow } from '@tarojs/taro'
import { useCallback, useRef, useState } from 'react'
import { ApiError } from './request'

export interface Remote<T> {
  data: T | null
  loading: boolean
  /** The failed load's Chinese message, '' otherwise. */
  error: string
  /** The failed load's error code (`CITIZEN_NOT_BOUND`, `NOT_FOUND`…), '' otherwise. */
  errorCode: string
  reload: () => Promise<void>
  /** Replaces the data with what a write answered, without another round trip. */
  setData: (data: T) => void
}

/** Data of a page, loaded each time the page shows (so it is fresh after coming back from a detail page). */
export function useRemote<T>(load: () => Promise<T>): Remote<T> {
  const [data, setData] = useState<T | null>(null)
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState('')
  const [errorCode, setErrorCode] = useState('')
  const loader = useRef(load)
  loader.current = load
  const reload = useCallback(async () => {
    setLoading(true)
    setError('')
    setErrorCode('')
    try {
      setData(await loader.current())
    } catch (e) {
      // 401 has already sent the user to the login page.
      if (e instanceof ApiError && e.status === 401) return
      setError(e instanceof ApiError ? e.message : '加载失败，请稍后重试')
      setErrorCode(e instanceof ApiError ? e.code : 'CLIENT_ERROR')
    } finally {
      setLoading(false)
    }
  }, [])
  useDidShow(() => void reload())
  return { data, loading, error, errorCode, reload, setData }
}
