import type { Role, TicketKind } from '../enums/index.js';

// The shapes of /tickets (docs/openapi.json: TicketSummaryDto, TicketDetailDto; server/src/modules/tickets/dto), the same
// for the citizen app and the government app: the server answers both with one mapper (it hides what the viewer may not see).

export type TicketStatus = 'OPEN' | 'ACKNOWLEDGED' | 'CLOSED';

/** A person on a ticket; an anonymous requester comes back as 匿名 with no account and no role. */
export interface TicketPerson {
  accountId: string | null;
  name: string;
  role: Role | null;
  roleLabel: string | null;
}

export interface TicketSummary {
  id: string;
  kind: TicketKind;
  kindLabel: string;
  subject: string;
  content: string;
  anonymous: boolean;
  channel: 'CITIZEN' | 'PHONE';
  requester: TicketPerson;
  contactPhoneMasked: string | null;
  enteredBy: TicketPerson | null;
  regionCode: string;
  regionName: string;
  householdId: string | null;
  about: TicketPerson | null;
  handlerRegionCode: string;
  handlerRegionName: string;
  status: TicketStatus;
  statusLabel: string;
  assignedTo: TicketPerson | null;
  ackDueDate: string;
  ackDueAt: string;
  acknowledgedAt: string | null;
  ackOverdue: boolean;
  ackLate: boolean;
  closedAt: string | null;
  closeReason: string | null;
  caseId: string | null;
  replyCount: number;
  createdAt: string;
}

export interface TicketReply {
  id: string;
  author: TicketPerson;
  fromCadre: boolean;
  mine: boolean;
  body: string;
  createdAt: string;
}

export interface TicketDetail extends TicketSummary {
  replies: TicketReply[];
  canReply: boolean;
  canClose: boolean;
  canAssign: boolean;
  canConvert: boolean;
}
