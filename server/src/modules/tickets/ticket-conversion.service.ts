import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TicketKind } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { forbidden } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { CasesService } from '../cases/cases.service.js';
import { CryptoService } from '../crypto/crypto.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { ConvertedTicketDto } from './dto/ticket.dto.js';
import { TicketStatus } from './entities/ticket.entity.js';
import { ticketAuditSnapshot } from './tickets.mapper.js';
import { TICKET_CONVERTER_ROLES, TicketsService } from './tickets.service.js';
import { TicketsException } from './tickets.exception.js';

/**
 * POST /tickets/:id/convert-to-case: a HELP ticket becomes an identification case (source HOTLINE) through the
 * cases module, in one transaction with the ticket's closing; the ticket keeps the case id.
 */
@Injectable()
export class TicketConversionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tickets: TicketsService,
    private readonly cases: CasesService,
    private readonly crypto: CryptoService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  async convert(user: AuthUser, id: string): Promise<ConvertedTicketDto> {
    if (!TICKET_CONVERTER_ROLES.includes(user.role)) throw forbidden('只有村干部、乡镇审核人或县级干部可以把求助转为案件');
    return this.dataSource.transaction(async (manager) => {
      const ticket = await this.tickets.loadVisible(user, id, manager, true);
      if (ticket.kind !== TicketKind.HELP) throw TicketsException.notHelp();
      if (ticket.caseId) throw TicketsException.alreadyConverted(ticket.caseId);
      if (ticket.status === TicketStatus.CLOSED) throw TicketsException.closed();
      if (ticket.regionCode.length !== 12) throw TicketsException.needsVillage();
      const before = ticketAuditSnapshot(ticket);
      const created = await this.cases.createFromTicket(manager, user, {
        id: ticket.id,
        householdId: ticket.householdId,
        regionCode: ticket.regionCode,
        description: `${ticket.subject}\n${ticket.content}`,
        contactPhone: this.crypto.decrypt(ticket.contactPhoneEncrypted),
        // the citizen who asked becomes the claimant, so the case shows in their 我的申请
        authorAccountId: ticket.authorAccountId,
      });
      await this.tickets.closeLocked(manager, user, ticket, `已转为救助案件办理（案件编号 ${created.caseNumber}）`, created.id);
      await this.audit.record(manager, {
        actor: user,
        action: 'ticket.convert',
        entityType: 'ticket',
        entityId: ticket.id,
        regionCode: ticket.regionCode,
        before,
        after: { ...ticketAuditSnapshot(ticket), caseNumber: created.caseNumber },
      });
      if (ticket.authorAccountId) {
        await this.notifications.enqueue(manager, [
          {
            to: { accountId: ticket.authorAccountId },
            kind: 'ticket.converted',
            title: '您的求助已转为救助案件',
            body: `您的求助已转为救助案件（编号 ${created.caseNumber}），可在“我的申请”中查看每一步的进展。`,
            regionCode: ticket.regionCode,
            data: { ticketId: ticket.id, caseId: created.id },
          },
        ]);
      }
      return { ticketId: ticket.id, caseId: created.id, caseNumber: created.caseNumber };
    });
  }
}
