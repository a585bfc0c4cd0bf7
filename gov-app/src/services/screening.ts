import type { HouseholdType, MonitoringType, RiskType } from '@jiuzhu/shared/enums'
import { request } from '@kit/request'

// The screening API (一月一筛查) as the grid worker's phone uses it: GET /screening/tasks (the month's tasks with
// household cards, paged), POST /screening/results (a batch, each with a client id), the conflict resolution.
// Types follow the server's DTOs in server/src/modules/screening/dto.

export type TaskStatus = 'TODO' | 'DONE' | 'CONFLICT'
export type ContactMode = 'VISIT' | 'PHONE'

/** 两不愁三保障 + 饮水: true = 有保障, false = 有问题. */
export interface Checklist {
  food: boolean
  clothing: boolean
  compulsoryEducation: boolean
  basicMedical: boolean
  housingSafety: boolean
  drinkingWater: boolean
}

export type ChecklistItem = keyof Checklist

export const CHECKLIST_ITEMS: { key: ChecklistItem; label: string; hint: string }[] = [
  { key: 'food', label: '不愁吃', hint: '吃得饱，有肉蛋豆' },
  { key: 'clothing', label: '不愁穿', hint: '四季有换洗衣被' },
  { key: 'compulsoryEducation', label: '义务教育', hint: '适龄孩子没有失学辍学' },
  { key: 'basicMedical', label: '基本医疗', hint: '参加医保，看得起病' },
  { key: 'housingSafety', label: '住房安全', hint: '不住危房' },
  { key: 'drinkingWater', label: '饮水安全', hint: '有水喝、水质安全' },
]

export interface PhoneLocationValue {
  latitude: number
  longitude: number
  accuracy?: number
}

/** Answers of one screening as the phone shows them (last month's, this month's). */
export interface ResultSummary {
  id?: string
  month?: string
  visitedAt: string
  contactMode: ContactMode
  anyoneHome: boolean
  checklist: Checklist
  incomeChanged: boolean
  incomeNote?: string | null
  riskTypes: RiskType[]
  note?: string | null
  conflict?: boolean
  conflictReason?: string | null
  /** why it conflicts, in Chinese */
  conflictReasonLabel?: string | null
  /** false: another account recorded it */
  mine?: boolean
  workerName?: string
  resolution?: 'KEPT' | 'DISCARDED' | null
  caseId?: string | null
}

export interface TaskMember {
  name: string
  relation: string
  idNumberMasked: string
  age: number | null
}

export interface TaskHousehold {
  id: string
  householdNumber: string
  /** null when the household has no head on record */
  headName: string | null
  address: string
  householdType: HouseholdType
  monitoringType: MonitoringType | null
  riskTypes: RiskType[]
  memberCount: number
  members: TaskMember[]
  phoneMasked: string | null
  version: number
}

/** One household to screen this month, with everything the phone needs offline. */
export interface ScreeningTask {
  id: string
  month: string
  status: TaskStatus
  statusLabel?: string
  gridCode: string
  reason: string
  /** the reason in Chinese (脱贫户, 监测对象…) */
  reasonLabel?: string
  household: TaskHousehold
  lastResult: ResultSummary | null
  result: ResultSummary | null
}

export interface TaskPage {
  items: ScreeningTask[]
  total: number
  page: number
  pageSize: number
}

/** One result as POST /screening/results takes it. */
export interface ResultInput {
  clientId: string
  taskId: string
  baseHouseholdVersion: number
  visitedAt: string
  contactMode: ContactMode
  anyoneHome: boolean
  checklist: Checklist
  incomeChanged: boolean
  incomeNote?: string
  riskTypes: RiskType[]
  note?: string
  photoFileIds?: string[]
  location?: PhoneLocationValue
}

export type ResultOutcome = 'STORED' | 'DUPLICATE' | 'CONFLICT' | 'REJECTED'

export interface FieldError {
  field: string
  message: string
}

export interface ResultAnswer {
  clientId: string
  outcome: ResultOutcome
  resultId?: string
  caseId?: string | null
  errors?: FieldError[]
  message?: string
  /** REJECTED only because the server failed for a moment: send it again later */
  retryable?: boolean
}

/** The most POST /screening/results takes at once, and the page size of the download (server maximum 500). */
export const RESULTS_PER_POST = 100
export const TASKS_PER_PAGE = 200

/** One page of the month's tasks of the caller's grids (no month: the server's current month). */
export function fetchTaskPage(page: number, month?: string): Promise<TaskPage> {
  const query = [`page=${page}`, `pageSize=${TASKS_PER_PAGE}`, month ? `month=${month}` : ''].filter(Boolean).join('&')
  return request<TaskPage>(`/screening/tasks?${query}`, { toast: false })
}

/** Sends up to RESULTS_PER_POST results; each gets its own outcome. */
export async function postResults(results: ResultInput[]): Promise<ResultAnswer[]> {
  const answer = await request<{ results: ResultAnswer[] }>('/screening/results', { method: 'POST', data: { results }, toast: false })
  return answer.results
}

export type Resolution = 'KEEP' | 'DISCARD'

export interface ResolvedConflict {
  result: ResultSummary
  /** the task's status now (DISCARD: TODO again unless another result counts) */
  taskStatus: TaskStatus
  caseId: string | null
  message?: string
}

/** Settles a conflict: KEEP applies this result (the task is done), DISCARD drops it (the task is to do again). */
export function resolveConflict(resultId: string, resolution: Resolution, note?: string): Promise<ResolvedConflict> {
  return request<ResolvedConflict>(`/screening/results/${encodeURIComponent(resultId)}/resolve`, {
    method: 'POST',
    data: note ? { resolution, note } : { resolution },
    toast: false,
  })
}
