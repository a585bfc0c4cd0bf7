import { Module } from '@nestjs/common';
import { AccountsModule } from '../accounts/accounts.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { RegionsModule } from '../regions/regions.module.js';
import { ScreeningCardsService } from './screening-cards.service.js';
import { ScreeningController } from './screening.controller.js';
import { ScreeningGenerationService } from './screening-generation.service.js';
import { ScreeningResultsService } from './screening-results.service.js';
import { ScreeningScopeService } from './screening-scope.service.js';
import { ScreeningService } from './screening.service.js';

/**
 * Monthly screening 一月一筛查 (issue 5): rounds and tasks generated each month, the workers' offline download and
 * upload, conflicts, progress, and the case a finding opens (through the cases module). Audit, crypto, files,
 * idempotency, jobs and settings are global modules.
 */
@Module({
  imports: [AccountsModule, RegionsModule, CasesModule],
  controllers: [ScreeningController],
  providers: [ScreeningService, ScreeningResultsService, ScreeningGenerationService, ScreeningScopeService, ScreeningCardsService],
  exports: [ScreeningGenerationService, ScreeningService],
})
export class ScreeningModule {}
