import Taro, { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import type { ScreeningTask } from './screening'
import type { QueuedResult } from './screening-queue'
import { currentAccountId, listQueue } from './screening-queue'
import type { TaskDownload } from './screening-store'
import { getDownload, loadTasks, SCREENING_CHANGED } from './screening-store'

export interface ScreeningState {
  /** the signed-in account ('' signed out) */
  accountId: string
  download: TaskDownload | null
  tasks: ScreeningTask[]
  queue: QueuedResult[]
}

function read(): ScreeningState {
  const accountId = currentAccountId()
  return accountId
    ? { accountId, download: getDownload(accountId), tasks: [...loadTasks(accountId)], queue: listQueue(accountId) }
    : { accountId, download: null, tasks: [], queue: [] }
}

/** What the phone keeps for screening (tasks, queue), read again whenever it changes and each time the page shows. */
export function useScreeningState(): ScreeningState {
  const [state, setState] = useState<ScreeningState>(read)
  const refresh = useCallback(() => setState(read()), [])
  useDidShow(refresh)
  useEffect(() => {
    Taro.eventCenter.on(SCREENING_CHANGED, refresh)
    return () => void Taro.eventCenter.off(SCREENING_CHANGED, refresh)
  }, [refresh])
  return state
}

/** How a task stands on this phone: the server's status, or what is queued for it. */
export type LocalTaskStatus = 'TODO' | 'DONE' | 'CONFLICT' | 'WAITING' | 'REJECTED'

export function localStatus(task: ScreeningTask, queued: QueuedResult | undefined | null): LocalTaskStatus {
  if (queued) return queued.state === 'REJECTED' ? 'REJECTED' : 'WAITING'
  return task.status
}
