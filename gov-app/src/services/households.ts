import {
  Education,
  HealthStatus,
  HouseholdType,
  LabourCapacity,
  MonitoringType,
  Relation,
  RiskType,
  Role,
  SafetyNetStatus,
  Schooling,
  Sex,
} from '@jiuzhu/shared/enums'
import { ApiError, request } from '@kit/request'
import { queryString, type Paged } from './query'

// The registry (农户查询) as cadres read it; the types follow server/src/modules/households/dto.

export interface Member {
  id: string
  householdId: string
  name: string
  idNumberMasked: string
  relation: Relation
  sex: Sex
  birthDate: string
  ethnicity: string | null
  education: Education | null
  schooling: Schooling | null
  healthVisible: boolean
  health: HealthStatus | null
  labourCapacity: LabourCapacity | null
  workPlace: string | null
  workMonths: number | null
  medicalInsurance: boolean
  seriousIllnessInsurance: boolean
  pensionInsurance: boolean
  safetyNet: SafetyNetStatus
  publicWelfareJob: boolean
  phoneMasked: string | null
}

export interface HouseholdSummary {
  id: string
  householdNumber: string
  regionCode: string
  regionName: string
  address: string
  headMemberId: string | null
  headName: string | null
  memberCount: number
  phoneMasked: string | null
  householdType: HouseholdType
  monitoringType: MonitoringType | null
  riskTypes: RiskType[]
  identifiedMonth: string | null
  noLabourCapacity: boolean
  relocated: boolean
}

export interface HouseholdDetail extends HouseholdSummary {
  members: Member[]
}

/** A name search needs this many characters (the server refuses fewer: 2 would list every 李某 of a county). */
export const MIN_NAME_SEARCH_LENGTH = 3

/** Roles that may see a member's whole ID number (each view is audited by the server). */
export const ID_NUMBER_VIEWER_ROLES: readonly Role[] = [Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.ADMIN]

/**
 * What is wrong with a search before it is sent ('' when fine): digits must be a whole ID, phone or household
 * number (the server matches them exactly), a name at least three characters.
 */
export function searchProblem(q: string): string {
  const value = q.trim()
  if (!value) return ''
  const compact = value.replace(/[\s-]/g, '')
  if (/^[0-9]+[0-9Xx]?$/.test(compact)) {
    const fits = /^[0-9]{17}[0-9Xx]$|^[0-9]{17}[0-9Xx][0-9]{2}([0-9]{2})?$/.test(compact) || /^[0-9]{19}$/.test(compact) || /^1[3-9][0-9]{9}$/.test(compact)
    return fits ? '' : '请输入完整的身份证号码（18位）、手机号码（11位）或户编号（19位）'
  }
  return Array.from(value).length < MIN_NAME_SEARCH_LENGTH ? `按姓名查询至少输入${MIN_NAME_SEARCH_LENGTH}个字；两个字的姓名请用身份证号码查询` : ''
}

export interface HouseholdFilters {
  q?: string
  type?: HouseholdType
  monitoringType?: MonitoringType
  page?: number
}

export function searchHouseholds(filters: HouseholdFilters): Promise<Paged<HouseholdSummary>> {
  return request<Paged<HouseholdSummary>>(
    `/households${queryString({ q: filters.q?.trim(), type: filters.type, monitoringType: filters.monitoringType, page: filters.page ?? 1, pageSize: 20 })}`,
    { toast: false },
  )
}

export function getHousehold(id: string): Promise<HouseholdDetail> {
  return request<HouseholdDetail>(`/households/${encodeURIComponent(id)}`)
}

/** The whole ID number of a member (audited by the server each time). */
export async function viewIdNumber(householdId: string, memberId: string): Promise<string> {
  const found = await request<{ idNumber: string }>(
    `/households/${encodeURIComponent(householdId)}/members/${encodeURIComponent(memberId)}/id-number`,
    { toast: false },
  )
  return found.idNumber
}

export interface ScreeningRecord {
  id: string
  month: string
  visitedAt: string
  contactMode: 'VISIT' | 'PHONE'
  anyoneHome: boolean
  incomeChanged: boolean
  riskTypes: RiskType[]
  hasRisk: boolean
  note: string | null
  workerName: string
  conflict: boolean
  caseId: string | null
}

/** The household's monthly screenings, newest first; an empty page where the server has no screening records yet. */
export async function getScreeningHistory(householdId: string): Promise<Paged<ScreeningRecord>> {
  try {
    return await request<Paged<ScreeningRecord>>(`/screening/results${queryString({ householdId, page: 1, pageSize: 12 })}`, { toast: false })
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return { items: [], total: 0, page: 1, pageSize: 12 }
    throw error
  }
}
