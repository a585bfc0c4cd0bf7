import { labelOf, maskName, maskPhone, Role, RoleLabel, TicketKindLabel } from '@jiuzhu/shared';
import { ANONYMOUS_LABEL, seesAnonymousIdentity } from '../../common/auth/anonymity.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { chinaDate } from '../../common/clock.js';
import type { AccountCard } from '../accounts/account-directory.service.js';
import type { TicketDetailDto, TicketPersonDto, TicketReplyDto, TicketSummaryDto } from './dto/ticket.dto.js';
import { Ticket, TicketStatus, TicketStatusLabel } from './entities/ticket.entity.js';
import type { TicketReply } from './entities/ticket-reply.entity.js';

/**
 * The one place tickets become API responses. Decrypted caller names and phones come in from the service; this
 * file decides what leaves: the requester is 匿名 on an anonymous ticket except to the author, county officers and
 * administrators, and the phone is always masked (the whole number has its own audited endpoint).
 */

/** A ticket with its personal fields decrypted and the names it needs (never leaves the service unmapped). */
export interface TicketPlain {
  entity: Ticket;
  callerName: string | null;
  contactPhone: string | null;
  accounts: Map<string, AccountCard>;
  regionNames: Map<string, string>;
  replyCount: number;
}

export const requesterVisibleTo = (ticket: Ticket, viewer: AuthUser) =>
  ticket.authorAccountId === viewer.accountId || !ticket.anonymous || seesAnonymousIdentity(viewer.role);

const person = (card: AccountCard | undefined, id: string | null): TicketPersonDto | null =>
  id
    ? {
        accountId: id,
        name: card?.displayName ?? '',
        role: card?.role ?? null,
        roleLabel: card ? labelOf(RoleLabel, card.role) : null,
      }
    : null;

const hidden = (): TicketPersonDto => ({ accountId: null, name: ANONYMOUS_LABEL, role: null, roleLabel: null });

function requester(plain: TicketPlain, viewer: AuthUser): TicketPersonDto {
  const t = plain.entity;
  if (!requesterVisibleTo(t, viewer)) return hidden();
  if (t.authorAccountId) return person(plain.accounts.get(t.authorAccountId), t.authorAccountId)!;
  return { accountId: null, name: plain.callerName ?? '', role: null, roleLabel: '来电群众' };
}

/** Open and past the acknowledgement deadline at `now`. */
export const isAckOverdue = (ticket: Ticket, now: Date) => ticket.status === TicketStatus.OPEN && now > ticket.ackDueAt;

export function mapTicket(plain: TicketPlain, viewer: AuthUser, now: Date): TicketSummaryDto {
  const t = plain.entity;
  const identityVisible = requesterVisibleTo(t, viewer);
  return {
    id: t.id,
    kind: t.kind,
    kindLabel: labelOf(TicketKindLabel, t.kind),
    subject: t.subject,
    content: t.content,
    anonymous: t.anonymous,
    channel: t.authorAccountId ? 'CITIZEN' : 'PHONE',
    requester: requester(plain, viewer),
    contactPhoneMasked: identityVisible && plain.contactPhone ? maskPhone(plain.contactPhone) : null,
    enteredBy: person(plain.accounts.get(t.enteredBy ?? ''), t.enteredBy),
    regionCode: t.regionCode,
    regionName: plain.regionNames.get(t.regionCode) ?? '',
    householdId: viewer.role === Role.CITIZEN || identityVisible ? t.householdId : null,
    about: person(plain.accounts.get(t.aboutAccountId ?? ''), t.aboutAccountId),
    handlerRegionCode: t.handlerRegionCode,
    handlerRegionName: plain.regionNames.get(t.handlerRegionCode) ?? '',
    status: t.status,
    statusLabel: TicketStatusLabel[t.status],
    assignedTo: person(plain.accounts.get(t.assignedTo ?? ''), t.assignedTo),
    // the deadline is the end of a China calendar day: show that day
    ackDueDate: chinaDate(new Date(t.ackDueAt.getTime() - 1)),
    ackDueAt: t.ackDueAt.toISOString(),
    acknowledgedAt: t.acknowledgedAt?.toISOString() ?? null,
    ackOverdue: isAckOverdue(t, now),
    ackLate: !!t.acknowledgedAt && t.acknowledgedAt > t.ackDueAt,
    closedAt: t.closedAt?.toISOString() ?? null,
    closeReason: t.closeReason,
    caseId: t.caseId,
    replyCount: plain.replyCount,
    createdAt: t.createdAt.toISOString(),
  };
}

export function mapReply(reply: TicketReply, plain: TicketPlain, viewer: AuthUser): TicketReplyDto {
  const t = plain.entity;
  const fromRequester = reply.authorAccountId === t.authorAccountId;
  const mine = reply.authorAccountId === viewer.accountId;
  let author: TicketPersonDto;
  if (fromRequester && !requesterVisibleTo(t, viewer)) author = hidden();
  else {
    author = person(plain.accounts.get(reply.authorAccountId), reply.authorAccountId)!;
    // another citizen never reads a name in full; cadres' names are public
    if (viewer.role === Role.CITIZEN && !mine && reply.authorRole === Role.CITIZEN) author.name = maskName(author.name);
  }
  return {
    id: reply.id,
    author,
    fromCadre: reply.authorRole !== Role.CITIZEN,
    mine,
    body: reply.body,
    createdAt: reply.createdAt.toISOString(),
  };
}

export function mapTicketDetail(
  plain: TicketPlain,
  replies: TicketReply[],
  viewer: AuthUser,
  now: Date,
  rights: Pick<TicketDetailDto, 'canReply' | 'canClose' | 'canAssign' | 'canConvert'>,
): TicketDetailDto {
  return { ...mapTicket(plain, viewer, now), replies: replies.map((r) => mapReply(r, plain, viewer)), ...rights };
}

/** Audit snapshot: what the ticket is and where it went; no name or phone. */
export function ticketAuditSnapshot(ticket: Ticket): Record<string, unknown> {
  return {
    kind: ticket.kind,
    subject: ticket.subject,
    anonymous: ticket.anonymous,
    channel: ticket.authorAccountId ? 'CITIZEN' : 'PHONE',
    regionCode: ticket.regionCode,
    householdId: ticket.householdId,
    aboutAccountId: ticket.aboutAccountId,
    handlerRegionCode: ticket.handlerRegionCode,
    status: ticket.status,
    assignedTo: ticket.assignedTo,
    caseId: ticket.caseId,
    closeReason: ticket.closeReason,
  };
}
