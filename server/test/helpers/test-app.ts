import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory.js';

export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface RequestOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  query?: Record<string, string | number | boolean | undefined>;
}

export interface TestApp {
  app: NestFastifyApplication;
  dataSource: DataSource;
  request<T = any>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, options?: RequestOptions): Promise<TestResponse<T>>;
  close(): Promise<void>;
}

/** Tables that hold reference data loaded at start; every other table is emptied between test files. */
const KEEP = new Set(['migrations', 'typeorm_metadata', 'regions']);

export async function resetData(dataSource: DataSource): Promise<void> {
  const rows: { tablename: string }[] = await dataSource.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public'`,
  );
  const tables = rows.map((r) => r.tablename).filter((t) => !KEEP.has(t));
  if (tables.length) await dataSource.query(`TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`);
  // grids created by earlier test files are data too
  await dataSource.query(`DELETE FROM regions WHERE length(code) = 15`).catch(() => undefined);
  // reference data seeded by data migrations (settings, calendar): back to the seed, whatever a test changed
  const queryRunner = dataSource.createQueryRunner();
  try {
    for (const migration of dataSource.migrations) {
      if ((migration.constructor as { referenceTables?: string[] }).referenceTables) await migration.up(queryRunner);
    }
  } finally {
    await queryRunner.release();
  }
}

/** Boots the real app (migrations, guards, pipes, filters) on the per-run database; requests go through Fastify inject. */
export async function createTestApp(options: { reset?: boolean } = {}): Promise<TestApp> {
  const app = await createApp({ logger: false });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const dataSource = app.get(DataSource);
  if (options.reset !== false) await resetData(dataSource);
  return {
    app,
    dataSource,
    async request(method, url, { token, body, headers, query } = {}) {
      const response = await app.inject({
        method,
        url,
        query: query ? Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)])) : undefined,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(headers ?? {}) },
        ...(body !== undefined ? { payload: body as any } : {}),
      });
      let parsed: unknown = response.body;
      if ((response.headers['content-type'] ?? '').toString().includes('json') && response.body) parsed = JSON.parse(response.body);
      return { status: response.statusCode, body: parsed as any, headers: response.headers };
    },
    async close() {
      await app.close();
    },
  };
}
