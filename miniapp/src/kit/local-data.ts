import Taro from '@tarojs/taro'
import { clearLocalFiles } from './local-files'

/**
 * Work data an app keeps on the phone for the signed-in account (downloads for offline use, results waiting to be
 * sent) goes under this storage prefix, so that logging out forgets all of it: the next person on this phone
 * must not see it. Drafts have their own prefix (use-draft.ts) and are forgotten at logout too.
 */
export const LOCAL_DATA_PREFIX = 'jiuzhu.local.'

/** Under this prefix a feature keeps the number of records still waiting to be sent (a number per key). */
const UNSENT_PREFIX = `${LOCAL_DATA_PREFIX}unsent.`

/** Records a feature's count of records waiting to be sent (0 removes it); logout asks before losing them. */
export function setUnsentCount(feature: string, count: number): void {
  if (count > 0) Taro.setStorageSync(UNSENT_PREFIX + feature, count)
  else Taro.removeStorageSync(UNSENT_PREFIX + feature)
}

/** Records on this phone that were never sent, over every feature. */
export function unsentCount(): number {
  let total = 0
  for (const key of Taro.getStorageInfoSync().keys) {
    if (!key.startsWith(UNSENT_PREFIX)) continue
    const value = Taro.getStorageSync(key)
    if (typeof value === 'number' && value > 0) total += value
  }
  return total
}

/** Forgets every key under the prefix and every kept file (logout). */
export async function clearLocalData(): Promise<void> {
  for (const key of Taro.getStorageInfoSync().keys) if (key.startsWith(LOCAL_DATA_PREFIX)) Taro.removeStorageSync(key)
  await clearLocalFiles().catch(() => undefined)
}
