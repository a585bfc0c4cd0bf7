import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { watchNetworkBack } from '@kit/network-watch'
import { flushQueue, waitingCount } from './screening-queue'
import { SCREENING_CHANGED } from './screening-store'

/** A weak network can fail a send without ever going "offline": try the waiting ones again after this long. */
const RETRY_AFTER_MS = 60_000

/**
 * For the app component: sends the queued screening results (待发送) whenever there is a chance they get
 * through: when the app shows, when the network comes back, and a minute after a try that left some waiting.
 */
export function useScreeningSync(): void {
  useDidShow(() => {
    if (waitingCount()) void flushQueue().catch(() => undefined)
  })
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const schedule = () => {
      if (timer !== undefined) clearTimeout(timer)
      timer = waitingCount() ? setTimeout(flush, RETRY_AFTER_MS) : undefined
    }
    const flush = () => {
      timer = undefined
      if (waitingCount()) void flushQueue().catch(() => undefined).finally(schedule)
    }
    const stopWatching = watchNetworkBack(flush)
    Taro.eventCenter.on(SCREENING_CHANGED, schedule)
    schedule()
    return () => {
      stopWatching()
      Taro.eventCenter.off(SCREENING_CHANGED, schedule)
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [])
}
