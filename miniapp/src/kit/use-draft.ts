import Taro from '@tarojs/taro'
import { useCallback, useState } from 'react'

const PREFIX = 'jiuzhu.draft.'

/**
 * A form's fields kept in storage as they are typed, so that nothing is lost when sending fails, the login
 * expires on the way (the user comes back to this page) or the app is closed. `clear` after a successful send.
 */
export function useDraft<T extends object>(key: string, initial: T): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = PREFIX + key
  const [draft, setDraft] = useState<T>(() => {
    const saved = Taro.getStorageSync(storageKey)
    return saved && typeof saved === 'object' ? { ...initial, ...(saved as Partial<T>) } : initial
  })
  const update = useCallback(
    (patch: Partial<T>) =>
      setDraft((current) => {
        const next = { ...current, ...patch }
        Taro.setStorageSync(storageKey, next)
        return next
      }),
    [storageKey],
  )
  const clear = useCallback(() => {
    Taro.removeStorageSync(storageKey)
    setDraft(initial)
    // `initial` is a literal at each call site; the key decides which draft this is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [storageKey])
  return [draft, update, clear]
}

/** Forgets every saved draft (on logout: the next person on this phone must not see them). */
export function clearDrafts(): void {
  for (const key of Taro.getStorageInfoSync().keys) if (key.startsWith(PREFIX)) Taro.removeStorageSync(key)
}
