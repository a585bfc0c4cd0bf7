import Taro from '@tarojs/taro'
import { LOCAL_DATA_PREFIX } from '@kit/local-data'
import type { ScreeningTask, TaskPage } from './screening'
import { fetchTaskPage } from './screening'

// The month's tasks and household cards kept on the phone, so the list, the cards and the form work with no
// network. Kept per account (a different account on this phone never sees them), under the kit's local-data
// prefix (logout forgets them), in chunks: a weapp storage key holds at most 1 MB, all keys together 10 MB.

const PREFIX = `${LOCAL_DATA_PREFIX}screening.`
/** Tasks per storage key: a card with members is 1-2 KB of JSON, so a chunk stays far under 1 MB. */
const TASKS_PER_CHUNK = 100
/** The most tasks a phone keeps: a grid is a few hundred households, a village a few grids. */
export const MAX_TASKS = 2000

/** Taro.eventCenter event after the kept tasks or the queue changed; pages that show them listen. */
export const SCREENING_CHANGED = 'jiuzhu:screening'

export interface TaskDownload {
  accountId: string
  /** 'YYYY-MM' of the tasks ('' when the month has none) */
  month: string
  downloadedAt: string
  total: number
  chunks: number
  /** the chunks of this download are under their own keys, so a new download never mixes with the old one */
  generation: string
}

const metaKey = (accountId: string) => `${PREFIX}tasks.${accountId}`
const chunkKey = (meta: Pick<TaskDownload, 'accountId' | 'generation'>, index: number) => `${PREFIX}tasks.${meta.accountId}.${meta.generation}.${index}`

/** Storage refused the write (full): said in words the worker can act on. */
export class StorageFullError extends Error {
  constructor() {
    super('手机存储空间不足，无法保存筛查数据。请清理手机空间后重试。')
    this.name = 'StorageFullError'
  }
}

export function writeStorage(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value)
  } catch {
    throw new StorageFullError()
  }
}

let cache: { accountId: string; tasks: ScreeningTask[] } | null = null

export function getDownload(accountId: string): TaskDownload | null {
  const meta = Taro.getStorageSync<TaskDownload>(metaKey(accountId))
  return meta && typeof meta === 'object' && meta.accountId === accountId ? meta : null
}

/** The kept tasks of the account (empty before the first download). */
export function loadTasks(accountId: string): ScreeningTask[] {
  if (cache?.accountId === accountId) return cache.tasks
  const meta = getDownload(accountId)
  const tasks: ScreeningTask[] = []
  for (let i = 0; meta && i < meta.chunks; i++) {
    const chunk = Taro.getStorageSync<ScreeningTask[]>(chunkKey(meta, i))
    if (Array.isArray(chunk)) tasks.push(...chunk)
  }
  cache = { accountId, tasks }
  return tasks
}

export function findTask(accountId: string, taskId: string): ScreeningTask | null {
  return loadTasks(accountId).find((task) => task.id === taskId) ?? null
}

function saveTasks(accountId: string, month: string, tasks: ScreeningTask[]): TaskDownload {
  const before = getDownload(accountId)
  const meta: TaskDownload = {
    accountId,
    month,
    downloadedAt: new Date().toISOString(),
    total: tasks.length,
    chunks: Math.ceil(tasks.length / TASKS_PER_CHUNK),
    generation: Date.now().toString(36),
  }
  try {
    for (let i = 0; i < meta.chunks; i++) writeStorage(chunkKey(meta, i), tasks.slice(i * TASKS_PER_CHUNK, (i + 1) * TASKS_PER_CHUNK))
    writeStorage(metaKey(accountId), meta)
  } catch (error) {
    // storage full: the new download goes, the old one stays as it was
    for (let i = 0; i < meta.chunks; i++) Taro.removeStorageSync(chunkKey(meta, i))
    throw error
  }
  for (let i = 0; before && before.generation !== meta.generation && i < before.chunks; i++) Taro.removeStorageSync(chunkKey(before, i))
  cache = { accountId, tasks }
  Taro.eventCenter.trigger(SCREENING_CHANGED)
  return meta
}

/** Changes one kept task (after a result was stored, a conflict settled); writes back only its chunk. */
export function updateTask(accountId: string, taskId: string, change: (task: ScreeningTask) => ScreeningTask): void {
  const tasks = loadTasks(accountId)
  const index = tasks.findIndex((task) => task.id === taskId)
  if (index < 0) return
  tasks[index] = change(tasks[index])
  const meta = getDownload(accountId)
  if (!meta) return
  const chunk = Math.floor(index / TASKS_PER_CHUNK)
  writeStorage(chunkKey(meta, chunk), tasks.slice(chunk * TASKS_PER_CHUNK, (chunk + 1) * TASKS_PER_CHUNK))
  Taro.eventCenter.trigger(SCREENING_CHANGED)
}

/**
 * Downloads every page of the month's tasks of the account's grids and keeps them, replacing the earlier
 * download only once all pages arrived (a download cut half-way keeps the old one). Rejects with the ApiError.
 */
export async function downloadTasks(accountId: string): Promise<TaskDownload> {
  const first: TaskPage = await fetchTaskPage(1)
  const month = first.items[0]?.month ?? ''
  if (first.total > MAX_TASKS) throw new Error(`本月有 ${first.total} 户要筛查，超过手机能保存的 ${MAX_TASKS} 户，请联系管理员分网格下载。`)
  const tasks = [...first.items]
  const pages = Math.ceil(first.total / first.pageSize)
  for (let page = 2; page <= pages; page++) tasks.push(...(await fetchTaskPage(page, month || undefined)).items)
  forgetOtherAccounts(accountId)
  return saveTasks(accountId, month, tasks)
}

/** Removes the kept tasks of every other account (a shared phone: the new account must not see them). */
function forgetOtherAccounts(accountId: string): void {
  const mine = metaKey(accountId)
  for (const key of Taro.getStorageInfoSync().keys) {
    if (key.startsWith(`${PREFIX}tasks.`) && key !== mine && !key.startsWith(`${mine}.`)) Taro.removeStorageSync(key)
  }
  if (cache && cache.accountId !== accountId) cache = null
}
