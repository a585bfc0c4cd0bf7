import { CLAIM_CONSENT } from '@jiuzhu/shared/consent'
import type { CaseSource, CaseStatus, CaseStep, DifficultyKind } from '@jiuzhu/shared'
import { request } from '@kit/request'

// The shapes of /claims and /my/claims (server: cases/dto/claim-input.dto.ts, MyClaimDto), as the citizen sees them.

/** The version of the 承诺授权书 text this app shows (packages/claims/consent-text.ts). */
export const CONSENT_VERSION = CLAIM_CONSENT.version

/** 他人代举: the person the request is for. */
export interface ClaimSubject {
  name: string
  relation: string
  phone?: string
  /** village (12 digits) or grid (15) */
  regionCode: string
}

/** POST /claims */
export interface ClaimPayload {
  source: CaseSource.SELF | CaseSource.PROXY
  subject?: ClaimSubject
  difficultyKind: DifficultyKind
  description: string
  fileIds: string[]
  contactPhone: string
  consent: true
  consentVersion: string
}

/** What one level said, as the citizen reads it. */
export interface ClaimRemark {
  step: CaseStep | null
  level: string
  action: string
  text: string | null
  at: string
}

export interface MyClaim {
  id: string
  caseNumber: string
  source: CaseSource
  status: CaseStatus
  statusLabel: string
  step: CaseStep | null
  stepLabel: string | null
  /** 1-6: the step whose work is pending or under way (a new request waits at 2, 综合分析研判) */
  stepNumber: number | null
  relation: 'CLAIMANT' | 'HOUSEHOLD'
  subjectName: string | null
  difficultyKind: DifficultyKind | null
  description: string
  intakeAt: string
  dueDate: string
  daysLeft: number | null
  overdue: boolean
  remarks: ClaimRemark[]
  /** when it was closed (decided, rejected, withdrawn); null while open */
  closedAt: string | null
  /** the photos this account sent with it (GET /my/claims/:id only) */
  attachments?: { id: string; mime: string; size: number; name: string | null }[]
  allowedActions: string[]
  version: number
}

export interface MyClaimPage {
  items: MyClaim[]
  total: number
  page: number
  pageSize: number
}

/**
 * Sends a request with its Idempotency-Key: the same key made once per draft, so a retry after a lost answer
 * is answered with the first result instead of a second case. `toast: false`: the caller shows the outcome.
 */
export function submitClaim(payload: ClaimPayload, idempotencyKey: string): Promise<MyClaim> {
  return request<MyClaim>('/claims', {
    method: 'POST',
    data: payload,
    header: { 'Idempotency-Key': idempotencyKey },
    toast: false,
  })
}

export function fetchMyClaims(page = 1): Promise<MyClaimPage> {
  return request<MyClaimPage>(`/my/claims?page=${page}&pageSize=50`, { toast: false })
}

export function fetchMyClaim(id: string): Promise<MyClaim> {
  return request<MyClaim>(`/my/claims/${encodeURIComponent(id)}`, { toast: false })
}

/** 撤回: the requester takes back a request before its public notice starts; the reason is shown to the village. */
export function withdrawClaim(claim: Pick<MyClaim, 'id' | 'version'>, reason: string): Promise<MyClaim> {
  return request<MyClaim>(`/cases/${encodeURIComponent(claim.id)}/actions`, {
    method: 'POST',
    data: { action: 'withdraw', version: claim.version, reason },
    toast: false,
  })
}
