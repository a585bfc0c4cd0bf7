import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { HouseholdsModule } from '../households/households.module.js';
import { NoticesModule } from '../notices/notices.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { CaseBulkService } from './case-bulk.service.js';
import { CaseDeadlinesService } from './case-deadlines.service.js';
import { CaseEscalationService } from './case-escalation.service.js';
import { CaseJournalService } from './case-journal.service.js';
import { CaseLookupService } from './case-lookup.service.js';
import { CasePartiesService } from './case-parties.service.js';
import { CaseQueryService } from './case-query.service.js';
import { CaseStepsService } from './case-steps.service.js';
import { CaseTransitionService } from './case-transition.service.js';
import { CaseWorkController } from './case-work.controller.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { ClaimsController } from './claims.controller.js';

/**
 * The six-step identification workflow (六步工作法): citizens' requests, cadres' cases, the transitions of the shared
 * workflow table, deadlines and escalation. Settings, files, idempotency, jobs and notifications are global modules.
 */
@Module({
  imports: [AccountsModule, HouseholdsModule, RegionsModule, NoticesModule],
  controllers: [ClaimsController, CasesController, CaseWorkController],
  providers: [
    CasesService,
    CaseQueryService,
    CaseTransitionService,
    CaseStepsService,
    CasePartiesService,
    CaseDeadlinesService,
    CaseJournalService,
    CaseEscalationService,
    CaseBulkService,
    CaseLookupService,
  ],
  exports: [CasesService, CaseQueryService],
})
export class CasesModule {}
