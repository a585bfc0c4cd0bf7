import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts many rows with one `INSERT ... SELECT * FROM unnest($1::type[], $2::type[], ...)` per chunk: one
 * parameter per column whatever the row count, and none of the per-value work of TypeORM's insert builder
 * (profiled on the demo seed: ~0.95 s of CPU in its parameter handling for 2,000 households and 6,600 members).
 * Rows hold entity property names; a column left
 * undefined in every row gets its DEFAULT, a value undefined in some rows only is written as NULL.
 */
export async function bulkInsert<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: Partial<T>[],
  chunkSize = 5000,
): Promise<void> {
  if (!rows.length) return;
  const metadata = manager.connection.getMetadata(target);
  const columns = metadata.columns.filter((column) => rows.some((row) => column.getEntityValue(row) !== undefined));
  const types = columns.map((column) => manager.connection.driver.normalizeType(column));
  const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
  const arrays = types.map((type, i) => `$${i + 1}::${type}[]`).join(', ');
  const sql = `INSERT INTO "${metadata.tableName}" (${names}) SELECT * FROM unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const parameters = columns.map((column, i) =>
      chunk.map((row) => {
        const value = column.getEntityValue(row);
        if (value === undefined || value === null) return null;
        return types[i] === 'jsonb' || types[i] === 'json' ? JSON.stringify(value) : value;
      }),
    );
    await manager.query(sql, parameters);
  }
}
