import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { labelOf, Role, RoleLabel, TicketKind, TicketKindLabel } from '@jiuzhu/shared';
import { seesAnonymousIdentity } from '../../common/auth/anonymity.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isInScope, narrowRegion } from '../../common/auth/region-scope.js';
import { Clock } from '../../common/clock.js';
import { forbidden, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AccountDirectoryService } from '../accounts/account-directory.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CryptoService } from '../crypto/crypto.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { RegionsService } from '../regions/regions.service.js';
import type { ComplaintTargetDto, TicketAssigneeListDto, TicketContactDto, TicketDetailDto, TicketSummaryDto } from './dto/ticket.dto.js';
import type {
  AssignTicketDto,
  CloseTicketDto,
  ComplaintTargetsQueryDto,
  CreateTicketDto,
  CreateTicketReplyDto,
  TicketListQueryDto,
} from './dto/ticket-input.dto.js';
import { Ticket, TicketStatus } from './entities/ticket.entity.js';
import { TicketReply } from './entities/ticket-reply.entity.js';
import { complaintHandlerFor, handlerRolesFor, TICKET_CADRE_ROLES, TicketRoutingService } from './ticket-routing.service.js';
import { mapTicket, mapTicketDetail, TicketPlain, ticketAuditSnapshot } from './tickets.mapper.js';
import { TicketsException } from './tickets.exception.js';

/** Roles that hand a ticket to a colleague. */
export const TICKET_ASSIGNER_ROLES: readonly Role[] = Object.freeze([
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
  Role.ADMIN,
]);

/** Roles that turn a HELP ticket into a case (the ones who analyse cases). */
export const TICKET_CONVERTER_ROLES: readonly Role[] = Object.freeze([
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
]);

const TICKET = '工单';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COMPLAINT_TARGET_ROLES = [Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER];
// notification texts are masked: a long number typed into a subject never reaches a message
const withoutNumbers = (text: string) => text.replace(/[0-9Xx]{7,}/g, '***');

/**
 * Hotline tickets 求助申请 / 投诉举报 / 政策咨询 (issue 3). Citizens see their own; a cadre sees those whose handler
 * region lies in their scope, or handed to them, or entered by them, and never a complaint about themselves.
 */
@Injectable()
export class TicketsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly crypto: CryptoService,
    private readonly routing: TicketRoutingService,
    private readonly regions: RegionsService,
    private readonly accounts: AccountDirectoryService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  // ---------------------------------------------------------------- queries

  /** GET /tickets: own tickets (citizens) or the caller's work list (cadres), open and overdue first. */
  async list(user: AuthUser, query: TicketListQueryDto): Promise<Page<TicketSummaryDto>> {
    const { page, pageSize, offset } = pageOf(query);
    const now = this.clock.now();
    const qb = this.dataSource.getRepository(Ticket).createQueryBuilder('t');
    if (user.role === Role.CITIZEN) {
      qb.where('t.author_account_id = :me', { me: user.accountId });
    } else if (query.region) {
      const prefix = narrowRegion(user, query.region);
      qb.where('t.handler_region_code LIKE :prefix', { prefix: `${prefix}%` });
    } else {
      qb.where('(t.handler_region_code LIKE :prefix OR t.assigned_to = :me OR t.entered_by = :me)', {
        prefix: `${narrowRegion(user)}%`,
        me: user.accountId,
      });
    }
    if (user.role !== Role.CITIZEN) qb.andWhere('t.about_account_id IS DISTINCT FROM :me', { me: user.accountId });
    if (query.kind) qb.andWhere('t.kind = :kind', { kind: query.kind });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    if (query.assignedToMe === true) qb.andWhere('t.assigned_to = :me', { me: user.accountId });
    if (query.assignedToMe === false) qb.andWhere('t.assigned_to IS DISTINCT FROM :me', { me: user.accountId });
    const overdue = `(t.status = '${TicketStatus.OPEN}' AND t.ack_due_at < :now)`;
    if (query.overdue === true) qb.andWhere(overdue, { now });
    if (query.overdue === false) qb.andWhere(`NOT ${overdue}`, { now });
    if (user.role === Role.CITIZEN) qb.orderBy('t.created_at', 'DESC');
    else {
      qb.orderBy(`CASE t.status WHEN '${TicketStatus.OPEN}' THEN 0 WHEN '${TicketStatus.ACKNOWLEDGED}' THEN 1 ELSE 2 END`, 'ASC')
        .addOrderBy('t.ack_due_at', 'ASC')
        .addOrderBy('t.created_at', 'DESC');
    }
    const [rows, total] = await qb.addOrderBy('t.id', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    const plains = await this.plain(rows, this.dataSource.manager);
    return { items: plains.map((p) => mapTicket(p, user, now)), total, page, pageSize };
  }

  /** GET /tickets/:id with its thread. */
  async get(user: AuthUser, id: string): Promise<TicketDetailDto> {
    const manager = this.dataSource.manager;
    return this.detail(user, await this.loadVisible(user, id, manager), manager);
  }

  /**
   * GET /tickets/complaint-targets: the cadres responsible for the citizen's grid (or, for a cadre entering a
   * call, the region given), with the region a complaint about each would go to.
   */
  async complaintTargets(user: AuthUser, query: ComplaintTargetsQueryDto): Promise<Page<ComplaintTargetDto>> {
    const { page, pageSize, offset } = pageOf(query);
    const manager = this.dataSource.manager;
    let region = query.region ?? null;
    if (user.role === Role.CITIZEN) region ??= (await this.routing.citizenGrid(manager, user))?.regionCode ?? null;
    else if (region && !isInScope(user, region)) throw forbidden('所选地区不在您的辖区内');
    if (!region) throw validationFailed([{ field: 'region', message: '请选择所涉的村（社区）或网格' }]);
    const cadres = (await this.accounts.responsibleFor(manager, region, COMPLAINT_TARGET_ROLES)).filter(
      (c) => c.id !== user.accountId,
    );
    const names = await this.regions.pathNamesOf(cadres.map((c) => c.regionCode!), manager);
    const items = cadres.slice(offset, offset + pageSize).map((c) => ({
      accountId: c.id,
      name: c.displayName,
      role: c.role,
      roleLabel: labelOf(RoleLabel, c.role),
      regionCode: c.regionCode!,
      regionName: names.get(c.regionCode!) ?? '',
      handlerRegionCode: complaintHandlerFor(c.regionCode!),
    }));
    return { items, total: cadres.length, page, pageSize };
  }

  // ---------------------------------------------------------------- writes

  /** POST /tickets: a citizen's request, or a phone call a cadre enters; routed, deadline set, handlers told. */
  async create(user: AuthUser, dto: CreateTicketDto): Promise<TicketDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const route = await this.routing.route(manager, user, dto);
      const citizen = user.role === Role.CITIZEN;
      const id = randomUUID();
      await manager
        .createQueryBuilder()
        .insert()
        .into(Ticket)
        .values({
          id,
          countyCode: route.regionCode.slice(0, 6),
          kind: dto.kind,
          subject: dto.subject,
          content: dto.content,
          anonymous: dto.anonymous ?? false,
          authorAccountId: citizen ? user.accountId : null,
          enteredBy: citizen ? null : user.accountId,
          callerNameEncrypted: citizen ? null : this.crypto.encrypt(dto.callerName ?? null),
          contactPhoneEncrypted: this.crypto.encrypt(dto.contactPhone ?? null),
          regionCode: route.regionCode,
          householdId: route.householdId,
          aboutAccountId: route.about?.id ?? null,
          handlerRegionCode: route.handlerRegionCode,
          status: TicketStatus.OPEN,
          ackDueAt: route.ackDueAt,
          createdAt: this.clock.now(),
          updatedAt: this.clock.now(),
        })
        .updateEntity(false)
        .execute();
      const ticket = await manager.getRepository(Ticket).findOneByOrFail({ id });
      await this.audit.record(manager, {
        actor: user,
        action: 'ticket.create',
        entityType: 'ticket',
        entityId: ticket.id,
        regionCode: ticket.regionCode,
        after: ticketAuditSnapshot(ticket),
      });
      const detail = await this.detail(user, ticket, manager);
      await this.notifications.enqueue(manager, [
        {
          to: { regionCode: ticket.handlerRegionCode, roles: handlerRolesFor(ticket.handlerRegionCode) },
          kind: 'ticket.new',
          title: `新的${labelOf(TicketKindLabel, ticket.kind)}`,
          body: `${detail.regionName}：${withoutNumbers(ticket.subject)}。请在${detail.ackDueDate}前受理。`,
          regionCode: ticket.regionCode,
          data: { ticketId: ticket.id },
        },
      ]);
      return detail;
    });
  }

  /**
   * POST /tickets/:id/replies: a cadre's answer (the first one acknowledges the ticket) or the citizen's follow-up.
   * The citizen hears of every cadre answer; the assignee (or the handlers) of every follow-up.
   */
  async reply(user: AuthUser, id: string, dto: CreateTicketReplyDto): Promise<TicketDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.loadVisible(user, id, manager, true);
      if (ticket.status === TicketStatus.CLOSED) throw TicketsException.closed();
      const now = this.clock.now();
      const fromCadre = user.role !== Role.CITIZEN;
      await manager
        .createQueryBuilder()
        .insert()
        .into(TicketReply)
        .values({
          id: randomUUID(),
          countyCode: ticket.countyCode,
          ticketId: ticket.id,
          authorAccountId: user.accountId,
          authorRole: user.role,
          body: dto.body,
          createdAt: now,
        })
        .updateEntity(false)
        .execute();
      if (fromCadre && ticket.status === TicketStatus.OPEN) {
        await this.update(manager, ticket, { status: TicketStatus.ACKNOWLEDGED, acknowledgedAt: now });
      }
      await this.audit.record(manager, {
        actor: user,
        action: 'ticket.reply',
        entityType: 'ticket',
        entityId: ticket.id,
        regionCode: ticket.regionCode,
        after: { body: dto.body, status: ticket.status },
      });
      const kindLabel = labelOf(TicketKindLabel, ticket.kind);
      if (fromCadre && ticket.authorAccountId) {
        await this.notifications.enqueue(manager, [
          {
            to: { accountId: ticket.authorAccountId },
            kind: 'ticket.reply',
            title: `您的${kindLabel}有新回复`,
            body: `您提出的“${withoutNumbers(ticket.subject)}”有工作人员回复，请查看。`,
            regionCode: ticket.regionCode,
          data: { ticketId: ticket.id },
          },
        ]);
      } else if (!fromCadre) {
        await this.notifications.enqueue(manager, [
          {
            to: ticket.assignedTo
              ? { accountId: ticket.assignedTo }
              : { regionCode: ticket.handlerRegionCode, roles: handlerRolesFor(ticket.handlerRegionCode) },
            kind: 'ticket.follow-up',
            title: `${kindLabel}有追问`,
            body: `“${withoutNumbers(ticket.subject)}”的提出人补充了内容，请查看。`,
            regionCode: ticket.regionCode,
          data: { ticketId: ticket.id },
          },
        ]);
      }
      return this.detail(user, ticket, manager);
    });
  }

  /** POST /tickets/:id/assign: hand the ticket to a cadre on the handler region's line (not the one complained about). */
  async assign(user: AuthUser, id: string, dto: AssignTicketDto): Promise<TicketDetailDto> {
    if (!TICKET_ASSIGNER_ROLES.includes(user.role)) throw forbidden('您的角色不能转交工单');
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.loadVisible(user, id, manager, true);
      if (ticket.status === TicketStatus.CLOSED) throw TicketsException.closed();
      const assignee = await this.routing.assignable(manager, dto.accountId, ticket.handlerRegionCode, ticket.aboutAccountId);
      if (!assignee) {
        throw validationFailed([{ field: 'accountId', message: '只能转交给负责该地区的在岗干部（不能是被投诉人）' }]);
      }
      const before = ticketAuditSnapshot(ticket);
      await this.update(manager, ticket, { assignedTo: assignee.id });
      await this.audit.record(manager, {
        actor: user,
        action: 'ticket.assign',
        entityType: 'ticket',
        entityId: ticket.id,
        regionCode: ticket.regionCode,
        before,
        after: ticketAuditSnapshot(ticket),
      });
      await this.notifications.enqueue(manager, [
        {
          to: { accountId: assignee.id },
          kind: 'ticket.assigned',
          title: `${labelOf(TicketKindLabel, ticket.kind)}交您办理`,
          body: `“${withoutNumbers(ticket.subject)}”已交给您办理，受理期限见工单。`,
          regionCode: ticket.regionCode,
          data: { ticketId: ticket.id },
        },
      ]);
      return this.detail(user, ticket, manager);
    });
  }

  /**
   * GET /tickets/:id/assignees: whom the caller may hand the ticket to (the rule of POST .../assign): active cadres on
   * the handler region's line, not the one complained about, not the caller.
   */
  async assignees(user: AuthUser, id: string): Promise<TicketAssigneeListDto> {
    if (!TICKET_ASSIGNER_ROLES.includes(user.role)) throw forbidden('您的角色不能转交工单');
    const manager = this.dataSource.manager;
    const ticket = await this.loadVisible(user, id, manager);
    const cards = (await this.accounts.onLineOf(manager, ticket.handlerRegionCode, TICKET_CADRE_ROLES)).filter(
      (card) => card.id !== ticket.aboutAccountId && card.id !== user.accountId && !!card.regionCode,
    );
    const names = await this.regions.pathNamesOf(cards.map((c) => c.regionCode!), manager);
    return {
      items: cards.map((card) => ({
        accountId: card.id,
        name: card.displayName,
        role: card.role,
        roleLabel: labelOf(RoleLabel, card.role),
        regionCode: card.regionCode!,
        regionName: names.get(card.regionCode!) ?? '',
        current: card.id === ticket.assignedTo,
      })),
    };
  }

  /** POST /tickets/:id/close: a cadre finishes it with a reason (an answer too), or the citizen withdraws it. */
  async close(user: AuthUser, id: string, dto: CloseTicketDto): Promise<TicketDetailDto> {
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.loadVisible(user, id, manager, true);
      const before = ticketAuditSnapshot(ticket);
      await this.closeLocked(manager, user, ticket, dto.reason);
      await this.audit.record(manager, {
        actor: user,
        action: 'ticket.close',
        entityType: 'ticket',
        entityId: ticket.id,
        regionCode: ticket.regionCode,
        before,
        after: ticketAuditSnapshot(ticket),
      });
      if (user.role !== Role.CITIZEN && ticket.authorAccountId) {
        await this.notifications.enqueue(manager, [
          {
            to: { accountId: ticket.authorAccountId },
            kind: 'ticket.closed',
            title: `您的${labelOf(TicketKindLabel, ticket.kind)}已办结`,
            body: `您提出的“${withoutNumbers(ticket.subject)}”已办结，请查看办结说明。`,
            regionCode: ticket.regionCode,
          data: { ticketId: ticket.id },
          },
        ]);
      }
      return this.detail(user, ticket, manager);
    });
  }

  /** GET /tickets/:id/contact: the whole name and phone to call back; hidden on anonymous tickets below the county; audited. */
  async contact(user: AuthUser, id: string): Promise<TicketContactDto> {
    if (user.role === Role.CITIZEN) throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.loadVisible(user, id, manager);
      if (ticket.anonymous && !seesAnonymousIdentity(user.role)) throw TicketsException.identityHidden();
      const author = ticket.authorAccountId
        ? (await this.accounts.describe(manager, [ticket.authorAccountId])).get(ticket.authorAccountId)
        : undefined;
      await this.audit.record(manager, {
        actor: user,
        action: 'ticket.view-contact',
        entityType: 'ticket',
        entityId: ticket.id,
        regionCode: ticket.regionCode,
        after: { kind: ticket.kind, anonymous: ticket.anonymous },
      });
      return {
        ticketId: ticket.id,
        name: author?.displayName ?? this.crypto.decrypt(ticket.callerNameEncrypted),
        phone: this.crypto.decrypt(ticket.contactPhoneEncrypted),
      };
    });
  }

  // ---------------------------------------------------------------- for the conversion to a case

  /**
   * A ticket the caller may see (404 otherwise: ids cannot be probed, and a complaint is invisible to the cadre
   * it is about), optionally locked FOR UPDATE for a write.
   */
  async loadVisible(user: AuthUser, id: string, manager: EntityManager, lock = false): Promise<Ticket> {
    if (!UUID.test(id)) throw notFound(TICKET);
    const qb = manager.getRepository(Ticket).createQueryBuilder('t').where('t.id = :id', { id });
    if (lock) qb.setLock('pessimistic_write');
    const ticket = await qb.getOne();
    if (!ticket || !this.canSee(user, ticket)) throw notFound(TICKET);
    return ticket;
  }

  /** Closes a locked ticket (409 when already closed); a cadre's close counts as the first answer. */
  async closeLocked(manager: EntityManager, user: AuthUser, ticket: Ticket, reason: string, caseId?: string): Promise<void> {
    if (ticket.status === TicketStatus.CLOSED) throw TicketsException.closed();
    const now = this.clock.now();
    await this.update(manager, ticket, {
      status: TicketStatus.CLOSED,
      closedAt: now,
      closedBy: user.accountId,
      closeReason: reason,
      ...(user.role !== Role.CITIZEN && !ticket.acknowledgedAt ? { acknowledgedAt: now } : {}),
      ...(caseId ? { caseId } : {}),
    });
  }

  async detail(user: AuthUser, ticket: Ticket, manager: EntityManager): Promise<TicketDetailDto> {
    const replies = await manager
      .getRepository(TicketReply)
      .createQueryBuilder('r')
      .where('r.county_code = :county AND r.ticket_id = :id', { county: ticket.countyCode, id: ticket.id })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
    const [plain] = await this.plain([ticket], manager, replies.map((r) => r.authorAccountId));
    const open = ticket.status !== TicketStatus.CLOSED;
    const cadre = user.role !== Role.CITIZEN;
    const handles = cadre && isInScope(user, ticket.handlerRegionCode);
    return mapTicketDetail(plain, replies, user, this.clock.now(), {
      canReply: open,
      canClose: open,
      canAssign: open && handles && TICKET_ASSIGNER_ROLES.includes(user.role),
      canConvert:
        open && ticket.kind === TicketKind.HELP && !ticket.caseId && cadre && TICKET_CONVERTER_ROLES.includes(user.role),
    });
  }

  // ---------------------------------------------------------------- helpers

  private canSee(user: AuthUser, ticket: Ticket): boolean {
    if (user.role === Role.CITIZEN) return ticket.authorAccountId === user.accountId;
    if (user.role === Role.DEPARTMENT_OPERATOR) return false;
    if (ticket.aboutAccountId === user.accountId) return false;
    return (
      isInScope(user, ticket.handlerRegionCode) || ticket.assignedTo === user.accountId || ticket.enteredBy === user.accountId
    );
  }

  /** Writes changes to a locked ticket and mirrors them on the entity. */
  private async update(manager: EntityManager, ticket: Ticket, changes: Partial<Ticket>): Promise<void> {
    const updatedAt = this.clock.now();
    await manager
      .createQueryBuilder()
      .update(Ticket)
      .set({ ...changes, updatedAt })
      .where('county_code = :county AND id = :id', { county: ticket.countyCode, id: ticket.id })
      .execute();
    Object.assign(ticket, changes, { updatedAt });
  }

  /** Decrypted fields, account cards, region names and reply counts for a page of tickets: four queries. */
  private async plain(tickets: Ticket[], manager: EntityManager, extraAccounts: string[] = []): Promise<TicketPlain[]> {
    if (!tickets.length) return [];
    const accounts = await this.accounts.describe(manager, [
      ...tickets.flatMap((t) => [t.authorAccountId, t.enteredBy, t.aboutAccountId, t.assignedTo]),
      ...extraAccounts,
    ]);
    const regionNames = await this.regions.pathNamesOf(
      tickets.flatMap((t) => [t.regionCode, t.handlerRegionCode]),
      manager,
    );
    const counts: { ticket_id: string; replies: number }[] = await manager.query(
      `SELECT ticket_id, count(*)::int AS replies FROM ticket_replies
        WHERE county_code = ANY($1::varchar[]) AND ticket_id = ANY($2::uuid[]) GROUP BY ticket_id`,
      [[...new Set(tickets.map((t) => t.countyCode))], tickets.map((t) => t.id)],
    );
    const replyCounts = new Map(counts.map((c) => [c.ticket_id, c.replies]));
    return tickets.map((t) => ({
      entity: t,
      callerName: this.crypto.decrypt(t.callerNameEncrypted),
      contactPhone: this.crypto.decrypt(t.contactPhoneEncrypted),
      accounts,
      regionNames,
      replyCount: replyCounts.get(t.id) ?? 0,
    }));
  }
}

