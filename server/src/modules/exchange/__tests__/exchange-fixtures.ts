// Fixtures of the data-sharing center tests: two villages with households of each kind, the senders, file builders.
import { createRequire } from 'node:module';
import { Department, HouseholdType, LabourCapacity, MonitoringType, Relation, Role } from '@jiuzhu/shared';
import { createAccount, CreatedAccount } from '../../../../test/factories/accounts.js';
import { createGrids, createHousehold, residentId } from '../../../../test/factories/households.js';
import { multipart } from '../../../../test/helpers/multipart.js';
import type { TestApp, TestResponse } from '../../../../test/helpers/test-app.js';
import { JobsService } from '../../jobs/jobs.service.js';

const require = createRequire(import.meta.url);
const ExcelJS = require('exceljs') as typeof import('exceljs');

export const COUNTY = '530129';
export const VILLAGE_A = '530129103201';
export const VILLAGE_B = '530129104201';
export const MONTH = '2025-06';

export interface Person {
  name: string;
  idNumber: string;
  householdId: string;
  memberId?: string;
}

export interface Registry {
  grids: { a: string; b: string };
  /** household kind → its head (and, for `labour`, a second member with labour capacity) */
  monitored: Person;
  poor: Person;
  ordinary: Person;
  ordinary2: Person;
  villageB: Person;
  labour: Person;
  /** a valid ID number nobody in the registry has */
  stranger: Person;
}

export interface Senders {
  admin: CreatedAccount;
  county: CreatedAccount;
  township: CreatedAccount;
  village: CreatedAccount;
  villageB: CreatedAccount;
  grid: CreatedAccount;
  medical: CreatedAccount;
  education: CreatedAccount;
}

async function household(t: TestApp, token: string, grid: string, kind: 'MONITORED' | 'OUT_OF_POVERTY' | 'ORDINARY', headName: string, extra: Record<string, unknown>[] = []) {
  const idNumber = residentId({ birth: '19750315' });
  const body = await createHousehold(t, token, {
    regionCode: grid,
    address: '羊街镇测试村1号',
    householdType: kind === 'OUT_OF_POVERTY' ? HouseholdType.OUT_OF_POVERTY : HouseholdType.ORDINARY,
    members: [{ name: headName, idNumber, relation: Relation.HEAD, labourCapacity: LabourCapacity.WEAK }, ...extra],
  });
  if (kind === 'MONITORED') {
    await t.dataSource.query(`UPDATE households SET monitoring_type = $2 WHERE id = $1`, [body.id, MonitoringType.MARGINAL]);
  }
  return { name: headName, idNumber, householdId: body.id as string, memberId: body.members?.[0]?.id as string | undefined, body };
}

export async function createSenders(t: TestApp, grids: { a: string; b: string }): Promise<Senders> {
  return {
    admin: await createAccount(t, { role: Role.ADMIN, regionCode: '53' }),
    county: await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: COUNTY }),
    township: await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: '530129103' }),
    village: await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A }),
    villageB: await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_B }),
    grid: await createAccount(t, { role: Role.GRID_WORKER, regionCode: grids.a }),
    medical: await createAccount(t, { role: Role.DEPARTMENT_OPERATOR, regionCode: COUNTY, department: Department.MEDICAL_INSURANCE }),
    education: await createAccount(t, { role: Role.DEPARTMENT_OPERATOR, regionCode: COUNTY, department: Department.EDUCATION }),
  };
}

/** Grids in two villages, and households: monitored, 脱贫, two ordinary, one in village B, one with a main earner. */
export async function createRegistry(t: TestApp): Promise<{ registry: Registry; senders: Senders }> {
  const [a, b] = await createGrids(t, [VILLAGE_A, VILLAGE_B]);
  const senders = await createSenders(t, { a, b });
  const token = senders.county.token;
  const labourId = residentId({ birth: '19900101' });
  const labourHousehold = await household(t, token, a, 'ORDINARY', '杨永福', [
    { name: '杨小军', idNumber: labourId, relation: Relation.CHILD, labourCapacity: LabourCapacity.ORDINARY },
  ]);
  const labourMember = (labourHousehold.body.members as { id: string; name: string }[]).find((m) => m.name === '杨小军');
  const registry: Registry = {
    grids: { a, b },
    monitored: await household(t, token, a, 'MONITORED', '马文华'),
    poor: await household(t, token, a, 'OUT_OF_POVERTY', '陈国强'),
    ordinary: await household(t, token, a, 'ORDINARY', '张建国'),
    ordinary2: await household(t, token, a, 'ORDINARY', '李春生'),
    villageB: await household(t, token, b, 'ORDINARY', '何德才'),
    labour: { name: '杨小军', idNumber: labourId, householdId: labourHousehold.householdId, memberId: labourMember?.id },
    stranger: { name: '王无名', idNumber: residentId({ county: '530102', birth: '19880808' }), householdId: '' },
  };
  return { registry, senders };
}

/** A CSV text from a header and rows. */
export function csv(header: string[], rows: (string | number)[][]): string {
  const cell = (v: string | number) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

/** An xlsx workbook (one sheet) from a header and rows; ID numbers as text cells. */
export async function xlsx(header: string[], rows: (string | number | boolean | Date)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('数据');
  sheet.addRow(header);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const MEDICAL_HEADER = ['身份证号', '姓名', '就诊类型', '入院日期', '出院日期', '医疗总费用', '自付费用'];

/** POST /exchange/batches with one file part. */
export function upload(
  t: TestApp,
  auth: { token?: string; apiKey?: string },
  fields: Record<string, string>,
  content: Buffer | string,
  name = 'data.csv',
): Promise<TestResponse> {
  const body = multipart([{ name, content: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8'), field: 'file' }], fields);
  return t.request('POST', '/api/v1/exchange/batches', {
    token: auth.token,
    body: body.body,
    headers: { ...body.headers, ...(auth.apiKey ? { 'x-api-key': auth.apiKey } : {}) },
  });
}

/** Waits for the background jobs, then answers GET /exchange/batches/:id. */
export async function settled(t: TestApp, auth: { token?: string; apiKey?: string }, id: string): Promise<TestResponse> {
  await t.app.get(JobsService).whenIdle(60_000);
  return t.request('GET', `/api/v1/exchange/batches/${id}`, { token: auth.token, headers: auth.apiKey ? { 'x-api-key': auth.apiKey } : undefined });
}

/** Uploads a CSV and waits until the batch is done; throws unless it was accepted. */
export async function sendCsv(t: TestApp, token: string, dataset: string, month: string, text: string, batchId?: string): Promise<any> {
  const res = await upload(t, { token }, { dataset, month, ...(batchId ? { batchId } : {}) }, text);
  if (res.status !== 202) throw new Error(`upload refused: ${res.status} ${JSON.stringify(res.body)}`);
  const done = await settled(t, { token }, res.body.id);
  if (done.body.status !== 'DONE') throw new Error(`batch not done: ${JSON.stringify(done.body)}`);
  return done.body;
}

export const fields = (body: { details?: { field?: string }[] }) => (body.details ?? []).map((d) => d.field).sort();
