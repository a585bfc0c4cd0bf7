import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect } from 'react'
import { watchNetworkBack } from '@kit/network-watch'
import { flushOutbox, listOutbox, OUTBOX_CHANGED } from './claim-outbox'

/** A weak network can fail a send without ever going "offline": try the waiting ones again after this long. */
const RETRY_AFTER_MS = 60_000

const hasWaiting = () => listOutbox().some((item) => item.state === 'WAITING')

/**
 * For the app component: sends the queued requests (待发送) whenever there is a chance they get through: when the
 * app shows, when the network comes back, and a minute after a try that left some waiting (no timer otherwise).
 */
export function useClaimOutbox(): void {
  useDidShow(() => {
    if (hasWaiting()) void flushOutbox().catch(() => undefined)
  })
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const schedule = () => {
      if (timer !== undefined) clearTimeout(timer)
      timer = hasWaiting() ? setTimeout(flush, RETRY_AFTER_MS) : undefined
    }
    const flush = () => {
      timer = undefined
      if (hasWaiting()) void flushOutbox().catch(() => undefined).finally(schedule)
    }
    const stopWatching = watchNetworkBack(flush)
    Taro.eventCenter.on(OUTBOX_CHANGED, schedule)
    schedule()
    return () => {
      stopWatching()
      Taro.eventCenter.off(OUTBOX_CHANGED, schedule)
      if (timer !== undefined) clearTimeout(timer)
    }
  }, [])
}
