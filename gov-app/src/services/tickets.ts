import type { Role, TicketKind } from '@jiuzhu/shared/enums'
import type { TicketDetail, TicketPerson, TicketReply, TicketStatus, TicketSummary } from '@jiuzhu/shared/client'
import { request } from '@kit/request'
import { queryString, type Paged } from './query'

// Hotline tickets (求助申请 / 投诉举报 / 政策咨询) as cadres handle them; the types are shared with the citizen app (@jiuzhu/shared/client).

export type { TicketDetail, TicketPerson, TicketReply, TicketStatus, TicketSummary }

export const TICKET_STATUS_LABEL: Record<TicketStatus, string> = {
  OPEN: '待受理',
  ACKNOWLEDGED: '办理中',
  CLOSED: '已办结',
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
