import Taro from '@tarojs/taro'
import { CaseSource } from '@jiuzhu/shared/enums'
import type { DifficultyKind } from '@jiuzhu/shared/enums'
import { getCachedAccount } from '@kit/session'
import { newIdempotencyKey } from '../../services/claim-outbox'
import type { OutboxItem } from '../../services/claim-outbox'

// The request being written (草稿), saved to storage on every change and restored when the form opens again, so
// closing the app loses nothing. It carries its Idempotency-Key from the start: the key goes with it into the
// outbox, so every try of this one request is the same request for the server.

/** Under the kit's draft prefix, so logging out forgets it like every other draft (`clearDrafts`). */
const DRAFT_KEY = 'jiuzhu.draft.claim'
/** The account's last contact phone: the next request starts with it; the first starts with the household's (GET /me/contact). */
const LAST_PHONE_KEY = 'jiuzhu.claimPhone'

/** This run of the app: H5 blob URLs of photos chosen in an earlier run are gone. */
const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`

export type PhotoState = 'uploading' | 'uploaded' | 'failed'

export interface DraftPhoto {
  /** local id, stable while the photo is in the form */
  id: string
  /** the compressed local file to upload (empty for a photo restored from the outbox) */
  path: string
  /** what an Image can show after a restart (an H5 data URL, a weapp path; may be empty) */
  thumb: string
  fileName: string
  state: PhotoState
  fileId?: string
  /** why the upload failed, in Chinese */
  error?: string
  /** the app run that chose it */
  run: string
}

export interface ClaimDraft {
  accountId: string
  /** Idempotency-Key of this request, made once */
  key: string
  source: CaseSource.SELF | CaseSource.PROXY
  subjectName: string
  subjectRelation: string
  subjectPhone: string
  subjectRegionCode: string
  subjectRegionName: string
  difficultyKind: DifficultyKind | null
  description: string
  photos: DraftPhoto[]
  contactPhone: string
  consent: boolean
  /** field errors the server gave when it refused this request (from the outbox) */
  serverErrors?: { field: string; message: string }[]
  serverError?: string
}

export function newPhotoId(): string {
  return `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
}

export function photoRun(): string {
  return RUN
}

export function emptyDraft(): ClaimDraft {
  return {
    accountId: getCachedAccount()?.id ?? '',
    key: newIdempotencyKey(),
    source: CaseSource.SELF,
    subjectName: '',
    subjectRelation: '',
    subjectPhone: '',
    subjectRegionCode: '',
    subjectRegionName: '',
    difficultyKind: null,
    description: '',
    photos: [],
    contactPhone: lastContactPhone(),
    consent: false,
  }
}

/** Something was typed or chosen (the prefilled phone alone does not count). */
export function hasContent(draft: ClaimDraft): boolean {
  return Boolean(
    draft.difficultyKind ||
      draft.description.trim() ||
      draft.photos.length ||
      draft.subjectName.trim() ||
      draft.subjectRelation.trim() ||
      draft.consent,
  )
}

/**
 * The saved draft of the signed-in account. Photos that were still uploading when the app closed come back as
 * failed (to retry); H5 photos chosen in an earlier run that never uploaded are dropped (their file is gone),
 * and `dropped` says how many.
 */
export function loadDraft(): { draft: ClaimDraft; restored: boolean; dropped: number } {
  const saved = Taro.getStorageSync<ClaimDraft>(DRAFT_KEY)
  const accountId = getCachedAccount()?.id ?? ''
  if (!saved || typeof saved !== 'object' || !saved.key || saved.accountId !== accountId) {
    return { draft: emptyDraft(), restored: false, dropped: 0 }
  }
  let dropped = 0
  const photos = (saved.photos ?? []).flatMap((photo): DraftPhoto[] => {
    if (photo.state === 'uploaded') return [photo]
    if (photo.run !== RUN && photo.path.startsWith('blob:')) {
      dropped++
      return []
    }
    return [{ ...photo, state: 'failed', error: photo.error ?? '没有上传完，请点“重试”' }]
  })
  const draft = { ...emptyDraft(), ...saved, photos }
  return { draft, restored: hasContent(draft), dropped }
}

export function saveDraft(draft: ClaimDraft): void {
  Taro.setStorageSync(DRAFT_KEY, draft)
}

export function clearDraft(): void {
  Taro.removeStorageSync(DRAFT_KEY)
}

/** Ticks the consent box of the saved draft (the 承诺授权书 page's 同意 button). */
export function acceptConsentInDraft(): void {
  const { draft } = loadDraft()
  saveDraft({ ...draft, consent: true })
}

export function rememberContactPhone(phone: string): void {
  Taro.setStorageSync(LAST_PHONE_KEY, { accountId: getCachedAccount()?.id ?? '', phone })
}

/** Only the same account's: another person on this phone does not get it. */
function lastContactPhone(): string {
  const saved = Taro.getStorageSync<{ accountId: string; phone: string }>(LAST_PHONE_KEY)
  return saved && typeof saved === 'object' && saved.accountId === getCachedAccount()?.id ? saved.phone : ''
}

/** A request the server refused, back into the form to be corrected (same key: the refusal stored nothing). */
export function draftFromOutbox(item: OutboxItem): ClaimDraft {
  const p = item.payload
  return {
    ...emptyDraft(),
    key: item.key,
    source: p.source,
    subjectName: p.subject?.name ?? '',
    subjectRelation: p.subject?.relation ?? '',
    subjectPhone: p.subject?.phone ?? '',
    subjectRegionCode: p.subject?.regionCode ?? '',
    subjectRegionName: item.subjectRegionName ?? '',
    difficultyKind: p.difficultyKind,
    description: p.description,
    photos: p.fileIds.map((fileId, i) => ({
      id: newPhotoId(),
      path: '',
      thumb: '',
      fileName: `照片${i + 1}`,
      state: 'uploaded' as const,
      fileId,
      run: RUN,
    })),
    contactPhone: p.contactPhone,
    consent: p.consent,
    serverError: item.error,
    serverErrors: item.errorDetails,
  }
}
