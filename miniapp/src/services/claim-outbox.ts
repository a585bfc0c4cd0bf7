import Taro from '@tarojs/taro'
import { ApiError } from '@kit/request'
import { getCachedAccount, isLoggedIn } from '@kit/session'
import type { ClaimPayload, MyClaim } from './claims'
import { submitClaim } from './claims'

// The outbox of requests for help (待发送). A request is written here BEFORE it is sent and leaves only when the
// server has answered, so closing the app, a lost network or a lost answer never loses it. Every try sends the
// same Idempotency-Key (made once per draft), so the server takes it once however often it is sent.

const OUTBOX_KEY = 'jiuzhu.claimOutbox'
/** Taro.eventCenter event after the outbox changed; pages that show it listen. */
export const OUTBOX_CHANGED = 'jiuzhu:claim-outbox'

export interface OutboxItem {
  /** the Idempotency-Key */
  key: string
  accountId: string
  payload: ClaimPayload
  /** for showing and restoring it: the name of the chosen village (the payload has only its code) */
  subjectRegionName?: string
  queuedAt: string
  /** WAITING: not sent yet (no network); REFUSED: the server said no (the reason is in `error`) */
  state: 'WAITING' | 'REFUSED'
  error?: string
  /** the server's field errors, to show beside the fields when the request goes back into the form */
  errorDetails?: { field: string; message: string }[]
}

export type SendResult =
  | { outcome: 'SENT'; claim: MyClaim }
  | { outcome: 'QUEUED'; message: string }
  | { outcome: 'REFUSED'; error: ApiError }

function readAll(): OutboxItem[] {
  const items = Taro.getStorageSync<OutboxItem[]>(OUTBOX_KEY)
  return Array.isArray(items) ? items : []
}

function writeAll(items: OutboxItem[]): void {
  if (items.length) Taro.setStorageSync(OUTBOX_KEY, items)
  else Taro.removeStorageSync(OUTBOX_KEY)
  Taro.eventCenter.trigger(OUTBOX_CHANGED)
}

function update(key: string, change: (item: OutboxItem) => OutboxItem | null): void {
  writeAll(readAll().flatMap((item) => (item.key === key ? [change(item)].filter((i): i is OutboxItem => i !== null) : [item])))
}

/** The signed-in account's requests not yet accepted by the server, oldest first. */
export function listOutbox(): OutboxItem[] {
  const accountId = getCachedAccount()?.id
  return accountId ? readAll().filter((item) => item.accountId === accountId) : []
}

export function getOutboxItem(key: string): OutboxItem | null {
  return readAll().find((item) => item.key === key) ?? null
}

/** Writes a request into the outbox (replacing one with the same key) before it is sent. */
export function enqueueClaim(key: string, payload: ClaimPayload, subjectRegionName?: string): OutboxItem {
  const accountId = getCachedAccount()?.id ?? ''
  const item: OutboxItem = { key, accountId, payload, subjectRegionName, queuedAt: new Date().toISOString(), state: 'WAITING' }
  writeAll([...readAll().filter((i) => i.key !== key), item])
  return item
}

export function removeFromOutbox(key: string): void {
  update(key, () => null)
}

/** No answer, or an answer that says "later": the request stays queued and is sent again with the same key. */
function isTransient(error: ApiError): boolean {
  return error.status === 0 || error.status === 401 || error.status === 408 || error.status === 429 || error.status >= 500
}

function detailsOf(error: ApiError): { field: string; message: string }[] {
  return Array.isArray(error.details)
    ? (error.details as unknown[]).filter(
        (d): d is { field: string; message: string } =>
          typeof d === 'object' && d !== null && typeof (d as { field?: unknown }).field === 'string',
      )
    : []
}

const inFlight = new Map<string, Promise<SendResult>>()

/** Sends one queued request (at most one try at a time per key). */
export function sendQueuedClaim(key: string): Promise<SendResult> {
  const running = inFlight.get(key)
  if (running) return running
  const attempt = (async (): Promise<SendResult> => {
    const item = getOutboxItem(key)
    if (!item) return { outcome: 'QUEUED', message: '' }
    try {
      const claim = await submitClaim(item.payload, item.key)
      removeFromOutbox(key)
      return { outcome: 'SENT', claim }
    } catch (e) {
      const error = e instanceof ApiError ? e : new ApiError(0, { code: 'CLIENT_ERROR', message: '发送失败，请稍后重试' })
      if (isTransient(error)) return { outcome: 'QUEUED', message: error.message }
      update(key, (i) => ({ ...i, state: 'REFUSED', error: error.message, errorDetails: detailsOf(error) }))
      return { outcome: 'REFUSED', error }
    }
  })().finally(() => inFlight.delete(key))
  inFlight.set(key, attempt)
  return attempt
}

let flushing: Promise<number> | null = null

/**
 * Sends every waiting request of the signed-in account (on app show, when the network comes back, from the
 * 重新发送 button). Resolves with how many were accepted; stops at the first one that finds no network.
 */
export function flushOutbox(): Promise<number> {
  if (flushing) return flushing
  flushing = (async () => {
    if (!isLoggedIn()) return 0
    let sent = 0
    for (const item of listOutbox()) {
      if (item.state !== 'WAITING') continue
      const result = await sendQueuedClaim(item.key)
      if (result.outcome === 'SENT') sent++
      if (result.outcome === 'QUEUED') break
    }
    return sent
  })().finally(() => {
    flushing = null
  })
  return flushing
}

/** A new Idempotency-Key (8-128 of A-Z a-z 0-9 _ -), made once per draft. */
export function newIdempotencyKey(): string {
  const random = Array.from({ length: 4 }, () => Math.floor(Math.random() * 0x100000000).toString(36)).join('')
  return `claim-${Date.now().toString(36)}-${random}`
}
