import { Module } from '@nestjs/common';
import { QualityController } from './quality.controller.js';
import { QualityFindingsService } from './quality-findings.service.js';
import { QualityIdRecheckService } from './quality-id-recheck.service.js';
import { QualityRunnerService } from './quality-runner.service.js';
import { QualityService } from './quality.service.js';

/**
 * Data quality 账账相符、账实相符 (issue 6, DOMAIN.md "Data quality"): checks over the registry run on demand and
 * monthly as jobs, their findings listed and exported per region. It reads the registry and the cases' records in
 * SQL only (no other module's service is needed). Audit, crypto and jobs are global modules.
 */
@Module({
  controllers: [QualityController],
  providers: [QualityService, QualityRunnerService, QualityFindingsService, QualityIdRecheckService],
  exports: [QualityService],
})
export class QualityModule {}
