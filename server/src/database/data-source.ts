// For the TypeORM CLI: `npm run migration:generate -w server -- Name` / `migration:run`.
// Uses DATABASE_URL, or starts the embedded database in DATA_DIR (default ./data) for the command's lifetime.
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database-options.js';
import { startEmbeddedPostgres } from './embedded-postgres.js';

const url = process.env.DATABASE_URL
  ? process.env.DATABASE_URL
  : (await startEmbeddedPostgres(process.env.DATA_DIR ?? './data', 4)).url;

export default new DataSource(databaseOptions(url, 4));
