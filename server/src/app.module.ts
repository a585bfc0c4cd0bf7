import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { ClockModule } from './common/clock.js';
import { AllExceptionsFilter } from './common/http/all-exceptions.filter.js';
import { AppConfigModule } from './config/config.module.js';
import { AppConfigService } from './config/app-config.service.js';
import { DatabaseModule } from './database/database.module.js';
import { CryptoModule } from './modules/crypto/crypto.module.js';
import { HealthModule } from './modules/health/health.module.js';
import { AccountsModule } from './modules/accounts/accounts.module.js';
import { AuditModule } from './modules/audit/audit.module.js';
import { AuthModule } from './modules/auth/auth.module.js';
import { HouseholdsModule } from './modules/households/households.module.js';
import { RegionsModule } from './modules/regions/regions.module.js';
import { NotificationsModule } from './modules/notifications/notifications.module.js';
import { CasesModule } from './modules/cases/cases.module.js';
import { NoticesModule } from './modules/notices/notices.module.js';
import { TicketsModule } from './modules/tickets/tickets.module.js';
import { SettingsModule } from './modules/settings/settings.module.js';
import { IdempotencyModule } from './modules/idempotency/idempotency.module.js';
import { FilesModule } from './modules/files/files.module.js';
import { JobsModule } from './modules/jobs/jobs.module.js';
import { ScreeningModule } from './modules/screening/screening.module.js';
import { ExchangeModule } from './modules/exchange/exchange.module.js';
import { WarningsModule } from './modules/warnings/warnings.module.js';
import { QualityModule } from './modules/quality/quality.module.js';
import { SeedModule } from './database/seeds/seed.module.js';
import { StartupService } from './startup.service.js';

@Module({
  imports: [
    AppConfigModule,
    LoggerModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => ({
        pinoHttp: {
          level: config.get('LOG_LEVEL'),
          // the id Fastify gave the request (x-request-id or a new uuid), so logs and audit rows share it
          genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id?: string }).id ?? '',
          customProps: () => ({ service: 'jiuzhu' }),
          redact: ['req.headers.authorization', 'req.headers.cookie'],
          autoLogging: { ignore: (req: IncomingMessage) => req.url === '/api/health' },
        },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [AppConfigService],
      useFactory: (config: AppConfigService) => [{ ttl: 60_000, limit: config.get('RATE_LIMIT_PER_MINUTE') }],
    }),
    ClockModule,
    DatabaseModule,
    CryptoModule,
    HealthModule,
    AuditModule,
    AuthModule,
    AccountsModule,
    RegionsModule,
    HouseholdsModule,
    NotificationsModule,
    NoticesModule,
    TicketsModule,
    CasesModule,
    SettingsModule,
    IdempotencyModule,
    FilesModule,
    JobsModule,
    ScreeningModule,
    QualityModule,
    ExchangeModule,
    WarningsModule,
    SeedModule,
  ],
  providers: [
    StartupService,
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_GUARD, useClass: ThrottlerGuard },
  ],
})
export class AppModule {}
