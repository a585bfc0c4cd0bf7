import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { TicketConversionService } from './ticket-conversion.service.js';
import { TicketRoutingService } from './ticket-routing.service.js';
import { TicketsController } from './tickets.controller.js';
import { TicketsService } from './tickets.service.js';

/** Hotline tickets 求助申请 / 投诉举报 / 政策咨询: routing, acknowledgement deadline, threads, conversion to a case. */
@Module({
  imports: [AccountsModule, HouseholdsModule, RegionsModule, CasesModule],
  controllers: [TicketsController],
  providers: [TicketsService, TicketRoutingService, TicketConversionService],
  exports: [TicketsService],
})
export class TicketsModule {}
