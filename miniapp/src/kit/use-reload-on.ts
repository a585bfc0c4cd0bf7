import { useEffect, useState } from 'react'

/**
 * Reloads a list when its filters change: `key` joins the filter values and the page (`${status}|${q}|${page}`).
 * The first load is useRemote's own (each time the page shows); this adds one reload per later change of the key.
 */
export function useReloadOn(key: string, reload: () => Promise<void>): void {
  const [loadedKey, setLoadedKey] = useState(key)
  useEffect(() => {
    if (key === loadedKey) return
    setLoadedKey(key)
    void reload()
  }, [key, loadedKey, reload])
}
