// Data-quality benchmark (docs/data-quality.md "Measured"): one county run of every check and the export of its
// 问题清单 through the real built server on PostgreSQL, over a synthetic registry made in SQL.
//
//   npm run build -w server && node bench/quality-bench.mjs      (from server/)
//   BENCH_HOUSEHOLDS=200000 node bench/quality-bench.mjs
//
// It creates a fresh database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), starts
// `node dist/main.js` with the demo county seeded, adds BENCH_HOUSEHOLDS households to the demo county in SQL (1-6
// members each, a quarter with a risk type, a fifth monitored with an identification case holding a survey and first
// measures; setup, not timed), then times: POST /quality/runs for the county until the run is DONE, and the export of
// its findings (GET /quality/findings/export, streamed .xlsx). Prints the times, the findings per check and the
// server's peak memory (VmHWM), and drops the database (KEEP_BENCH_DATABASE=1 keeps it).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { availableParallelism, cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = fileURLToPath(new URL('..', import.meta.url));
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 100000);
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const COUNTY = '530129';
const log = (...args) => console.log('[bench]', ...args);

function call(port, method, path, { token, body } = {}) {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        headers: {
          ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
      },
      (res) => {
        let bytes = 0;
        const chunks = [];
        res.on('data', (c) => {
          bytes += c.length;
          if (!String(res.headers['content-type']).includes('sheet')) chunks.push(c);
        });
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode, body: parsed, bytes, headers: res.headers });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const peakMemoryMb = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
};

function start(args, env, readyPattern) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = readyPattern.exec(output);
      if (match) resolve(match);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.slice(-3000)}`)));
  });
  return { child, ready };
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
  await once(child, 'exit').catch(() => undefined);
  clearTimeout(timer);
}

// the synthetic registry: households spread over the demo county's grids, members, and for the monitored ones an
// identification case with a survey (wage, compliant costs) and first measures (types drawn from all 14)
const SYNTHETIC = `
WITH grid AS (SELECT array_agg(code ORDER BY code) AS codes FROM regions WHERE level = 'GRID' AND code LIKE '${COUNTY}%')
INSERT INTO households (county_code, household_number, region_code, address, household_type, monitoring_type, risk_types,
                        identified_month, no_labour_capacity, relocated)
SELECT '${COUNTY}', g.code || 'B' || lpad(i::text, 7, '0'), g.code, '基准村' || i || '号', 'OUT_OF_POVERTY',
       CASE WHEN i % 5 = 0 THEN 'MARGINAL' END,
       CASE WHEN i % 4 = 0 THEN jsonb_build_array((ARRAY['ILLNESS','DRINKING_WATER','HOUSING_SAFETY','LACK_OF_LABOUR','DISABILITY','OTHER'])[1 + (i / 4) % 6])
            ELSE '[]'::jsonb END,
       CASE WHEN i % 5 = 0 THEN to_char(date '2024-06-01' + ((i / 5) % 18) * interval '1 month', 'YYYY-MM') END,
       i % 50 = 0, false
  FROM generate_series(1, $1::int) i, grid
 CROSS JOIN LATERAL (SELECT grid.codes[1 + i % array_length(grid.codes, 1)] AS code) g`;

const MEMBERS = `
INSERT INTO members (county_code, household_id, name, id_number_encrypted, id_number_hash, relation, sex, birth_date, labour_capacity, public_welfare_job)
SELECT h.county_code, h.id, '基准' || j, 'v1:AAAA:BBBB:CCCC', md5(h.id::text || j) || md5(j || h.id::text),
       CASE WHEN j = 1 THEN 'HEAD' ELSE 'CHILD' END, CASE WHEN j % 2 = 1 THEN 'MALE' ELSE 'FEMALE' END, date '1970-01-01' + j * 3000,
       (ARRAY['ORDINARY','SKILLED','WEAK','LOST','NONE'])[1 + (hashtext(h.id::text || j) & 2147483647) % 5],
       (hashtext(h.id::text || j) & 2147483647) % 40 = 0
  FROM households h CROSS JOIN LATERAL generate_series(1, 1 + (hashtext(h.id::text) & 2147483647) % 6) j
 WHERE h.household_number LIKE '%B%'`;

const CASES = `
INSERT INTO cases (county_code, case_number, kind, source, status, household_id, region_code, description, intake_at, intake_date,
                   analysis_due_date, due_date, escalate_at, survey, county_decision, closed_at)
SELECT h.county_code, 'B-' || h.household_number, 'IDENTIFICATION', 'CADRE', 'IDENTIFIED', h.id, h.region_code, '基准案件',
       now(), current_date, current_date, current_date, now(),
       jsonb_build_object('visitDate', h.identified_month || '-01', 'at', h.identified_month || '-01T02:00:00.000Z',
         'income', jsonb_build_object('wage', ((hashtext(h.id::text) & 2147483647) % 3) * 6000, 'compliantOutOfPocket', ((hashtext(h.id::text) & 2147483647) % 2) * 4000)),
       jsonb_build_object('decision', 'CONFIRM', 'at', h.identified_month || '-10T02:00:00.000Z',
         'measures', jsonb_build_array(jsonb_build_object('type', (ARRAY['INDUSTRY','EMPLOYMENT','FINANCE','PUBLIC_WELFARE_JOB','HEALTH',
           'COMPULSORY_EDUCATION','OTHER_EDUCATION','SOCIAL_SAFETY_NET','HOUSING_SAFETY','DRINKING_WATER','SOCIAL_HELP','RELOCATION',
           'LIVING_CONDITIONS','INFRASTRUCTURE'])[1 + (hashtext(h.id::text || 'm') & 2147483647) % 14]))),
       now()
  FROM households h WHERE h.household_number LIKE '%B%' AND h.monitoring_type IS NOT NULL`;

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
const dbName = `jiuzhu_bench_${Date.now().toString(36)}`;
await admin.query(`CREATE DATABASE "${dbName}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();
const { rows: [{ server_version: pgVersion }] } = await admin.query('SHOW server_version');

let server;
try {
  log(`PostgreSQL ${pgVersion}, database ${dbName}; ${HOUSEHOLDS} synthetic households; node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})`);
  server = start(['dist/main.js'], {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'true',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    JOBS_SCHEDULER: 'off',
    REDIS_URL: '',
  }, /API\s+http:\/\/localhost:(\d+)\/api\/v1/);
  const port = Number((await server.ready)[1]);

  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  let t0 = performance.now();
  await db.query(SYNTHETIC, [HOUSEHOLDS]);
  await db.query(MEMBERS);
  await db.query(`UPDATE households h SET head_member_id = m.id FROM members m
                   WHERE m.county_code = h.county_code AND m.household_id = h.id AND m.relation = 'HEAD' AND h.household_number LIKE '%B%'`);
  await db.query(CASES);
  await db.query('ANALYZE');
  const { rows: [size] } = await db.query(
    `SELECT (SELECT count(*) FROM households WHERE county_code = $1)::int AS households,
            (SELECT count(*) FROM members WHERE county_code = $1)::int AS members,
            (SELECT count(*) FROM cases WHERE county_code = $1)::int AS cases`,
    [COUNTY],
  );
  log(`setup: ${size.households} households, ${size.members} members, ${size.cases} cases in the county (${((performance.now() - t0) / 1000).toFixed(1)} s, not timed)`);

  const login = await call(port, 'POST', '/api/v1/auth/login', { body: { username: 'county', password: 'Jiuzhu@2026' } });
  const token = login.body.accessToken;
  const memoryBefore = peakMemoryMb(server.child.pid);

  t0 = performance.now();
  const posted = await call(port, 'POST', '/api/v1/quality/runs', { token, body: {} });
  if (posted.status !== 202) throw new Error(`run: ${posted.status} ${JSON.stringify(posted.body)}`);
  let run = posted.body;
  while (run.status === 'QUEUED' || run.status === 'RUNNING') {
    await new Promise((r) => setTimeout(r, 100));
    run = (await call(port, 'GET', `/api/v1/quality/runs/${posted.body.id}`, { token })).body;
  }
  const runSeconds = (performance.now() - t0) / 1000;
  if (run.status !== 'DONE') throw new Error(`run ended ${run.status}: ${run.error}`);

  t0 = performance.now();
  const exported = await call(port, 'GET', `/api/v1/quality/findings/export?run=${run.id}`, { token });
  const exportSeconds = (performance.now() - t0) / 1000;
  if (exported.status !== 200) throw new Error(`export: ${exported.status}`);
  const memoryAfter = peakMemoryMb(server.child.pid);
  await db.end();

  console.log('');
  console.log(`county run:  ${runSeconds.toFixed(2)} s for ${size.households} households / ${size.members} members (${run.total} findings)`);
  for (const c of run.counts) console.log(`  ${c.check.padEnd(30)} ${String(c.count).padStart(8)}  ${c.title}`);
  console.log(`export:      ${exportSeconds.toFixed(2)} s, ${run.total} rows, ${(exported.bytes / 1024 / 1024).toFixed(1)} MB xlsx`);
  console.log(`server peak memory (VmHWM): ${memoryBefore.toFixed(0)} MB before the run, ${memoryAfter.toFixed(0)} MB after the run and the export`);
} finally {
  await stop(server?.child);
  if (!process.env.KEEP_BENCH_DATABASE) await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  else log(`kept database ${dbName}`);
  await admin.end();
}
