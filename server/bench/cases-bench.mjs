// Cases benchmark (docs/cases.md "Measured"): claims and transitions through the real built server on PostgreSQL,
// beside a floor measured in the same run (the same writes by a bare node:http + pg handler, bench/floor-server.mjs).
//
//   npm run bench:cases -w server                  (builds first)
//   BENCH_CLAIMS=2000 BENCH_CONNECTIONS=50 node bench/cases-bench.mjs
//
// It creates a fresh database on BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres), starts
// `node dist/main.js` on a free port with the demo county seeded, registers BENCH_CLAIMS households with a bound
// citizen each (setup, not timed), then times: the floor's claims and transitions, the server's claims
// (POST /api/v1/claims with an Idempotency-Key, 201) and transitions (analyze.proceed, 200), BENCH_CONNECTIONS at
// a time. Prints throughput, p50 and p99 and the server/floor ratio, and drops the database (KEEP_BENCH_DATABASE=1
// keeps it).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { availableParallelism, cpus } from 'node:os';
import pg from 'pg';
import { computeResidentIdCheckDigit } from '@jiuzhu/shared';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLAIMS = Number(process.env.BENCH_CLAIMS ?? 1000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const SETUP_CONNECTIONS = 10;
const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const DEMO_PASSWORD = 'Jiuzhu@2026';

const log = (...args) => console.log('[bench]', ...args);

// ---------------------------------------------------------------- HTTP with a keep-alive pool

function client(port, sockets) {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  return (method, path, { token, body, headers } = {}) =>
    new Promise((resolve, reject) => {
      const payload = body === undefined ? undefined : JSON.stringify(body);
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers: {
            ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(headers ?? {}),
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

/** Runs `count` jobs with `concurrency` in flight; returns each one's latency (ms) and the wall time. */
async function load(count, concurrency, job) {
  const latencies = new Array(count);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await job(i);
      latencies[i] = performance.now() - t0;
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { latencies, seconds: (performance.now() - started) / 1000 };
}

function summary(name, { latencies, seconds }) {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
  return { name, requests: latencies.length, perSecond: latencies.length / seconds, p50: at(50), p99: at(99) };
}

const expectStatus = (what, res, status) => {
  if (res.status !== status) throw new Error(`${what}: expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

// ---------------------------------------------------------------- processes

function start(command, args, env, readyPattern) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      output += chunk.toString();
      const match = readyPattern.exec(output);
      if (match) resolve(match);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}:\n${output.slice(-3000)}`)));
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

// ---------------------------------------------------------------- main

const admin = new pg.Client({ connectionString: ADMIN_URL });
await admin.connect();
const dbName = `jiuzhu_bench_${Date.now().toString(36)}`;
await admin.query(`CREATE DATABASE "${dbName}"`);
const url = new URL(ADMIN_URL);
url.pathname = `/${dbName}`;
const databaseUrl = url.toString();
const { rows: [{ server_version: pgVersion }] } = await admin.query('SHOW server_version');

let server;
let floor;
try {
  log(`PostgreSQL ${pgVersion}, database ${dbName}; ${CLAIMS} claims, ${CONNECTIONS} connections; node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? '?'})`);
  const poolSize = process.env.DATABASE_POOL_SIZE ?? '10';
  // BENCH_SERVER_NODE_ARGS, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof', profiles the server
  const serverArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  server = start(process.execPath, [...serverArgs, 'dist/main.js'], {
    // development: the citizens log in through the dev WeChat provider (production has only the real one)
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: poolSize,
    PORT: '0',
    HOST: '127.0.0.1',
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    JWT_SECRET: randomBytes(32).toString('hex'),
    SEED_DEMO: 'true',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    RATE_LIMIT_PER_MINUTE: '100000000',
    BINDING_MAX_ATTEMPTS_PER_IP: '100000000',
    REDIS_URL: '',
  }, /API\s+http:\/\/localhost:(\d+)\/api\/v1/);
  const [, serverPort] = await server.ready;
  log(`server ready on port ${serverPort} (demo county seeded)`);
  const setup = client(Number(serverPort), SETUP_CONNECTIONS);

  // accounts: the demo village cadre registers one household per claim in the demo grid; a citizen binds to each head
  const village = expectStatus('login', await setup('POST', '/api/v1/auth/login', { body: { username: 'village', password: DEMO_PASSWORD } }), 200);
  const villageToken = village.accessToken;
  const villageCode = village.account.regionCode;
  const grids = expectStatus('grids', await setup('GET', `/api/v1/regions?parent=${villageCode}&pageSize=100`, { token: villageToken }), 200);
  const grid = grids.items[0].code;
  const t0 = performance.now();
  const people = Array.from({ length: CLAIMS }, (_, i) => {
    const first17 = `532932198001${String(1 + (i % 28)).padStart(2, '0')}${String(100 + Math.floor(i / 28)).padStart(3, '0')}`;
    return { name: `基准户${i}`, idNumber: first17 + computeResidentIdCheckDigit(first17), phone: `139${String(10000000 + i).slice(-8)}` };
  });
  const households = new Array(CLAIMS);
  await load(CLAIMS, SETUP_CONNECTIONS, async (i) => {
    const created = expectStatus('household', await setup('POST', '/api/v1/households', {
      token: villageToken,
      body: {
        regionCode: grid,
        address: `基准村${i}号`,
        householdType: 'ORDINARY',
        members: [{ name: people[i].name, idNumber: people[i].idNumber, relation: 'HEAD', labourCapacity: 'ORDINARY' }],
      },
    }), 201);
    const citizen = expectStatus('wechat', await setup('POST', '/api/v1/auth/wechat', { body: { code: `dev:bench-${i}` } }), 200);
    expectStatus('binding', await setup('POST', '/api/v1/me/binding', {
      token: citizen.accessToken,
      body: { name: people[i].name, idNumber: people[i].idNumber },
    }), 200);
    households[i] = { id: created.id, regionCode: created.regionCode, token: citizen.accessToken, accountId: citizen.account.id };
  });
  log(`setup: ${CLAIMS} households and bound citizens in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

  const claimBody = (i) => ({
    source: 'SELF',
    difficultyKind: 'MEDICAL',
    description: '家中主要劳动力务工受伤，住院花费较大，收入骤减',
    contactPhone: people[i].phone,
    consent: true,
  });
  const analyzeBody = { action: 'analyze.proceed', version: 1, reason: '医保数据显示自付费用较高，需入户核实' };

  // ---------------- the floor: same writes, bare node:http + pg
  floor = start(process.execPath, ['bench/floor-server.mjs'], { DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: poolSize }, /floor ready (\d+)/);
  const [, floorPort] = await floor.ready;
  const floorHttp = client(Number(floorPort), CONNECTIONS);
  const floorIds = new Array(CLAIMS);
  const floorClaims = summary('floor claims', await load(CLAIMS, CONNECTIONS, async (i) => {
    const h = households[i];
    const res = await floorHttp('POST', '/api/v1/claims', {
      body: claimBody(i),
      headers: { 'x-household-id': h.id, 'x-region-code': h.regionCode, 'x-account-id': h.accountId, 'idempotency-key': `bench-claim-${i}` },
    });
    floorIds[i] = expectStatus('floor claim', res, 201).id;
  }));
  const floorTransitions = summary('floor transitions', await load(CLAIMS, CONNECTIONS, async (i) => {
    const res = await floorHttp('POST', `/api/v1/cases/${floorIds[i]}/actions`, { body: analyzeBody, headers: { 'x-account-id': village.account.id } });
    expectStatus('floor transition', res, 200);
  }));
  await stop(floor.child);
  // the floor's cases go (their events with them); its audit rows stay (the audit table is append-only)
  const cleanup = new pg.Client({ connectionString: databaseUrl });
  await cleanup.connect();
  await cleanup.query(`DELETE FROM cases WHERE case_number LIKE 'F%'`);
  await cleanup.query('VACUUM ANALYZE cases');
  await cleanup.query('VACUUM ANALYZE case_events');
  await cleanup.end();

  // ---------------- the server: POST /claims, then analyze.proceed on each
  const http = client(Number(serverPort), CONNECTIONS);
  const caseIds = new Array(CLAIMS);
  const serverClaims = summary('server claims', await load(CLAIMS, CONNECTIONS, async (i) => {
    const res = await http('POST', '/api/v1/claims', {
      token: households[i].token,
      body: claimBody(i),
      headers: { 'idempotency-key': `bench-claim-${i}` },
    });
    caseIds[i] = expectStatus('claim', res, 201).id;
  }));
  const serverTransitions = summary('server transitions', await load(CLAIMS, CONNECTIONS, async (i) => {
    expectStatus('analyze.proceed', await http('POST', `/api/v1/cases/${caseIds[i]}/actions`, { token: villageToken, body: analyzeBody }), 200);
  }));

  const rows = [serverClaims, floorClaims, serverTransitions, floorTransitions];
  const fmt = (n, d = 1) => n.toFixed(d).padStart(9);
  console.log('');
  console.log('                        requests     req/s   p50 ms   p99 ms');
  for (const r of rows) console.log(`${r.name.padEnd(22)}${String(r.requests).padStart(10)}${fmt(r.perSecond)}${fmt(r.p50)}${fmt(r.p99)}`);
  console.log('');
  console.log(`claims:      server / floor = ${(serverClaims.perSecond / floorClaims.perSecond).toFixed(2)} of the floor's throughput`);
  console.log(`transitions: server / floor = ${(serverTransitions.perSecond / floorTransitions.perSecond).toFixed(2)} of the floor's throughput`);
} finally {
  await stop(floor?.child);
  await stop(server?.child);
  if (!process.env.KEEP_BENCH_DATABASE) await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  else log(`kept database ${dbName}`);
  await admin.end();
}
