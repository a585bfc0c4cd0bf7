import { request } from '@kit/request'

// The shapes of GET /notices and GET /notices/:id (docs/openapi.json, NoticeSummaryDto / NoticeDetailDto). The
// server masks them; the app shows them as they come.

export type NoticeKind = 'PUBLICITY' | 'RESULT'
export type NoticePhase = 'UPCOMING' | 'OPEN' | 'ENDED'

export interface NoticeSummary {
  id: string
  kind: NoticeKind
  kindLabel: string
  villageName: string
  title: string
  subjectName: string
  householdSize: number
  monitoringTypeLabel: string | null
  decisionLabel: string | null
  reasonBrief: string
  startDate: string
  endDate: string
  phase: NoticePhase
  daysLeft: number
  objectionCount: number
  unansweredCount: number
}

export interface Objection {
  id: string
  anonymous: boolean
  authorName: string
  mine: boolean
  reason: string
  answer: string | null
  answeredByName: string | null
  answeredAt: string | null
  createdAt: string
}

export interface NoticeDetail extends NoticeSummary {
  canObject: boolean
  objections: Objection[]
}

interface Page<T> {
  items: T[]
  total: number
}

/** The notices of the citizen's village (the server picks the village from the binding). */
export async function listNotices(): Promise<NoticeSummary[]> {
  const page = await request<Page<NoticeSummary>>('/notices?pageSize=100', { toast: false })
  return page.items
}

export function getNotice(id: string): Promise<NoticeDetail> {
  return request<NoticeDetail>(`/notices/${encodeURIComponent(id)}`, { toast: false })
}

export function raiseObjection(noticeId: string, reason: string, anonymous: boolean): Promise<Objection> {
  return request<Objection>(`/notices/${encodeURIComponent(noticeId)}/objections`, {
    method: 'POST',
    data: { reason, anonymous },
    toast: false,
  })
}
