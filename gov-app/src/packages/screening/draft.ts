import type { RiskType } from '@jiuzhu/shared/enums'
import { MAX_RISK_TYPES } from '@jiuzhu/shared/enums'
import type { Checklist, ChecklistItem, ContactMode, PhoneLocationValue, ScreeningTask } from '../../services/screening'
import { CHECKLIST_ITEMS } from '../../services/screening'
import type { QueuedPhoto, QueuedResult } from '../../services/screening-queue'
import { newClientId } from '../../services/screening-queue'

// The screening form being filled in (草稿): saved to storage on every change (kit useDraft, forgotten at logout)
// and turned into a queued result when saved.

export const MAX_PHOTOS = 9
export const MAX_NOTE = 500

export interface ScreeningDraft {
  contactMode: ContactMode | null
  anyoneHome: boolean | null
  checklist: Partial<Checklist>
  incomeChanged: boolean | null
  incomeNote: string
  riskTypes: RiskType[]
  note: string
  photos: QueuedPhoto[]
  location: PhoneLocationValue | null
}

export function emptyDraft(): ScreeningDraft {
  return {
    contactMode: null,
    anyoneHome: null,
    checklist: {},
    incomeChanged: null,
    incomeNote: '',
    riskTypes: [],
    note: '',
    photos: [],
    location: null,
  }
}

/** The draft key of a task's form: per account, so another account on the phone never opens it. */
export function draftKey(accountId: string, taskId: string): string {
  return `screening.${accountId}.${taskId}`
}

/** A queued (or refused) result back in the form, to be corrected. */
export function draftFromQueued(item: QueuedResult): ScreeningDraft {
  const input = item.input
  return {
    contactMode: input.contactMode,
    anyoneHome: input.anyoneHome,
    checklist: { ...input.checklist },
    incomeChanged: input.incomeChanged,
    incomeNote: input.incomeNote ?? '',
    riskTypes: [...input.riskTypes],
    note: input.note ?? '',
    photos: item.photos,
    location: input.location ?? null,
  }
}

export type DraftErrors = Partial<Record<'contactMode' | 'anyoneHome' | 'checklist' | 'incomeChanged' | 'incomeNote' | 'riskTypes' | 'note' | 'photos', string>>

/** What is missing or wrong, by field, in Chinese. */
export function validateDraft(draft: ScreeningDraft): DraftErrors {
  const errors: DraftErrors = {}
  if (!draft.contactMode) errors.contactMode = '请选择走访方式'
  if (draft.anyoneHome === null) errors.anyoneHome = draft.contactMode === 'PHONE' ? '请选择是否联系上家人' : '请选择家中是否有人'
  const missing = CHECKLIST_ITEMS.filter((item) => typeof draft.checklist[item.key] !== 'boolean')
  if (missing.length) errors.checklist = `请逐项选择：${missing.map((item) => item.label).join('、')}`
  if (draft.incomeChanged === null) errors.incomeChanged = '请选择收入是否有变化'
  if (draft.incomeNote.length > MAX_NOTE) errors.incomeNote = `收入变化说明不能超过${MAX_NOTE}字`
  if (draft.riskTypes.length > MAX_RISK_TYPES) errors.riskTypes = `新增困难最多选${MAX_RISK_TYPES}项`
  if (draft.note.length > MAX_NOTE) errors.note = `备注不能超过${MAX_NOTE}字`
  if (draft.photos.length > MAX_PHOTOS) errors.photos = `照片最多${MAX_PHOTOS}张`
  return errors
}

/** The server's field of a result (`checklist.food`, `riskTypes`) → the form's field. */
export function draftFieldOf(field: string): keyof DraftErrors | null {
  const head = field.split(/[.[]/)[0]
  if (head === 'photoFileIds' || head === 'photos') return 'photos'
  if (['contactMode', 'anyoneHome', 'checklist', 'incomeChanged', 'incomeNote', 'riskTypes', 'note'].includes(head)) {
    return head as keyof DraftErrors
  }
  return null
}

/** A finding with risk opens a case (source 筛查发现) on the server: a new difficulty or any item with a problem. */
export function hasRisk(draft: ScreeningDraft): boolean {
  return draft.riskTypes.length > 0 || CHECKLIST_ITEMS.some((item) => draft.checklist[item.key] === false)
}

/** A valid draft as a result for the queue; a result already queued keeps its client id. */
export function queuedFromDraft(draft: ScreeningDraft, task: ScreeningTask, accountId: string, previous: QueuedResult | null): QueuedResult {
  const checklist = Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item.key, draft.checklist[item.key] === true])) as Record<ChecklistItem, boolean>
  const incomeNote = draft.incomeChanged ? draft.incomeNote.trim() : ''
  const note = draft.note.trim()
  const clientId = previous?.clientId ?? newClientId()
  return {
    accountId,
    clientId,
    taskId: task.id,
    input: {
      clientId,
      taskId: task.id,
      baseHouseholdVersion: task.household.version,
      visitedAt: new Date().toISOString(),
      contactMode: draft.contactMode ?? 'VISIT',
      anyoneHome: draft.anyoneHome === true,
      checklist,
      incomeChanged: draft.incomeChanged === true,
      ...(incomeNote ? { incomeNote } : {}),
      riskTypes: draft.riskTypes,
      ...(note ? { note } : {}),
      ...(draft.location ? { location: draft.location } : {}),
    },
    photos: draft.photos,
    queuedAt: new Date().toISOString(),
    state: 'WAITING',
  }
}
