import {
  CaseAction,
  CaseKind,
  CaseSource,
  CaseStatus,
  CaseStep,
  DifficultyKind,
  MonitoringType,
  RiskType,
  Role,
} from '@jiuzhu/shared/enums'
import { availableActions } from '@jiuzhu/shared/workflow'
import { request } from '@kit/request'
import { queryString, type Paged } from './query'

// The cases API (六步工作法) as the government app uses it; the types follow server/src/modules/cases/dto.

export interface CaseSummary {
  id: string
  caseNumber: string
  kind: CaseKind
  source: CaseSource
  status: CaseStatus
  step: CaseStep | null
  regionCode: string
  /** 州市 县 乡镇 村 网格 */
  regionName: string
  householdId: string | null
  /** the household head or the person the request is about, as the server shows it to cadres */
  subjectName: string | null
  difficultyKind: DifficultyKind | null
  intakeAt: string
  dueDate: string
  daysLeft: number | null
  overdue: boolean
  analysisDueDate: string
  analysisOverdue: boolean
  escalationLevel: string | null
  assignedAccountId: string | null
  closedAt: string | null
  version: number
  updatedAt: string
}

export interface CaseEvent {
  id: string
  action: string
  actionLabel: string
  fromStatus: CaseStatus | null
  toStatus: CaseStatus
  actorAccountId: string | null
  actorName: string | null
  actorRole: Role | null
  payload: Record<string, unknown>
  at: string
}

export interface CaseFile {
  id: string
  mime: string
  size: number
  name: string | null
}

export interface CaseHousehold {
  id: string
  householdNumber: string
  headName: string | null
  memberCount: number
  monitoringType: MonitoringType | null
  hasLabour: boolean
}

export type ChecklistKey = 'FOOD' | 'CLOTHING' | 'COMPULSORY_EDUCATION' | 'BASIC_MEDICAL' | 'HOUSING_SAFETY' | 'DRINKING_WATER'
export type ChecklistStatus = 'OK' | 'PROBLEM'

/** 两不愁三保障 + 饮水, in the order of the form. */
export const CHECKLIST: { key: ChecklistKey; label: string }[] = [
  { key: 'FOOD', label: '不愁吃' },
  { key: 'CLOTHING', label: '不愁穿' },
  { key: 'COMPULSORY_EDUCATION', label: '义务教育有保障' },
  { key: 'BASIC_MEDICAL', label: '基本医疗有保障' },
  { key: 'HOUSING_SAFETY', label: '住房安全有保障' },
  { key: 'DRINKING_WATER', label: '饮水安全有保障' },
]

export interface SurveyRecord {
  round: number
  surveyors: { accountId: string; name: string; role: string }[]
  visitDate: string
  memberCount: number
  householdNetIncome: number
  perCapitaNetIncome: number
  monitoringLine: { year: number; amount: number; regionCode: string }
  comparison: 'BELOW' | 'AT_OR_ABOVE'
  checklist: Record<ChecklistKey, { status: ChecklistStatus; note: string | null }>
  findings: string | null
}

export interface PublicityRecord {
  appraisalDate: string
  appraisalResult: string
  noticeStartDate: string
  noticeDays: number
  noticeEndDate: string
  noticeId: string
  proposedMonitoringType: MonitoringType
  reasonBrief: string
  closedAt: string | null
}

export interface CaseDetail extends CaseSummary {
  description: string
  suggestedRiskTypes: RiskType[]
  contactPhoneMasked: string | null
  consentAcceptedAt: string | null
  proxyRelation: string | null
  subjectPhoneMasked: string | null
  subjectIdNumberMasked: string | null
  proposedAddress: string | null
  household: CaseHousehold | null
  analysis: { decision: string; reason: string; checked: string[] } | null
  survey: SurveyRecord | null
  publicity: PublicityRecord | null
  townshipReview: { decision: string; text: string } | null
  countyDecision: { decision: string; text: string; monitoringType: MonitoringType | null; riskTypes: RiskType[] } | null
  timeline: CaseEvent[]
  attachments: CaseFile[]
  allowedActions: CaseAction[]
}

export interface CaseFilters {
  statuses?: CaseStatus[]
  step?: CaseStep
  overdue?: boolean
  q?: string
  householdId?: string
  open?: boolean
  page?: number
  pageSize?: number
}

export function listCases(filters: CaseFilters): Promise<Paged<CaseSummary>> {
  return request<Paged<CaseSummary>>(
    `/cases${queryString({
      statuses: filters.statuses,
      step: filters.step,
      overdue: filters.overdue ? true : undefined,
      q: filters.q?.trim(),
      householdId: filters.householdId,
      open: filters.open,
      page: filters.page ?? 1,
      pageSize: filters.pageSize ?? 20,
    })}`,
  )
}

export function getCase(id: string): Promise<CaseDetail> {
  return request<CaseDetail>(`/cases/${encodeURIComponent(id)}`)
}

/** POST /cases/:id/actions with the version read; the form shows errors itself (no toast). */
export function actOnCase(id: string, body: { action: CaseAction; version: number } & Record<string, unknown>): Promise<CaseDetail> {
  return request<CaseDetail>(`/cases/${encodeURIComponent(id)}/actions`, { method: 'POST', data: body, toast: false })
}

export interface CaseWorker {
  accountId: string
  name: string
  role: Role
  roleLabel: string
  regionCode: string
  regionName: string
}

/** The cadres who may survey or lead this case. */
export async function getCaseWorkers(id: string): Promise<CaseWorker[]> {
  return (await request<{ items: CaseWorker[] }>(`/cases/${encodeURIComponent(id)}/workers`)).items
}

export interface BulkCandidate extends CaseSummary {
  clean: boolean
  notCleanReasons: string[]
  objections: number
  perCapitaNetIncome: number | null
  comparison: string | null
}

export function getBulkCandidates(page: number): Promise<Paged<BulkCandidate>> {
  return request<Paged<BulkCandidate>>(`/cases/bulk-candidates${queryString({ page, pageSize: 50 })}`)
}

export type BulkOutcome = 'DONE' | 'CONFLICT' | 'REFUSED'

export interface BulkResult {
  id: string
  caseNumber: string | null
  outcome: BulkOutcome
  code: string | null
  message: string
  version: number | null
}

export function bulkApprove(opinion: string, items: { id: string; version: number }[]) {
  return request<{ results: BulkResult[]; done: number; conflicts: number; refused: number }>('/cases/bulk-actions', {
    method: 'POST',
    data: { action: CaseAction.TOWNSHIP_APPROVE, opinion, items },
    toast: false,
  })
}

export interface HouseholdSurvey {
  caseId: string
  caseNumber: string
  round: number
  visitDate: string
  memberCount: number
  income: Record<string, number>
  householdNetIncome: number
  perCapitaNetIncome: number
  monitoringLine: number | null
  comparison: string | null
  surveyors: string[]
  at: string
}

/** The household's field surveys (its income history), newest first. */
export function getHouseholdSurveys(householdId: string, page = 1): Promise<Paged<HouseholdSurvey>> {
  return request<Paged<HouseholdSurvey>>(`/cases/surveys${queryString({ householdId, page, pageSize: 10 })}`)
}

export interface MonitoringLine {
  year: number
  amount: number
  regionCode: string
}

/** The monitoring line in force for a place on a date, or null when none is set (the survey still works). */
export async function getMonitoringLine(regionCode: string, date: string): Promise<MonitoringLine | null> {
  try {
    const line = await request<MonitoringLine>(`/settings/monitoring-lines/in-force${queryString({ region: regionCode, date })}`, { toast: false })
    return { ...line, amount: Number(line.amount) }
  } catch {
    return null
  }
}

/** The minimum days of a public notice in force for a place (5 unless an administrator set more). */
export async function getMinNoticeDays(regionCode: string): Promise<number> {
  try {
    const found = await request<{ settings: { minNoticeDays?: number } }>(`/settings/workflow${queryString({ region: regionCode })}`, { toast: false })
    return found.settings.minNoticeDays ?? 5
  } catch {
    return 5
  }
}

/** The statuses whose cases a role acts on (from the shared workflow table): the inbox's default filter. */
export function statusesActedOnBy(role: Role): CaseStatus[] {
  return Object.values(CaseStatus).filter(
    (status) => availableActions(status, role, CaseKind.IDENTIFICATION).length || availableActions(status, role, CaseKind.ELIMINATION).length,
  )
}

/** The actions to draw for a case: the shared table for my role, as far as the server allows them to me now. */
export function actionsFor(detail: Pick<CaseDetail, 'status' | 'kind' | 'allowedActions'>, role: Role | undefined): CaseAction[] {
  if (!role) return []
  return availableActions(detail.status, role, detail.kind).filter((action) => detail.allowedActions.includes(action))
}

