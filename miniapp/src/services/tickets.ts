import type { TicketDetail, TicketPerson, TicketReply, TicketStatus, TicketSummary } from '@jiuzhu/shared/client'
import { request } from '@kit/request'

// The citizen's hotline calls; the ticket shapes are shared with the government app (@jiuzhu/shared/client).

export type TicketKind = 'HELP' | 'COMPLAINT' | 'CONSULT'
export type { TicketDetail, TicketPerson, TicketReply, TicketStatus, TicketSummary }

export interface ComplaintTarget {
  accountId: string
  name: string
  roleLabel: string
  regionName: string
}

export interface NewTicket {
  kind: TicketKind
  subject: string
  content: string
  anonymous: boolean
  contactPhone?: string
  aboutAccountId?: string
}

interface Page<T> {
  items: T[]
  total: number
}

export function createTicket(ticket: NewTicket): Promise<TicketDetail> {
  return request<TicketDetail>('/tickets', { method: 'POST', data: ticket, toast: false })
}

/** The citizen's own tickets, newest first. */
export async function listMyTickets(): Promise<TicketSummary[]> {
  const page = await request<Page<TicketSummary>>('/tickets?pageSize=100', { toast: false })
  return page.items
}

export function getTicket(id: string): Promise<TicketDetail> {
  return request<TicketDetail>(`/tickets/${encodeURIComponent(id)}`, { toast: false })
}

/** Adds to the thread; the answer is the whole ticket with the new reply. */
export function replyToTicket(id: string, body: string): Promise<TicketDetail> {
  return request<TicketDetail>(`/tickets/${encodeURIComponent(id)}/replies`, { method: 'POST', data: { body }, toast: false })
}

export function closeTicket(id: string, reason: string): Promise<TicketDetail> {
  return request<TicketDetail>(`/tickets/${encodeURIComponent(id)}/close`, { method: 'POST', data: { reason }, toast: false })
}

/** The cadres responsible for the citizen's grid, who a complaint may name. */
export async function listComplaintTargets(): Promise<ComplaintTarget[]> {
  const page = await request<Page<ComplaintTarget>>('/tickets/complaint-targets?pageSize=100', { toast: false })
  return page.items
}
