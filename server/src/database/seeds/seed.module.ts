import { Module } from '@nestjs/common';
import { AccountsModule } from '../../modules/accounts/accounts.module.js';
import { HouseholdsModule } from '../../modules/households/households.module.js';
import { RegionsModule } from '../../modules/regions/regions.module.js';
import { ScreeningModule } from '../../modules/screening/screening.module.js';
import { DemoSeedService } from './demo-seed.service.js';

/** The demo county seeded on a first start (main.ts calls DemoSeedService.seedIfEmpty when SEED_DEMO is on). */
@Module({
  imports: [RegionsModule, HouseholdsModule, AccountsModule, ScreeningModule],
  providers: [DemoSeedService],
  exports: [DemoSeedService],
})
export class SeedModule {}
