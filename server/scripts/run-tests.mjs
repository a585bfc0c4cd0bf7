// Server tests: compile (src + test) with tsc, create one database for the run on the PostgreSQL server
// (DATABASE_URL, or 127.0.0.1:5432 when it answers; else embedded PGlite in memory), run every *.spec.js
// with node's test runner, one file at a time, then drop the database.
// Usage: node scripts/run-tests.mjs [filter...]   (filters match spec file paths)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));
const filters = process.argv.slice(2);

const tsc = spawnSync(process.execPath, [join(root, '../node_modules/typescript/bin/tsc'), '-p', 'tsconfig.test.json'], { cwd: root, stdio: 'inherit' });
// TEST_ALLOW_TYPE_ERRORS=1 runs what tsc emitted despite type errors (while several people edit at once);
// npm test and CI never set it.
if (tsc.status !== 0 && !process.env.TEST_ALLOW_TYPE_ERRORS) process.exit(tsc.status ?? 1);

function specs(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : specs(path);
    return name.endsWith('.spec.js') ? [path] : [];
  });
}
const files = specs(join(root, 'dist-test')).filter((f) => !filters.length || filters.some((x) => f.includes(x))).sort();
if (!files.length) {
  console.error('no server test files matched');
  process.exit(1);
}

const env = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', SEED_DEMO: 'false', RATE_LIMIT_PER_MINUTE: '100000', PORT: '0', TRUST_PROXY: '127.0.0.1' };
// uploads of the run go to a folder of their own, removed at the end
const filesDir = process.env.FILES_DIR ? null : mkdtempSync(join(tmpdir(), 'jiuzhu-test-files-'));
if (filesDir) env.FILES_DIR = filesDir;
const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const admin = new pg.Client({ connectionString: base, connectionTimeoutMillis: 2000 });
let dbName = null;
try {
  // JIUZHU_TEST_PGLITE=1 proves the no-server path on a machine that has one
  if (process.env.JIUZHU_TEST_PGLITE) throw new Error('JIUZHU_TEST_PGLITE is set');
  await admin.connect();
  dbName = `jiuzhu_test_${process.pid}_${Date.now().toString(36)}`;
  await admin.query(`CREATE DATABASE "${dbName}"`);
  const { rows } = await admin.query('SHOW server_version');
  const url = new URL(base);
  url.pathname = `/${dbName}`;
  env.DATABASE_URL = url.toString();
  env.JIUZHU_TEST_DATABASE = 'postgresql';
  console.log(`[server tests] PostgreSQL ${rows[0].server_version}, database ${dbName}`);
} catch (error) {
  if (process.env.DATABASE_URL) {
    console.error(`DATABASE_URL is set but does not answer: ${error.message}`);
    process.exit(1);
  }
  console.log('[server tests] no PostgreSQL server answers on 127.0.0.1:5432: using embedded PGlite (in memory)');
  delete env.DATABASE_URL;
  env.DATA_DIR = 'memory://';
  env.JIUZHU_TEST_DATABASE = 'pglite';
}

const args = ['--import', join(root, 'dist-test/test/setup/globals.js'), '--enable-source-maps', '--test', '--test-concurrency=1', '--test-timeout=120000'];
if (process.env.TEST_REPORTER) args.push(`--test-reporter=${process.env.TEST_REPORTER}`);
console.log(`[server tests] ${files.length} files: ${files.map((f) => relative(join(root, 'dist-test'), f)).join(', ')}`);
const run = spawnSync(process.execPath, [...args, ...files], { cwd: root, env, stdio: 'inherit' });

if (dbName && !process.env.KEEP_TEST_DATABASE) {
  await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
}
await admin.end().catch(() => undefined);
if (filesDir) rmSync(filesDir, { recursive: true, force: true });
process.exit(run.status ?? 1);
