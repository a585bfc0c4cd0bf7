import { DataSource } from 'typeorm';
import { databaseOptions } from '../database-options.js';
import { startEmbeddedPostgres } from '../embedded-postgres.js';
import { createTestApp, TestApp } from '../../../test/helpers/test-app.js';

/** Columns of every table, as both databases describe them. */
async function schemaOf(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string; column_name: string; data_type: string; is_nullable: string }[] = await dataSource.query(
    `SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns
      WHERE table_schema = 'public' ORDER BY table_name, column_name`,
  );
  return rows.map((r) => `${r.table_name}.${r.column_name} ${r.data_type} ${r.is_nullable}`);
}

/** What `migration:generate` would write: the schema builder's pending queries after all migrations ran. */
async function drift(dataSource: DataSource): Promise<string[]> {
  const sql = await dataSource.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

describe('migrations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ reset: false });
  });
  afterAll(async () => t.close());

  it('leave no drift between entities and migrations (migration:generate would write nothing)', async () => {
    expect(await drift(t.dataSource)).toEqual([]);
  });

  it('are all applied at start', async () => {
    const applied: { name: string }[] = await t.dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(applied.map((m) => m.name)).toEqual(t.dataSource.migrations.map((m) => m.name));
  });

  it('build the same schema on the embedded PGlite as on the test database', async () => {
    const embedded = await startEmbeddedPostgres('memory://', 3);
    const pglite = new DataSource(databaseOptions(embedded.url, 2));
    try {
      await pglite.initialize();
      await pglite.runMigrations({ transaction: 'each' });
      expect(await drift(pglite)).toEqual([]);
      expect(await schemaOf(pglite)).toEqual(await schemaOf(t.dataSource));
    } finally {
      if (pglite.isInitialized) await pglite.destroy();
      await embedded.stop();
    }
  });
});
