// The floor of the cases benchmark: the same writes as a claim (a case row, its first timeline event and the audit
// row, in one transaction) and as a transition (the conditional UPDATE, an event, an audit row), by a bare
// node:http + pg handler with no framework, no auth and no validation. Started by cases-bench.mjs.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });

function readJson(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}'));
      } catch (error) {
        reject(error);
      }
    });
    req.on('error', reject);
  });
}

async function inTransaction(work) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (date, n) => new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

async function claim(req, body) {
  const householdId = req.headers['x-household-id'];
  const regionCode = req.headers['x-region-code'];
  const accountId = req.headers['x-account-id'];
  const county = regionCode.slice(0, 6);
  const now = new Date();
  const intake = today();
  return inTransaction(async (client) => {
    const { rows: [{ seq }] } = await client.query(`SELECT nextval('case_number_seq') AS seq`);
    const id = randomUUID();
    const caseNumber = `F${county}-${intake.replace(/-/g, '')}-${String(seq).padStart(6, '0')}`;
    await client.query(
      `INSERT INTO cases (id, county_code, case_number, kind, source, status, version, household_id, region_code, subject_name,
         difficulty_kind, description, suggested_risk_types, contact_phone_encrypted, contact_phone_hash, consent_accepted_at,
         consent_version, claimant_account_id, created_by_account_id, intake_at, intake_date, analysis_due_date, due_date, escalate_at)
       VALUES ($1, $2, $3, 'IDENTIFICATION', $4, 'DECLARED', 1, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $13, $16, $17, $18, $19)`,
      [id, county, caseNumber, body.source, householdId, regionCode, '基准', body.difficultyKind, body.description,
        JSON.stringify(['ILLNESS', 'DISABILITY']), `v1:${body.contactPhone}`, body.contactPhone, now, body.consentVersion ?? '2025-01',
        accountId, intake, plusDays(intake, 2), plusDays(intake, 15), new Date(now.getTime() + 10 * 86_400_000)],
    );
    await client.query(
      `INSERT INTO case_events (county_code, case_id, actor_account_id, actor_role, action, from_status, to_status, payload, at)
       VALUES ($1, $2, $3, 'CITIZEN', 'create', NULL, 'DECLARED', $4, $5)`,
      [county, id, accountId, JSON.stringify({ source: body.source, difficultyKind: body.difficultyKind, householdId }), now],
    );
    await client.query(
      `INSERT INTO audit_logs (actor_account_id, actor_role, action, entity_type, entity_id, region_code, county_code, after)
       VALUES ($1, 'CITIZEN', 'case.create', 'case', $2, $3, $4, $5)`,
      [accountId, id, regionCode, county, JSON.stringify({ caseNumber, status: 'DECLARED' })],
    );
    return { status: 201, body: { id, caseNumber, status: 'DECLARED', version: 1 } };
  });
}

async function transition(req, body, caseId) {
  const accountId = req.headers['x-account-id'];
  return inTransaction(async (client) => {
    const { rows: [c] } = await client.query(`SELECT county_code, region_code, status, version FROM cases WHERE id = $1`, [caseId]);
    if (!c) return { status: 404, body: { code: 'NOT_FOUND' } };
    const updated = await client.query(
      `UPDATE cases SET status = 'SURVEYING', version = version + 1, analysis = $4, updated_at = now()
        WHERE county_code = $1 AND id = $2 AND version = $3`,
      [c.county_code, caseId, body.version, JSON.stringify({ decision: 'PROCEED', reason: body.reason })],
    );
    if (!updated.rowCount) return { status: 409, body: { code: 'CASE_VERSION_CONFLICT' } };
    await client.query(
      `INSERT INTO case_events (county_code, case_id, actor_account_id, actor_role, action, from_status, to_status, payload, at)
       VALUES ($1, $2, $3, 'VILLAGE_CADRE', 'analyze.proceed', 'DECLARED', 'SURVEYING', $4, now())`,
      [c.county_code, caseId, accountId, JSON.stringify({ reason: body.reason })],
    );
    await client.query(
      `INSERT INTO audit_logs (actor_account_id, actor_role, action, entity_type, entity_id, region_code, county_code, after)
       VALUES ($1, 'VILLAGE_CADRE', 'case.analyze.proceed', 'case', $2, $3, $4, $5)`,
      [accountId, caseId, c.region_code, c.county_code, JSON.stringify({ status: 'SURVEYING' })],
    );
    return { status: 200, body: { id: caseId, status: 'SURVEYING', version: body.version + 1 } };
  });
}

const server = createServer(async (req, res) => {
  try {
    const body = await readJson(req);
    const match = /^\/api\/v1\/cases\/([0-9a-f-]{36})\/actions$/.exec(req.url ?? '');
    const result = req.url === '/api/v1/claims' ? await claim(req, body) : match ? await transition(req, body, match[1]) : { status: 404, body: {} };
    const payload = JSON.stringify(result.body);
    res.writeHead(result.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
    res.end(payload);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ code: 'INTERNAL', message: String(error?.message ?? error) }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`floor ready ${server.address().port}\n`));
process.on('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
