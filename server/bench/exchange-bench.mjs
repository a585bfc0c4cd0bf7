// Data-sharing center benchmark (docs/exchange.md "Measured"): a department file of MEDICAL_SELF_PAID records sent
// to the real built server (POST /api/v1/exchange/batches, then GET /exchange/batches/:id until DONE), as CSV and as
// .xlsx, against a registry of BENCH_HOUSEHOLDS households, beside the floor measured in the same run on the same
// data: a raw COPY of the same CSV into a bare table (keyed hash computed in node during the stream) plus one SQL
// join against the registry.
//
//   npm run bench:exchange -w server                                      (builds first; 1,000,000 / 200,000)
//   BENCH_HOUSEHOLDS=100000 BENCH_RECORDS=20000 node bench/exchange-bench.mjs   (from server/, after npm run build)
//
// It creates a fresh database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), starts
// `node dist/main.js` once with the demo county seeded (migrations, the Yunnan regions) and keeps it running; setup,
// not timed but printed: grids for BENCH_COUNTIES - 1 more counties of Kunming (3-8 per village, as the demo seed
// makes them), BENCH_HOUSEHOLDS households (10 % monitored, about a third 脱贫户) with 2-5 members each, valid and
// unique 18-digit ID numbers, written with COPY, the ID numbers and phones encrypted and hashed exactly as the
// server's CryptoService does (the same ENCRYPTION_KEY is given to the server; BENCH_WORKERS threads do the crypto);
// an API key of 医保 for the prefecture (5301); the department file of BENCH_RECORDS rows (~85 % people of the
// registry, ~15 % unknown, ~1 % bad rows) as CSV and as .xlsx. Timed: floor, server CSV, server xlsx, floor again
// (the faster floor is the one compared). The server's memory is sampled every 100 ms (VmRSS) and its peak (VmHWM,
// reset before each run where the kernel allows) read at the end. Every count the server reports is checked against
// what the generator knows. Drops the database and the temporary files (KEEP_BENCH_DATABASE=1 keeps the database).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { request } from 'node:http';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import {
  BenchCrypto,
  HOUSEHOLD_COLUMNS,
  householdSize,
  idNumberOf,
  isMonitored,
  MEMBER_COLUMNS,
  nameOf,
  seededRandom,
  withWrongCheckDigit,
  householdId,
  memberId,
} from './exchange-data.mjs';

const require = createRequire(import.meta.url);
const copyFrom = require('pg-copy-streams').from;
const ExcelJS = require('exceljs');

const root = fileURLToPath(new URL('..', import.meta.url));
const HOUSEHOLDS = Number(process.env.BENCH_HOUSEHOLDS ?? 1_000_000);
const RECORDS = Number(process.env.BENCH_RECORDS ?? 200_000);
const COUNTIES = Math.max(1, Number(process.env.BENCH_COUNTIES ?? 4));
const WORKERS = Math.max(1, Number(process.env.BENCH_WORKERS ?? availableParallelism()));
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DEMO_COUNTY = '530129';
const PREFECTURE = '5301';
const DATASET = 'MEDICAL_SELF_PAID';
const SLICE = 10_000; // households per worker task
const KNOWN_SHARE = 0.85;
const BAD_SHARE = 0.01;
const log = (...args) => console.log('[bench]', ...args);
const seconds = (t0) => (performance.now() - t0) / 1000;

// ---------------------------------------------------------------- HTTP

function call(port, method, path, { token, apiKey, body } = {}) {
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
          ...(apiKey ? { 'x-api-key': apiKey } : {}),
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed = text;
          try {
            parsed = text ? JSON.parse(text) : null;
          } catch {
            // not JSON
          }
          resolve({ status: res.statusCode, body: parsed });
        });
      },
    );
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const expectStatus = (what, res, status) => {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/** POST /exchange/batches as multipart: the fields, then the file streamed from disk (Content-Length known). */
function upload(port, apiKey, path, fields, contentType) {
  const boundary = `----jiuzhu-bench-${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    Object.entries(fields)
      .map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${path.split('/').pop()}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + statSync(path).size + tail.length;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/api/v1/exchange/batches',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length, 'x-api-key': apiKey },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode, body: JSON.parse(text) });
          } catch {
            resolve({ status: res.statusCode, body: text });
          }
        });
      },
    );
    req.on('error', reject);
    req.write(head);
    const file = createReadStream(path);
    file.on('error', reject);
    file.on('end', () => req.end(tail));
    file.pipe(req, { end: false });
  });
}

// ---------------------------------------------------------------- processes and memory

function start(args, env, readyPattern) {
  const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      if (output.length > 200_000) output = output.slice(-100_000);
      const match = readyPattern.exec(output);
      if (match) resolve(match);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output.slice(-3000)}`)));
  });
  return { child, ready, output: () => output };
}

async function stop(child) {
  if (!child || child.exitCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
  await once(child, 'exit').catch(() => undefined);
  clearTimeout(timer);
}

/** CPU seconds (user + system) a process has used so far */
function cpuOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** CPU seconds of the PostgreSQL backends serving the bench database (but `except`), by pid */
async function backendCpu(pool, except = []) {
  const { rows } = await pool.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> ALL($1::int[])`, [except]);
  return new Map(rows.map((r) => [r.pid, cpuOf(r.pid)]));
}

/** CPU the backends used between two readings (a backend that ended in between is lost: an estimate from below) */
function backendCpuSpent(before, after) {
  let total = 0;
  for (const [pid, cpu] of after) total += cpu - (before.get(pid) ?? 0);
  return total;
}

const memoryOf = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
};

/** Resets the kernel's peak RSS (VmHWM) of a process we own ("5" to clear_refs); false where that is not allowed. */
function resetPeak(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- setup: the registry

/** Runs every task on a pool of worker threads; `sink` gets each answer as it comes (a few in flight per worker). */
async function onWorkers(workers, tasks, sink) {
  let next = 0;
  let failed = null;
  await Promise.all(
    workers.map(async (worker) => {
      while (next < tasks.length && !failed) {
        const task = tasks[next++];
        const answer = await new Promise((resolve) => {
          const onMessage = (message) => {
            if (message.id !== task.id) return;
            worker.off('message', onMessage);
            resolve(message);
          };
          worker.on('message', onMessage);
          worker.postMessage(task);
        });
        if (answer.error) {
          failed = new Error(answer.error);
          break;
        }
        await sink(answer.text);
      }
    }),
  );
  if (failed) throw failed;
}

/** COPY into `table` from whatever `produce` writes (strings), backpressure respected; resolves when committed. */
async function copyInto(pool, table, columns, produce) {
  const client = await pool.connect();
  try {
    // the rows reference households and grids that exist by construction: skip the per-row foreign-key triggers
    // (session only; needs a superuser, else the checks simply run)
    await client.query(`SET session_replication_role = replica`).catch(() => undefined);
    const stream = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN`));
    const done = new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    done.catch(() => undefined);
    await produce(async (text) => {
      if (!stream.write(text)) await Promise.race([once(stream, 'drain'), done]);
    });
    stream.end();
    await done;
  } finally {
    await client.query(`RESET session_replication_role`).catch(() => undefined);
    client.release();
  }
}

async function createRegistry(pool, encryptionKey) {
  const db = await pool.connect();
  let counties;
  let grids;
  let firstSequence;
  try {
    const { rows } = await db.query(
      `SELECT c.code, c.name FROM regions c
        WHERE c.level = 'COUNTY' AND c.code LIKE $1 AND c.code <> $2
          AND EXISTS (SELECT 1 FROM regions v WHERE v.level = 'VILLAGE' AND v.code LIKE c.code || '%')
        ORDER BY c.code LIMIT $3`,
      [`${PREFECTURE}%`, DEMO_COUNTY, COUNTIES - 1],
    );
    counties = [DEMO_COUNTY, ...rows.map((r) => r.code)];
    // grids as the demo seed makes them: 3-8 per village, 第N村民小组, codes village + 001..
    await db.query(
      `INSERT INTO regions (code, name, level, parent_code)
       SELECT v.code || lpad(g::text, 3, '0'), '第' || (ARRAY['一','二','三','四','五','六','七','八'])[g] || '村民小组', 'GRID', v.code
         FROM regions v CROSS JOIN LATERAL generate_series(1, 3 + (hashtext(v.code) & 2147483647) % 6) g
        WHERE v.level = 'VILLAGE' AND left(v.code, 6) = ANY($1::varchar[])
          AND NOT EXISTS (SELECT 1 FROM regions x WHERE x.parent_code = v.code)`,
      [counties.slice(1)],
    );
    grids = (await db.query(`SELECT code FROM regions WHERE level = 'GRID' AND left(code, 6) = ANY($1::varchar[]) ORDER BY code`, [counties])).rows.map((r) => r.code);
    const used = new Map(
      (await db.query(
        `SELECT region_code, max(right(household_number, 4)::int) AS highest FROM households WHERE left(region_code, 6) = ANY($1::varchar[]) GROUP BY 1`,
        [counties],
      )).rows.map((r) => [r.region_code, r.highest]),
    );
    firstSequence = grids.map((code) => (used.get(code) ?? 0) + 1);
    const names = await db.query(`SELECT code, name FROM regions WHERE code = ANY($1::varchar[]) ORDER BY code`, [counties]);
    log(`registry over ${grids.length} grids of ${counties.length} counties: ${names.rows.map((r) => `${r.name} ${r.code}`).join(', ')}`);
  } finally {
    db.release();
  }

  // member offsets (pure functions of the household index) and who lives where, for the department file
  const offsets = new Uint32Array(HOUSEHOLDS + 1);
  for (let i = 0; i < HOUSEHOLDS; i++) offsets[i + 1] = offsets[i] + householdSize(i);
  const members = offsets[HOUSEHOLDS];
  const householdOf = new Uint32Array(members);
  for (let i = 0; i < HOUSEHOLDS; i++) householdOf.fill(i, offsets[i], offsets[i + 1]);

  const workers = Array.from({ length: WORKERS }, () => new Worker(new URL('./exchange-registry-worker.mjs', import.meta.url), { workerData: { encryptionKey, grids, firstSequence } }));
  try {
    const slices = [];
    for (let from = 0; from < HOUSEHOLDS; from += SLICE) slices.push({ from, to: Math.min(HOUSEHOLDS, from + SLICE), memberFrom: offsets[from] });
    let t0 = performance.now();
    await copyInto(pool, 'households', HOUSEHOLD_COLUMNS, (write) =>
      onWorkers(workers, slices.map((s, id) => ({ ...s, id, kind: 'households' })), write),
    );
    const householdSeconds = seconds(t0);
    t0 = performance.now();
    await copyInto(pool, 'members', MEMBER_COLUMNS, (write) =>
      onWorkers(workers, slices.map((s, id) => ({ ...s, id: slices.length + id, kind: 'members' })), write),
    );
    const memberSeconds = seconds(t0);
    log(
      `setup: ${HOUSEHOLDS.toLocaleString('en')} households in ${householdSeconds.toFixed(1)} s (${Math.round(HOUSEHOLDS / householdSeconds).toLocaleString('en')} rows/s), ` +
        `${members.toLocaleString('en')} members in ${memberSeconds.toFixed(1)} s (${Math.round(members / memberSeconds).toLocaleString('en')} rows/s); ` +
        `COPY with the crypto on ${WORKERS} worker threads (not timed)`,
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const t0 = performance.now();
  await pool.query('VACUUM ANALYZE households');
  await pool.query('VACUUM ANALYZE members');
  await pool.query('VACUUM ANALYZE regions');
  log(`setup: VACUUM ANALYZE of the registry in ${seconds(t0).toFixed(1)} s`);
  return { counties, grids, offsets, householdOf, members };
}

// ---------------------------------------------------------------- setup: the department file

const pad2 = (n) => String(n).padStart(2, '0');

/**
 * BENCH_RECORDS rows of MEDICAL_SELF_PAID: who, what stay, what cost, and what the server must make of them. A
 * record of a registry member is "known"; a bad row has a wrong check digit (half) or lacks 自付费用 / 就诊类型.
 */
function makeRecords(registry) {
  const random = seededRandom(20260601);
  const records = [];
  const expected = { received: 0, valid: 0, invalid: 0, matched: 0, unmatched: 0, warnings: 0, floorMatched: 0 };
  const firing = new Set();
  const now = new Date();
  for (let j = 0; j < RECORDS; j++) {
    const known = random() < KNOWN_SHARE;
    const k = known ? Math.floor(random() * registry.members) : -1;
    const household = known ? registry.householdOf[k] : -1;
    let idNumber = known ? idNumberOf(k) : idNumberOf(j, true);
    const name = known ? nameOf(k) : nameOf(j, 11);
    const inpatient = random() < 0.4;
    const u = random();
    const cents =
      u < 0.9 ? 5_000 + Math.floor(random() * 495_000) : u < 0.96 ? 600_000 + Math.floor(random() * 400_000) : 1_000_000 + Math.floor(random() * 3_000_000);
    const totalCents = cents + Math.floor(random() * cents * 3);
    const admission = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 2, 1 + Math.floor(random() * 28)));
    const discharge = inpatient ? new Date(admission.getTime() + (1 + Math.floor(random() * 20)) * 86_400_000) : null;
    const record = {
      idNumber,
      name,
      visitType: inpatient ? '住院' : '门诊',
      admission,
      discharge,
      totalCost: totalCents / 100,
      selfPaid: cents / 100,
    };
    const bad = random();
    expected.received++;
    if (bad < BAD_SHARE / 2) {
      record.idNumber = idNumber = withWrongCheckDigit(idNumber);
      expected.invalid++;
    } else if (bad < BAD_SHARE) {
      if (j % 2) record.selfPaid = null;
      else record.visitType = null;
      expected.invalid++;
      if (known) expected.floorMatched++;
    } else {
      expected.valid++;
      if (known) {
        expected.matched++;
        expected.floorMatched++;
        if (inpatient && cents > (isMonitored(household) ? 600_000 : 1_000_000)) firing.add(household);
      } else expected.unmatched++;
    }
    records.push(record);
  }
  expected.warnings = firing.size;
  return { records, expected };
}

const isoDate = (d) => `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;

async function writeCsv(path, headers, records) {
  const out = createWriteStream(path);
  const write = async (text) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${headers.join(',')}\n`);
  let lines = [];
  for (const r of records) {
    lines.push(
      `${r.idNumber},${r.name},${r.visitType ?? ''},${isoDate(r.admission)},${r.discharge ? isoDate(r.discharge) : ''},` +
        `${r.totalCost.toFixed(2)},${r.selfPaid === null ? '' : r.selfPaid.toFixed(2)}\n`,
    );
    if (lines.length === 5000) {
      await write(lines.join(''));
      lines = [];
    }
  }
  await write(lines.join(''));
  out.end();
  await once(out, 'finish');
}

/** The same records as an Excel export would hold them: shared strings, ID numbers as text, dates as date cells. */
async function writeXlsx(path, headers, records) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('医疗费用个人自付');
  sheet.columns = headers.map((header, i) => ({ header, width: 14, style: i === 3 || i === 4 ? { numFmt: 'yyyy-mm-dd' } : i === 0 ? { numFmt: '@' } : {} }));
  for (const r of records) {
    sheet.addRow([r.idNumber, r.name, r.visitType, r.admission, r.discharge, r.totalCost, r.selfPaid]).commit();
  }
  sheet.commit();
  await workbook.commit();
}

// ---------------------------------------------------------------- timed: the server

async function runServer(ctx, label, path, contentType, month, batchId) {
  const pid = ctx.server.child.pid;
  const peakReset = resetPeak(pid);
  const before = memoryOf(pid);
  const samples = [];
  const cpuBefore = cpuOf(pid);
  const pgBefore = await backendCpu(ctx.pool);
  let status = 'UPLOAD';
  const sampler = setInterval(() => samples.push({ status, rss: memoryOf(pid).rss }), 100);
  const t0 = performance.now();
  let batch;
  let uploadSeconds;
  try {
    const posted = await upload(ctx.port, ctx.apiKey, path, { dataset: DATASET, month, batchId }, contentType);
    uploadSeconds = seconds(t0);
    batch = expectStatus(`${label} upload`, posted, 202);
    status = batch.status;
    while (batch.status !== 'DONE' && batch.status !== 'FAILED') {
      await new Promise((r) => setTimeout(r, 100));
      batch = expectStatus(`${label} batch`, await call(ctx.port, 'GET', `/api/v1/exchange/batches/${batch.id}`, { apiKey: ctx.apiKey }), 200);
      status = batch.status;
    }
  } finally {
    clearInterval(sampler);
  }
  const total = seconds(t0);
  const cpu = { node: cpuOf(pid) - cpuBefore, postgres: backendCpuSpent(pgBefore, await backendCpu(ctx.pool)) };
  if (batch.status !== 'DONE') throw new Error(`${label}: batch ${batch.id} ${batch.status}: ${batch.error}`);
  const after = memoryOf(pid);
  const { rows: [times] } = await ctx.pool.query(
    `SELECT extract(epoch FROM started_at - created_at) AS queued, extract(epoch FROM staged_at - started_at) AS parsing,
            extract(epoch FROM finished_at - staged_at) AS matching
       FROM exchange_batches WHERE id = $1`,
    [batch.id],
  );
  const peakOf = (wanted) => Math.max(0, ...samples.filter((s) => wanted.includes(s.status)).map((s) => s.rss));
  const parsing = samples.filter((s) => s.status === 'PARSING');
  const half = Math.floor(parsing.length / 2);
  return {
    label,
    batch,
    rows: batch.counts.received,
    bytes: statSync(path).size,
    seconds: total,
    cpu,
    uploadSeconds,
    phases: { queued: Number(times.queued), parsing: Number(times.parsing), matching: Number(times.matching) },
    memory: {
      before: before.rss,
      peakSampled: Math.max(before.rss, ...samples.map((s) => s.rss)),
      parsingFirstHalf: Math.max(0, ...parsing.slice(0, half).map((s) => s.rss)),
      parsingSecondHalf: Math.max(0, ...parsing.slice(half).map((s) => s.rss)),
      matching: peakOf(['MATCHING', 'DONE']),
      hwm: after.hwm,
      hwmIsRunPeak: peakReset,
    },
  };
}

// ---------------------------------------------------------------- timed: the floor

async function runFloor(ctx, csvPath, crypto) {
  const db = await ctx.pool.connect();
  try {
    await db.query('DROP TABLE IF EXISTS bench_floor');
    await db.query(
      `CREATE TABLE bench_floor (id_hash varchar(64), id_number text, name text, visit_type text, admission_date text, discharge_date text,
                                 total_cost text, self_paid text)`,
    );
    const { rows: [{ pid }] } = await db.query('SELECT pg_backend_pid() AS pid');
    const pgBefore = cpuOf(pid);
    const nodeBefore = process.cpuUsage();
    const t0 = performance.now();
    let rows = 0;
    const stream = db.query(copyFrom('COPY bench_floor FROM STDIN'));
    const done = new Promise((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', reject);
    });
    done.catch(() => undefined);
    let rest = '';
    let header = true;
    const copyField = (v) => (v === '' ? '\\N' : /[\\\t\r]/.test(v) ? v.replace(/[\\\t\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : '\\r')) : v);
    for await (const chunk of createReadStream(csvPath, { encoding: 'utf8', highWaterMark: 256 * 1024 })) {
      const lines = (rest + chunk).split('\n');
      rest = lines.pop();
      const out = [];
      for (const line of lines) {
        if (header) {
          header = false;
          continue;
        }
        if (!line) continue;
        const cells = line.split(',');
        const id = cells[0].trim().toUpperCase();
        out.push(`${id ? crypto.lookupHash(id) : '\\N'}\t${cells.map(copyField).join('\t')}\n`);
        rows++;
      }
      if (!stream.write(out.join(''))) await Promise.race([once(stream, 'drain'), done]);
    }
    stream.end();
    await done;
    const copySeconds = seconds(t0);
    const t1 = performance.now();
    // the seeded 医保 rules: 住院 and self-paid over 6,000 for monitored households, over 10,000 for the others
    const { rows: [counts] } = await db.query(
      `SELECT count(*)::int AS matched,
              count(DISTINCT h.id) FILTER (WHERE f.visit_type = '住院'
                 AND f.self_paid::numeric > CASE WHEN h.monitoring_type IS NOT NULL THEN 6000 ELSE 10000 END)::int AS warnings
         FROM bench_floor f
         JOIN members m ON m.id_number_hash = f.id_hash
         JOIN households h ON h.county_code = m.county_code AND h.id = m.household_id`,
    );
    const joinSeconds = seconds(t1);
    const total = seconds(t0);
    const nodeCpu = process.cpuUsage(nodeBefore);
    const cpu = { node: (nodeCpu.user + nodeCpu.system) / 1e6, postgres: cpuOf(pid) - pgBefore };
    return { rows, copySeconds, joinSeconds, seconds: total, cpu, matched: counts.matched, warnings: counts.warnings };
  } finally {
    await db.query('DROP TABLE IF EXISTS bench_floor').catch(() => undefined);
    db.release();
  }
}

// ---------------------------------------------------------------- main

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
const dbName = `jiuzhu_bench_${Date.now().toString(36)}`;
await admin.query(`CREATE DATABASE "${dbName}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();
const { rows: [{ server_version: pgVersion }] } = await admin.query('SHOW server_version');
const work = await mkdtemp(join(tmpdir(), 'jiuzhu-exchange-bench-'));

let server;
let pool;
try {
  const load = loadavg().map((n) => n.toFixed(1)).join(' ');
  log(
    `PostgreSQL ${pgVersion}, database ${dbName}; ${HOUSEHOLDS.toLocaleString('en')} households, ${RECORDS.toLocaleString('en')} records; ` +
      `node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB, load ${load}`,
  );
  const encryptionKey = randomBytes(32).toString('base64');
  let t0 = performance.now();
  // BENCH_SERVER_NODE_ARGS, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof', profiles the server
  const serverArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  server = start([...serverArgs, 'dist/main.js'], {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    ENCRYPTION_KEY: encryptionKey,
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'true',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    JOBS_SCHEDULER: 'off',
    FILES_DIR: join(work, 'files'),
    REDIS_URL: process.env.BENCH_REDIS_URL ?? '',
  }, /API\s+http:\/\/localhost:(\d+)\/api\/v1/);
  const port = Number((await server.ready)[1]);
  log(`server ready on port ${port} in ${seconds(t0).toFixed(1)} s (migrations, regions, demo county; jobs ${process.env.BENCH_REDIS_URL ? 'on BullMQ' : 'in-process'})`);
  pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });

  // ---------------- setup (not timed)
  t0 = performance.now();
  const registry = await createRegistry(pool, encryptionKey);
  const setupSeconds = seconds(t0);

  // the server reads what the bench wrote: find a head by ID number (keyed hash), decrypt it (AES-GCM)
  const adminToken = expectStatus('login', await call(port, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: 'Jiuzhu@2026' } }), 200).accessToken;
  for (const i of [0, Math.floor(HOUSEHOLDS / 2), HOUSEHOLDS - 1]) {
    const idNumber = idNumberOf(registry.offsets[i]);
    const found = expectStatus('household by ID number', await call(port, 'GET', `/api/v1/households?q=${idNumber}`, { token: adminToken }), 200);
    if (found.total !== 1 || found.items[0].id !== householdId(i)) throw new Error(`the server does not find household ${i} by its head's ID number: ${JSON.stringify(found)}`);
    const shown = expectStatus('ID number', await call(port, 'GET', `/api/v1/households/${householdId(i)}/members/${memberId(registry.offsets[i])}/id-number`, { token: adminToken }), 200);
    if (shown.idNumber !== idNumber) throw new Error(`the server decrypts ${shown.idNumber} for ${idNumber}`);
  }
  log('setup: the server finds registry people by the keyed hash and decrypts their ID numbers (crypto as the server\'s)');

  const created = expectStatus('API key', await call(port, 'POST', '/api/v1/exchange/api-keys', {
    token: adminToken,
    body: { name: '基准测试医保系统', department: 'MEDICAL_INSURANCE', datasets: [DATASET], regionCode: PREFECTURE },
  }), 201);
  const apiKey = created.key;
  const datasets = expectStatus('datasets', await call(port, 'GET', '/api/v1/exchange/datasets', { apiKey }), 200);
  const dataset = datasets.items.find((d) => d.code === DATASET);
  const headers = dataset.columns.map((c) => c.header);
  if (headers.join() !== '身份证号,姓名,就诊类型,入院日期,出院日期,医疗总费用,自付费用') throw new Error(`unexpected columns of ${DATASET}: ${headers.join()}`);

  t0 = performance.now();
  const { records, expected } = makeRecords(registry);
  const csvPath = join(work, 'medical-self-paid.csv');
  const xlsxPath = join(work, 'medical-self-paid.xlsx');
  await writeCsv(csvPath, headers, records);
  await writeXlsx(xlsxPath, headers, records);
  log(
    `setup: department file of ${RECORDS.toLocaleString('en')} records (${expected.matched.toLocaleString('en')} known and valid, ${expected.unmatched.toLocaleString('en')} unknown, ` +
      `${expected.invalid.toLocaleString('en')} bad; ${expected.warnings.toLocaleString('en')} households over the thresholds): ` +
      `CSV ${(statSync(csvPath).size / 2 ** 20).toFixed(1)} MB, xlsx ${(statSync(xlsxPath).size / 2 ** 20).toFixed(1)} MB in ${seconds(t0).toFixed(1)} s`,
  );
  records.length = 0;

  // ---------------- timed
  const ctx = { server, port, apiKey, pool };
  const crypto = new BenchCrypto(encryptionKey);
  const floor1 = await runFloor(ctx, csvPath, crypto);
  log(`floor 1: ${floor1.seconds.toFixed(2)} s (COPY ${floor1.copySeconds.toFixed(2)} s, join ${floor1.joinSeconds.toFixed(2)} s)`);
  const month = (back) => {
    const d = new Date();
    const m = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
    return `${m.getUTCFullYear()}-${pad2(m.getUTCMonth() + 1)}`;
  };
  const csv = await runServer(ctx, 'server CSV', csvPath, 'text/csv', month(1), `bench-csv-${dbName}`);
  log(`server CSV: ${csv.seconds.toFixed(2)} s`);
  const xlsx = await runServer(ctx, 'server xlsx', xlsxPath, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', month(2), `bench-xlsx-${dbName}`);
  log(`server xlsx: ${xlsx.seconds.toFixed(2)} s`);
  const floor2 = await runFloor(ctx, csvPath, crypto);
  log(`floor 2: ${floor2.seconds.toFixed(2)} s (COPY ${floor2.copySeconds.toFixed(2)} s, join ${floor2.joinSeconds.toFixed(2)} s)`);
  const floor = floor1.seconds <= floor2.seconds ? floor1 : floor2;

  // ---------------- report
  const endLoad = loadavg().map((n) => n.toFixed(1)).join(' ');
  const fmt = (n, width = 10, digits = 2) => (n ? n.toFixed(digits) : '-').padStart(width);
  const int = (n, width = 10) => Math.round(n).toLocaleString('en').padStart(width);
  console.log('');
  console.log(`registry: ${HOUSEHOLDS.toLocaleString('en')} households, ${registry.members.toLocaleString('en')} members in ${registry.grids.length} grids of ${registry.counties.length} counties (setup ${setupSeconds.toFixed(0)} s, not timed)`);
  console.log(`file:     ${RECORDS.toLocaleString('en')} rows of ${DATASET}; CSV ${(csv.bytes / 2 ** 20).toFixed(1)} MB, xlsx ${(xlsx.bytes / 2 ** 20).toFixed(1)} MB`);
  console.log(`machine:  ${availableParallelism()} cores, load average ${load} at the start, ${endLoad} at the end (other work running)`);
  console.log('');
  console.log('                          rows    seconds      rows/s   upload  parse+stage  match+warn   CPU s: node  postgres');
  for (const r of [csv, xlsx]) {
    console.log(
      `${r.label.padEnd(16)}${int(r.rows)}${fmt(r.seconds, 11)}${int(r.rows / r.seconds, 12)}${fmt(r.uploadSeconds, 9)}${fmt(r.phases.parsing, 13)}${fmt(r.phases.matching, 12)}` +
        `${fmt(r.cpu.node, 14)}${fmt(r.cpu.postgres, 10)}`,
    );
  }
  for (const [name, f] of [['floor (1st)', floor1], ['floor (2nd)', floor2]]) {
    console.log(
      `${name.padEnd(16)}${int(f.rows)}${fmt(f.seconds, 11)}${int(f.rows / f.seconds, 12)}${' '.repeat(9)}${fmt(f.copySeconds, 13)}${fmt(f.joinSeconds, 12)}` +
        `${fmt(f.cpu.node, 14)}${fmt(f.cpu.postgres, 10)}`,
    );
  }
  console.log('(server: upload = the POST until 202; parse+stage and match+warn from the batch row\'s timestamps; CPU s of the server');
  console.log(' process and of the database backends. floor: COPY with the hashing in node, then the one join; CPU s of the bench');
  console.log(' process and of its backend)');
  console.log('');
  console.log(`server CSV / floor  = ${(csv.seconds / floor.seconds).toFixed(2)}x  (aim: within 2x; floor = the faster of the two)`);
  console.log(`server xlsx / floor = ${(xlsx.seconds / floor.seconds).toFixed(2)}x; xlsx / CSV = ${(xlsx.seconds / csv.seconds).toFixed(2)}x`);
  console.log(
    `by phase (CSV): parse+stage / floor COPY = ${(csv.phases.parsing / floor.copySeconds).toFixed(1)}x, ` +
      `match+warn / floor join = ${(csv.phases.matching / floor.joinSeconds).toFixed(1)}x`,
  );
  const cpuTotal = (r) => r.cpu.node + r.cpu.postgres;
  console.log(
    `CPU seconds (node + postgres): server CSV ${cpuTotal(csv).toFixed(2)}, server xlsx ${cpuTotal(xlsx).toFixed(2)}, floor ${cpuTotal(floor).toFixed(2)} ` +
      `(server CSV / floor = ${(cpuTotal(csv) / cpuTotal(floor)).toFixed(2)}x: less sensitive to the other work on the machine than the wall time)`,
  );
  console.log('');
  const problems = [];
  console.log('counts          received    valid  invalid  matched  unmatched  warnings');
  const row = (name, c) => `${name.padEnd(14)}${int(c.received)}${int(c.valid, 9)}${int(c.invalid, 9)}${int(c.matched, 9)}${int(c.unmatched, 11)}${int(c.warnings, 10)}`;
  console.log(row('expected', expected));
  for (const r of [csv, xlsx]) {
    console.log(row(r.label.replace('server ', 'server '), r.batch.counts));
    for (const key of ['received', 'valid', 'invalid', 'matched', 'unmatched', 'warnings']) {
      if (r.batch.counts[key] !== expected[key]) problems.push(`${r.label}: ${key} ${r.batch.counts[key]}, expected ${expected[key]}`);
    }
  }
  console.log(`floor: ${floor.matched.toLocaleString('en')} rows matched (the floor does not validate: bad rows of known people count), ${floor.warnings.toLocaleString('en')} households over the thresholds`);
  if (floor1.matched !== expected.floorMatched || floor2.matched !== expected.floorMatched) problems.push(`floor matched ${floor1.matched}/${floor2.matched}, expected ${expected.floorMatched}`);
  if (floor1.warnings !== expected.warnings || floor2.warnings !== expected.warnings) problems.push(`floor warnings ${floor1.warnings}/${floor2.warnings}, expected ${expected.warnings}`);
  const { rows: [stored] } = await pool.query(
    `SELECT (SELECT count(*) FROM warnings WHERE batch_id = $1)::int AS csv, (SELECT count(*) FROM warnings WHERE batch_id = $2)::int AS xlsx`,
    [csv.batch.id, xlsx.batch.id],
  );
  if (stored.csv !== expected.warnings || stored.xlsx !== expected.warnings) problems.push(`warnings stored: ${stored.csv} (CSV), ${stored.xlsx} (xlsx), expected ${expected.warnings}`);
  console.log('');
  console.log('server memory (MB)   before   peak (100 ms VmRSS)   parsing 1st half   2nd half   matching   VmHWM');
  for (const r of [csv, xlsx]) {
    const m = r.memory;
    console.log(
      `${r.label.padEnd(18)}${fmt(m.before, 8, 0)}${fmt(m.peakSampled, 22, 0)}${fmt(m.parsingFirstHalf, 19, 0)}${fmt(m.parsingSecondHalf, 11, 0)}${fmt(m.matching, 11, 0)}${fmt(m.hwm, 8, 0)}` +
        (m.hwmIsRunPeak ? '' : '  (VmHWM since start: clear_refs not allowed)'),
    );
  }
  console.log('');
  if (problems.length) {
    console.log(`COUNTS DO NOT MATCH:\n  ${problems.join('\n  ')}`);
    process.exitCode = 1;
  } else {
    console.log('every count matches what the generator knows (and the warnings stored are the ones counted)');
  }
} finally {
  await pool?.end().catch(() => undefined);
  await stop(server?.child);
  await rm(work, { recursive: true, force: true });
  if (!process.env.KEEP_BENCH_DATABASE) await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  else log(`kept database ${dbName}`);
  await admin.end();
}
