import { Global, Module } from '@nestjs/common';
import { ApiKeyAuthenticator } from '../../common/auth/api-key-authenticator.js';
import { AccountsModule } from '../accounts/accounts.module.js';
import { ExchangeApiKeysService } from './exchange-api-keys.service.js';
import { ExchangeBatchesService } from './exchange-batches.service.js';
import { ExchangeController } from './exchange.controller.js';
import { ExchangeDatasetsService } from './exchange-datasets.service.js';
import { ExchangeIntakeService } from './exchange-intake.service.js';
import { ExchangePipelineService } from './exchange-pipeline.service.js';

/**
 * 数据共享中心 (data-sharing center): datasets as data, intake of department files and JSON rows, the background
 * pipeline (stream → COPY → set-based match), reports back to the department, API keys. Global only so that the
 * JwtAuthGuard finds the ApiKeyAuthenticator; the warnings module plugs its rules into the pipeline.
 */
@Global()
@Module({
  imports: [AccountsModule],
  controllers: [ExchangeController],
  providers: [
    ExchangeDatasetsService,
    ExchangeBatchesService,
    ExchangeIntakeService,
    ExchangePipelineService,
    ExchangeApiKeysService,
    { provide: ApiKeyAuthenticator, useExisting: ExchangeApiKeysService },
  ],
  exports: [ApiKeyAuthenticator, ExchangeDatasetsService, ExchangePipelineService, ExchangeBatchesService, ExchangeIntakeService],
})
export class ExchangeModule {}
