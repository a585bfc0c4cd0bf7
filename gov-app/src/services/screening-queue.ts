import Taro from '@tarojs/taro'
import { setUnsentCount } from '@kit/local-data'
import { setLoginNotice } from '@kit/login-notice'
import { dropFile, keptFilePath } from '@kit/local-files'
import { ApiError } from '@kit/request'
import { getCachedAccount, isLoggedIn } from '@kit/session'
import { uploadFile } from '@kit/upload'
import type { FieldError, ResultAnswer, ResultInput, ScreeningTask } from './screening'
import { postResults, RESULTS_PER_POST } from './screening'
import { SCREENING_CHANGED, updateTask, writeStorage } from './screening-store'

// The queue of screening results (待发送). A result is written here BEFORE it is sent and leaves only when the
// server has answered for it, so a lost network, a lost answer or a closed app never loses one. Each carries a
// client id made on the phone: sending it again is harmless (the server answers DUPLICATE and stores it once).
// Kept per account under the kit's local-data prefix: a different account on this phone never sees or sends
// them, a revoked login keeps them for the same account's next login, logout deletes them (after asking).

const PREFIX = 'jiuzhu.local.screening.queue.'
const queueKey = (accountId: string) => PREFIX + accountId

/** A photo of a queued result: kept on the phone (kit local-files) until its upload is accepted. */
export interface QueuedPhoto {
  id: string
  /** the kept file (kit local-files reference) */
  ref: string
  /** a small picture that can be shown after a restart ('' when the platform has none) */
  thumb: string
  fileName: string
  /** set once uploaded: the photo is not uploaded again */
  fileId?: string
}

export interface QueuedResult {
  accountId: string
  /** the client id (uuid made on the phone) the server knows this result by */
  clientId: string
  taskId: string
  /** what is sent, without the photos' file ids (known only after their upload) */
  input: Omit<ResultInput, 'photoFileIds'>
  photos: QueuedPhoto[]
  queuedAt: string
  /** WAITING: to be sent; REJECTED: the server refused it (reasons in `message`/`errors`), to be corrected */
  state: 'WAITING' | 'REJECTED'
  message?: string
  errors?: FieldError[]
}

export type FlushStop = 'NETWORK' | 'AUTH' | null

export interface FlushSummary {
  sent: number
  conflicts: number
  rejected: number
  /** left waiting because the server asked to send them again later */
  retry: number
  /** why sending stopped before the queue was empty */
  stopped: FlushStop
  /** the Chinese message for `stopped` */
  message: string
}

/** What the worker is told when the server refused the login (an administrator revoked it, it expired). */
export function loginLostMessage(count: number): string {
  return `登录已失效，请重新登录后发送 ${count} 条待发送记录`
}

function readQueue(accountId: string): QueuedResult[] {
  const items = Taro.getStorageSync<QueuedResult[]>(queueKey(accountId))
  return Array.isArray(items) ? items.filter((item) => item.accountId === accountId) : []
}

function countAll(): number {
  let total = 0
  for (const key of Taro.getStorageInfoSync().keys) {
    if (!key.startsWith(PREFIX)) continue
    const items = Taro.getStorageSync<QueuedResult[]>(key)
    if (Array.isArray(items)) total += items.length
  }
  return total
}

function writeQueue(accountId: string, items: QueuedResult[]): void {
  if (items.length) writeStorage(queueKey(accountId), items)
  else Taro.removeStorageSync(queueKey(accountId))
  // logout asks before deleting results of any account that were never sent
  setUnsentCount('screening', countAll())
  Taro.eventCenter.trigger(SCREENING_CHANGED)
}

function change(accountId: string, clientId: string, update: (item: QueuedResult) => QueuedResult | null): void {
  writeQueue(
    accountId,
    readQueue(accountId).flatMap((item) => {
      if (item.clientId !== clientId) return [item]
      const next = update(item)
      return next ? [next] : []
    }),
  )
}

/** The signed-in account's id, or '' signed out. */
export function currentAccountId(): string {
  return getCachedAccount()?.id ?? ''
}

/** The account's results not yet accepted by the server, oldest first. */
export function listQueue(accountId = currentAccountId()): QueuedResult[] {
  return accountId ? readQueue(accountId) : []
}

export function queuedForTask(accountId: string, taskId: string): QueuedResult | null {
  return readQueue(accountId).find((item) => item.taskId === taskId) ?? null
}

/** Writes a result into the queue, in place of any queued result of the same task, before it is sent. */
export function enqueueResult(item: QueuedResult): void {
  writeQueue(item.accountId, [...readQueue(item.accountId).filter((i) => i.taskId !== item.taskId), item])
}

/** Takes a result out of the queue (the worker gave it up) and forgets its kept photos. */
export function removeQueued(accountId: string, clientId: string): void {
  const item = readQueue(accountId).find((i) => i.clientId === clientId)
  change(accountId, clientId, () => null)
  for (const photo of item?.photos ?? []) void dropFile(photo.ref)
}

/** A new client id: a version 4 UUID (the weapp has no crypto.randomUUID). */
export function newClientId(): string {
  const bytes = new Uint8Array(16)
  const crypto = (globalThis as { crypto?: { getRandomValues?: (array: Uint8Array) => Uint8Array } }).crypto
  if (crypto?.getRandomValues) crypto.getRandomValues(bytes)
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256)
  bytes[6] = (bytes[6] & 0x0f) | 0x40
  bytes[8] = (bytes[8] & 0x3f) | 0x80
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** No answer, or an answer that says "later": the result stays queued and goes again with the same client id. */
function isTransient(error: ApiError): boolean {
  return error.status === 0 || error.status === 408 || error.status === 429 || error.status >= 500
}

function asApiError(error: unknown): ApiError {
  return error instanceof ApiError ? error : new ApiError(0, { code: 'CLIENT_ERROR', message: '发送失败，请稍后重试' })
}

/** Uploads the photos of one queued result that are not uploaded yet; each file id is kept as soon as it is known. */
async function uploadPhotos(item: QueuedResult): Promise<QueuedResult> {
  let current = item
  for (const photo of item.photos) {
    if (photo.fileId) continue
    const path = await keptFilePath(photo.ref)
    if (!path) throw new ApiError(400, { code: 'PHOTO_LOST', message: '照片在手机上找不到了，请删掉该照片后重新保存', details: [{ field: 'photos', message: '照片在手机上找不到了' }] })
    const stored = await uploadFile(path, { fileName: photo.fileName })
    current = { ...current, photos: current.photos.map((p) => (p.id === photo.id ? { ...p, fileId: stored.id } : p)) }
    change(item.accountId, item.clientId, () => current)
  }
  return current
}

function applyAnswer(accountId: string, item: QueuedResult, answer: ResultAnswer, summary: FlushSummary): void {
  if (answer.outcome === 'REJECTED' && answer.retryable) {
    // the server failed for a moment: stays WAITING, goes again with the same client id
    summary.retry++
    return
  }
  if (answer.outcome === 'REJECTED') {
    summary.rejected++
    change(accountId, item.clientId, (i) => ({
      ...i,
      state: 'REJECTED',
      message: answer.message || answer.errors?.map((e) => e.message).join('；') || '记录没有被接受，请修改后重新保存',
      errors: answer.errors ?? [],
    }))
    return
  }
  const conflict = answer.outcome === 'CONFLICT'
  if (conflict) summary.conflicts++
  else summary.sent++
  change(accountId, item.clientId, () => null)
  for (const photo of item.photos) void dropFile(photo.ref)
  updateTask(accountId, item.taskId, (task): ScreeningTask => ({
    ...task,
    status: conflict ? 'CONFLICT' : 'DONE',
    result: {
      ...item.input,
      id: answer.resultId,
      month: task.month,
      conflict,
      conflictReasonLabel: conflict ? (answer.message ?? null) : null,
      mine: true,
      resolution: null,
      caseId: answer.caseId ?? null,
    },
  }))
}

async function sendBatch(accountId: string, batch: QueuedResult[], summary: FlushSummary): Promise<FlushStop> {
  const ready: QueuedResult[] = []
  for (const item of batch) {
    try {
      ready.push(await uploadPhotos(item))
    } catch (e) {
      const error = asApiError(e)
      if (error.status === 401) return 'AUTH'
      if (isTransient(error)) return 'NETWORK'
      summary.rejected++
      change(accountId, item.clientId, (i) => ({
        ...i,
        state: 'REJECTED',
        message: `照片上传失败：${error.message}`,
        errors: [{ field: 'photos', message: error.message }],
      }))
    }
  }
  if (!ready.length) return null
  let answers: ResultAnswer[]
  try {
    answers = await postResults(ready.map((item) => ({ ...item.input, photoFileIds: item.photos.flatMap((p) => (p.fileId ? [p.fileId] : [])) })))
  } catch (e) {
    const error = asApiError(e)
    if (error.status === 401) return 'AUTH'
    if (isTransient(error)) return 'NETWORK'
    // The body's shape was refused (400 naming results[i].field): those items are marked, the rest go again.
    const byIndex = new Map<number, FieldError[]>()
    for (const detail of Array.isArray(error.details) ? (error.details as FieldError[]) : []) {
      const match = /^results\[(\d+)\]\.?(.*)$/.exec(detail?.field ?? '')
      if (!match) continue
      const index = Number(match[1])
      byIndex.set(index, [...(byIndex.get(index) ?? []), { field: match[2], message: detail.message }])
    }
    const blamed = byIndex.size ? [...byIndex.keys()] : ready.map((_, i) => i)
    for (const index of blamed) {
      const item = ready[index]
      if (!item) continue
      summary.rejected++
      change(accountId, item.clientId, (i) => ({ ...i, state: 'REJECTED', message: error.message, errors: byIndex.get(index) ?? [] }))
    }
    return null
  }
  for (const answer of answers) {
    const item = ready.find((i) => i.clientId === answer.clientId)
    if (item) applyAnswer(accountId, item, answer, summary)
  }
  return null
}

let flushing: Promise<FlushSummary> | null = null

/**
 * Sends every waiting result of the signed-in account (photos first, then the results in batches): on app
 * show, when the network comes back, from 立即发送. Stops at the first batch that finds no network or a login
 * the server refuses; then the results stay queued, nothing is half-sent.
 */
export function flushQueue(): Promise<FlushSummary> {
  if (flushing) return flushing
  flushing = (async (): Promise<FlushSummary> => {
    const summary: FlushSummary = { sent: 0, conflicts: 0, rejected: 0, retry: 0, stopped: null, message: '' }
    const accountId = currentAccountId()
    if (!accountId || !isLoggedIn()) return summary
    for (let round = 0; round < 1000; round++) {
      const waiting = readQueue(accountId).filter((item) => item.state === 'WAITING')
      if (!waiting.length) break
      const before = waiting.length
      const stopped = await sendBatch(accountId, waiting.slice(0, RESULTS_PER_POST), summary)
      if (stopped) {
        summary.stopped = stopped
        const left = readQueue(accountId).length
        summary.message = stopped === 'AUTH' ? loginLostMessage(left) : `没有网络，${left} 条记录保存在手机上，有网络时会自动发送`
        // the request wrapper has already sent the user to the login page, which shows this
        if (stopped === 'AUTH') setLoginNotice(summary.message)
        break
      }
      if (readQueue(accountId).filter((item) => item.state === 'WAITING').length >= before) break
    }
    return summary
  })().finally(() => {
    flushing = null
  })
  return flushing
}

/** Results of the signed-in account waiting to be sent (not those the server refused). */
export function waitingCount(accountId = currentAccountId()): number {
  return listQueue(accountId).filter((item) => item.state === 'WAITING').length
}
