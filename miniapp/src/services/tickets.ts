import { request } from '@kit/request'

// The shapes of /tickets (docs/openapi.json, TicketSummaryDto / TicketDetailDto), as the citizen sees them.

export type TicketKind = 'HELP' | 'COMPLAINT' | 'CONSULT'
export type TicketStatus = 'OPEN' | 'ACKNOWLEDGED' | 'CLOSED'

export interface TicketPerson {
  name: string
  roleLabel: string | null
}

export interface TicketSummary {
  id: string
  kind: TicketKind
  kindLabel: string
  subject: string
  content: string
  anonymous: boolean
  contactPhoneMasked: string | null
  regionName: string
  handlerRegionName: string
  about: TicketPerson | null
  status: TicketStatus
  statusLabel: string
  ackDueDate: string
  closedAt: string | null
  closeReason: string | null
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
}

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
