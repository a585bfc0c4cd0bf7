import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfigService } from '../config/app-config.service.js';
import { databaseOptions } from './database-options.js';
import { EmbeddedPostgres, startEmbeddedPostgres } from './embedded-postgres.js';

export const DATABASE_URL = Symbol('DATABASE_URL');
export const EMBEDDED_POSTGRES = Symbol('EMBEDDED_POSTGRES');

/** Provides DATABASE_URL: the configured server, or the embedded PGlite started here. */
@Global()
@Module({
  providers: [
    {
      provide: EMBEDDED_POSTGRES,
      inject: [AppConfigService],
      useFactory: async (config: AppConfigService) =>
        config.embeddedDatabase
          ? startEmbeddedPostgres(config.get('DATA_DIR'), config.get('DATABASE_POOL_SIZE') + 2)
          : null,
    },
    {
      provide: DATABASE_URL,
      inject: [AppConfigService, EMBEDDED_POSTGRES],
      useFactory: (config: AppConfigService, embedded: EmbeddedPostgres | null) =>
        embedded ? embedded.url : config.get('DATABASE_URL'),
    },
  ],
  exports: [DATABASE_URL, EMBEDDED_POSTGRES],
})
class DatabaseUrlModule {}

/** Stops the embedded database after the connection pool is closed (never the other way round). */
@Injectable()
class EmbeddedShutdown implements OnApplicationShutdown {
  constructor(
    @Inject(EMBEDDED_POSTGRES) private readonly embedded: EmbeddedPostgres | null,
    private readonly dataSource: DataSource,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    if (!this.embedded) return;
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
    await this.embedded.stop();
  }
}

/** TypeORM on PostgreSQL or PGlite; the migrations run at start on either. */
@Module({
  imports: [
    DatabaseUrlModule,
    TypeOrmModule.forRootAsync({
      inject: [AppConfigService, DATABASE_URL],
      useFactory: (config: AppConfigService, url: string) => ({
        // pglite-socket interleaves the protocol messages of concurrent connections (upstream pglite issue #1046:
        // "unnamed prepared statement does not exist" under load): the embedded database gets ONE connection,
        // and PGlite runs one query at a time anyway. docs/decisions.md.
        ...databaseOptions(url, config.embeddedDatabase ? 1 : config.get('DATABASE_POOL_SIZE')),
        migrationsRun: true,
        migrationsTransactionMode: 'each' as const,
        retryAttempts: 2,
      }),
    }),
  ],
  providers: [EmbeddedShutdown],
})
export class DatabaseModule {}
