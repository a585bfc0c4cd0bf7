import type { Role, TicketKind } from '@jiuzhu/shared/enums'
import { request } from '@kit/request'
import { queryString, type Paged } from './query'

// Hotline tickets (求助申请 / 投诉举报 / 政策咨询) as cadres handle them; types follow server/src/modules/tickets/dto.

export type TicketStatus = 'OPEN' | 'ACKNOWLEDGED' | 'CLOSED'

export const TICKET_STATUS_LABEL: Record<TicketStatus, string> = {
  OPEN: '待受理',
  ACKNOWLEDGED: '办理中',
  CLOSED: '已办结',
}

export interface TicketPerson {
  accountId: string | null
  name: string
  role: Role | null
  roleLabel: string | null
}

export interface TicketSummary {
  id: string
  kind: TicketKind
  kindLabel: string
  subject: string
  content: string
  anonymous: boolean
  channel: 'CITIZEN' | 'PHONE'
  requester: TicketPerson
  contactPhoneMasked: string | null
  enteredBy: TicketPerson | null
  regionCode: string
  regionName: string
  householdId: string | null
  about: TicketPerson | null
  handlerRegionCode: string
  handlerRegionName: string
  status: TicketStatus
  statusLabel: string
  assignedTo: TicketPerson | null
  ackDueDate: string
  ackDueAt: string
  acknowledgedAt: string | null
  ackOverdue: boolean
  ackLate: boolean
  closedAt: string | null
  closeReason: string | null
  caseId: string | null
  replyCount: number
  createdAt: string
}

export interface TicketReply {
  id: string
  author: TicketPerson
  fromCadre: boolean
  mine: boolean
  body: string
  createdAt: string
}

export interface TicketDetail extends TicketSummary {
  replies: TicketReply[]
  canReply: boolean
  canClose: boolean
  canAssign: boolean
  canConvert: boolean
}

export interface TicketFilters {
  status?: TicketStatus
  kind?: TicketKind
  overdue?: boolean
  assignedToMe?: boolean
  page?: number
}

export function listTickets(filters: TicketFilters): Promise<Paged<TicketSummary>> {
  return request<Paged<TicketSummary>>(
    `/tickets${queryString({
      status: filters.status,
      kind: filters.kind,
      overdue: filters.overdue ? true : undefined,
      assignedToMe: filters.assignedToMe ? true : undefined,
      page: filters.page ?? 1,
      pageSize: 20,
    })}`,
  )
}

export function getTicket(id: string): Promise<TicketDetail> {
  return request<TicketDetail>(`/tickets/${encodeURIComponent(id)}`)
}

export function replyToTicket(id: string, body: string): Promise<TicketDetail> {
  return request<TicketDetail>(`/tickets/${encodeURIComponent(id)}/replies`, { method: 'POST', data: { body }, toast: false })
}

export function closeTicket(id: string, reason: string): Promise<TicketDetail> {
  return request<TicketDetail>(`/tickets/${encodeURIComponent(id)}/close`, { method: 'POST', data: { reason }, toast: false })
}

export function assignTicket(id: string, accountId: string): Promise<TicketDetail> {
  return request<TicketDetail>(`/tickets/${encodeURIComponent(id)}/assign`, { method: 'POST', data: { accountId }, toast: false })
}

export interface TicketAssignee {
  accountId: string
  name: string
  role: Role
  roleLabel: string
  regionCode: string
  regionName: string
  current: boolean
}

export async function getTicketAssignees(id: string): Promise<TicketAssignee[]> {
  return (await request<{ items: TicketAssignee[] }>(`/tickets/${encodeURIComponent(id)}/assignees`)).items
}
