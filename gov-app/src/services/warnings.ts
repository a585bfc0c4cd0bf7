import type {
  Department,
  HouseholdType,
  MonitoringType,
  RiskType,
  WarningAction,
  WarningSeverity,
  WarningStatus,
} from '@jiuzhu/shared/enums'
import { request } from '@kit/request'
import { queryString, type Paged } from './query'

// 部门预警 as village and township cadres verify them; the types follow server/src/modules/warnings/dto.

export { WARNING_DETAIL_PAGE, WARNING_INBOX_PAGE, warningDetailUrl } from './warning-routes'

export interface WarningHousehold {
  id: string
  householdNumber: string
  /** masked */
  headName: string
  regionCode: string
  householdType: HouseholdType
  monitoringType: MonitoringType | null
}

export interface WarningMember {
  id: string
  /** masked */
  name: string
  relation: string
}

/** One field of the department record (ID number and name masked by the server). */
export interface EvidenceField {
  key: string
  label: string
  value: string
}

export interface Warning {
  id: string
  status: WarningStatus
  statusLabel: string
  severity: WarningSeverity
  severityLabel: string
  riskType: RiskType
  riskTypeLabel: string
  ruleId: string
  ruleName: string
  dataset: string
  datasetName: string
  department: Department
  departmentLabel: string
  month: string
  regionCode: string
  /** 州市 县 乡镇 村 网格, when the server gives it */
  regionName?: string
  household: WarningHousehold
  member: WarningMember | null
  evidence: EvidenceField[]
  dismissReason: string | null
  caseId: string | null
  caseNumber: string | null
  handledAt: string | null
  /** who handled it, when the server gives it */
  handledByName?: string | null
  daysSinceRaised: number
  createdAt: string
  version: number
  allowedActions: WarningAction[]
  /** only on an open-case answer: the household's case already open was linked instead of a new one */
  linkedExistingCase?: boolean
}

export interface WarningFilters {
  statuses?: WarningStatus[]
  dataset?: string
  severity?: WarningSeverity
  month?: string
  q?: string
  page?: number
  pageSize?: number
}

/** The warnings of my region: high severity first, then the newest (the server's order). */
export function listWarnings(filters: WarningFilters): Promise<Paged<Warning>> {
  return request<Paged<Warning>>(
    `/warnings${queryString({
      status: filters.statuses,
      dataset: filters.dataset,
      severity: filters.severity,
      month: filters.month,
      q: filters.q?.trim(),
      page: filters.page ?? 1,
      pageSize: filters.pageSize ?? 20,
    })}`,
  )
}

export function getWarning(id: string): Promise<Warning> {
  return request<Warning>(`/warnings/${encodeURIComponent(id)}`)
}

/** POST /warnings/:id/actions with the version read; the page shows errors itself (no toast). */
export function actOnWarning(id: string, body: { action: WarningAction; version: number; reason?: string }): Promise<Warning> {
  return request<Warning>(`/warnings/${encodeURIComponent(id)}/actions`, { method: 'POST', data: body, toast: false })
}

/** Days since raised, in words: 今天 / 3天前. */
export function raisedAgo(days: number): string {
  return days <= 0 ? '今天产生' : `${days}天前产生`
}

/** 2025-06 → 2025年6月 */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return ''
  const [y, m] = month.split('-').map(Number)
  return `${y}年${m}月`
}
