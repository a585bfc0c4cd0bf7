// Fixtures of the screening tests: grids and cadres of two villages, households of each kind, a result body.
import { randomUUID } from 'node:crypto';
import { HouseholdType, MonitoringType, Relation, Role } from '@jiuzhu/shared';
import { createAccount, CreatedAccount } from '../../../../test/factories/accounts.js';
import { createHousehold, residentId } from '../../../../test/factories/households.js';
import type { TestApp, TestResponse } from '../../../../test/helpers/test-app.js';

export const COUNTY = '530129';
export const TOWNSHIP_A = '530129103'; // 羊街镇
export const VILLAGE_A = '530129103201';
export const VILLAGE_B = '530129104201'; // 柯渡镇
export const MONTH = '2025-06';
/** 2025-06-10 10:00 in China */
export const JUNE_10 = new Date('2025-06-10T02:00:00.000Z');

export const fields = (body: { details?: { field?: string }[] }) => (body.details ?? []).map((d) => d.field).sort();

export interface ScreeningCadres {
  admin: CreatedAccount;
  county: CreatedAccount;
  township: CreatedAccount;
  village: CreatedAccount;
  villageB: CreatedAccount;
  worker: CreatedAccount;
  worker2: CreatedAccount;
  workerA2: CreatedAccount;
}

export async function createScreeningCadres(t: TestApp, grids: { a1: string; a2: string }): Promise<ScreeningCadres> {
  return {
    admin: await createAccount(t, { role: Role.ADMIN, regionCode: '53' }),
    county: await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: COUNTY }),
    township: await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: TOWNSHIP_A }),
    village: await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A, displayName: '村干部李' }),
    villageB: await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_B }),
    worker: await createAccount(t, { role: Role.GRID_WORKER, regionCode: grids.a1, displayName: '网格员赵' }),
    worker2: await createAccount(t, { role: Role.GRID_WORKER, regionCode: grids.a1, displayName: '网格员钱' }),
    workerA2: await createAccount(t, { role: Role.GRID_WORKER, regionCode: grids.a2, displayName: '网格员孙' }),
  };
}

/** A household of two registered through the API; `monitored` is set in the table (only a county decision sets it). */
export async function addHousehold(
  t: TestApp,
  token: string,
  grid: string,
  kind: 'OUT_OF_POVERTY' | 'MONITORED' | 'ORDINARY',
  headName = '张建国',
): Promise<{ id: string; version: number }> {
  const household = await createHousehold(t, token, {
    regionCode: grid,
    address: '羊街镇羊街村委会大村12号',
    householdType: kind === 'OUT_OF_POVERTY' ? HouseholdType.OUT_OF_POVERTY : HouseholdType.ORDINARY,
    phone: '13812345678',
    members: [
      { name: headName, idNumber: residentId({ birth: '19750315' }), relation: Relation.HEAD, health: 'SERIOUS_ILLNESS' },
      { name: '李秀英', idNumber: residentId({ birth: '19780101', sex: 'FEMALE' }), relation: Relation.SPOUSE },
    ],
  });
  if (kind === 'MONITORED') {
    await t.dataSource.query(`UPDATE households SET monitoring_type = $2 WHERE id = $1`, [household.id, MonitoringType.MARGINAL]);
  }
  return { id: household.id, version: household.version };
}

export const secureChecklist = () => ({
  food: true,
  clothing: true,
  compulsoryEducation: true,
  basicMedical: true,
  housingSafety: true,
  drinkingWater: true,
});

/** One result of POST /screening/results: nothing found unless `extra` says so. */
export const resultBody = (taskId: string, baseHouseholdVersion: number, extra: Record<string, unknown> = {}) => ({
  clientId: randomUUID(),
  taskId,
  baseHouseholdVersion,
  visitedAt: '2025-06-09T03:00:00.000Z',
  contactMode: 'VISIT',
  anyoneHome: true,
  checklist: secureChecklist(),
  incomeChanged: false,
  riskTypes: [],
  ...extra,
});

export function postResults(t: TestApp, token: string, results: unknown[], headers?: Record<string, string>): Promise<TestResponse> {
  return t.request('POST', '/api/v1/screening/results', { token, body: { results }, headers });
}

/** POST /screening/rounds/generate; throws unless 200. */
export async function generate(t: TestApp, token: string, body: Record<string, unknown> = {}): Promise<any> {
  const res = await t.request('POST', '/api/v1/screening/rounds/generate', { token, body });
  if (res.status !== 200) throw new Error(`generate failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}
