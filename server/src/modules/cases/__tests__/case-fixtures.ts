// Fixtures of the cases tests: accounts of every level, a registered household with a bound citizen, step payloads.
import { CaseAction, CaseSource, DifficultyKind, HouseholdType, LabourCapacity, MeasureType, MonitoringType, Relation, RiskType, Role } from '@jiuzhu/shared';
import { createAccount, createCitizen, CreatedAccount, CreatedCitizen } from '../../../../test/factories/accounts.js';
import { createHousehold, residentId } from '../../../../test/factories/households.js';
import type { TestApp, TestResponse } from '../../../../test/helpers/test-app.js';

export const COUNTY = '530129';
export const TOWNSHIP_A = '530129103'; // 羊街镇
export const TOWNSHIP_B = '530129104'; // 柯渡镇
export const VILLAGE_A = '530129103201';
export const VILLAGE_B = '530129104201';

export const fields = (body: { details?: { field?: string }[] }) => (body.details ?? []).map((d) => d.field).sort();

export interface Cadres {
  village: CreatedAccount;
  village2: CreatedAccount;
  gridWorker: CreatedAccount;
  township: CreatedAccount;
  township2: CreatedAccount;
  county: CreatedAccount;
  otherTownship: CreatedAccount;
  otherVillage: CreatedAccount;
}

export async function createCadres(t: TestApp, gridA: string): Promise<Cadres> {
  return {
    village: await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A, displayName: '村干部李' }),
    village2: await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A, displayName: '村干部王' }),
    gridWorker: await createAccount(t, { role: Role.GRID_WORKER, regionCode: gridA, displayName: '网格员赵' }),
    township: await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: TOWNSHIP_A, displayName: '乡镇审核人周' }),
    township2: await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: TOWNSHIP_A, displayName: '乡镇审核人吴' }),
    county: await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: COUNTY, displayName: '县级干部郑' }),
    otherTownship: await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: TOWNSHIP_B }),
    otherVillage: await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_B }),
  };
}

export interface BoundHousehold {
  household: any;
  citizen: CreatedCitizen;
  headName: string;
  headIdNumber: string;
  phone: string;
}

/** A household of two (the head can work) registered by the village cadre, and a citizen bound to its head. */
export async function createBoundHousehold(
  t: TestApp,
  villageToken: string,
  grid: string,
  options: { headName?: string; phone?: string; noLabour?: boolean } = {},
): Promise<BoundHousehold> {
  const headName = options.headName ?? '张建国';
  const headIdNumber = residentId({ birth: '19750315' });
  const phone = options.phone ?? '13812345678';
  const household = await createHousehold(t, villageToken, {
    regionCode: grid,
    address: '羊街镇羊街村委会大村12号',
    householdType: HouseholdType.ORDINARY,
    phone,
    noLabourCapacity: options.noLabour ?? false,
    members: [
      { name: headName, idNumber: headIdNumber, relation: Relation.HEAD, labourCapacity: options.noLabour ? LabourCapacity.LOST : LabourCapacity.ORDINARY, phone },
      { name: '李秀英', idNumber: residentId({ birth: '19780101', sex: 'FEMALE' }), relation: Relation.SPOUSE, labourCapacity: LabourCapacity.WEAK },
    ],
  });
  const citizen = await createCitizen(t, { bindTo: { name: headName, idNumber: headIdNumber } });
  return { household, citizen, headName, headIdNumber, phone };
}

export const claimBody = (extra: Record<string, unknown> = {}) => ({
  source: CaseSource.SELF,
  difficultyKind: DifficultyKind.MEDICAL,
  description: '家中主要劳动力今年三月务工受伤，住院花费较大，收入骤减',
  contactPhone: '13812345678',
  consent: true,
  ...extra,
});

/** POST /claims; throws with the answer when it is not 201. */
export async function submitClaim(t: TestApp, token: string, body: Record<string, unknown> = claimBody(), key?: string): Promise<any> {
  const res = await t.request('POST', '/api/v1/claims', { token, body, headers: key ? { 'idempotency-key': key } : undefined });
  if (res.status !== 201) throw new Error(`claim failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export function act(t: TestApp, token: string, caseId: string, body: Record<string, unknown>): Promise<TestResponse> {
  return t.request('POST', `/api/v1/cases/${caseId}/actions`, { token, body });
}

/** The action, or throws with the answer when it is not 200. */
export async function actOk(t: TestApp, token: string, caseId: string, body: Record<string, unknown>): Promise<any> {
  const res = await act(t, token, caseId, body);
  if (res.status !== 200) throw new Error(`${body.action} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export const surveyBody = (version: number, surveyorIds: string[], visitDate: string, extra: Record<string, unknown> = {}) => ({
  action: CaseAction.SURVEY_SUBMIT,
  version,
  survey: {
    surveyorIds,
    visitDate,
    memberCount: 2,
    membersConfirmed: true,
    income: { wage: 6000, business: 2000, property: 0, transfer: 1200, businessCost: 1000, insurancePayout: 500, compliantOutOfPocket: 12000.5 },
    checklist: {
      FOOD: { status: 'OK' },
      CLOTHING: { status: 'OK' },
      COMPULSORY_EDUCATION: { status: 'OK' },
      BASIC_MEDICAL: { status: 'PROBLEM', note: '自付医疗费用高' },
      HOUSING_SAFETY: { status: 'OK' },
      DRINKING_WATER: { status: 'OK' },
    },
    location: { lat: 25.55, lng: 103.25 },
    findings: '因伤住院，家庭收入明显下降',
    ...extra,
  },
});

export const publicizeBody = (version: number, date: string, extra: Record<string, unknown> = {}) => ({
  action: CaseAction.PUBLICIZE_START,
  version,
  appraisalDate: date,
  appraisalResult: '参会23人，同意21人，建议纳入监测',
  noticeStartDate: date,
  noticeDays: 5,
  proposedMonitoringType: MonitoringType.MARGINAL,
  reasonBrief: '家中主要劳动力务工受伤，收入骤减',
  ...extra,
});

export const confirmBody = (version: number, dueDate: string, measures?: Record<string, unknown>[]) => ({
  action: CaseAction.COUNTY_CONFIRM,
  version,
  monitoringType: MonitoringType.MARGINAL,
  riskTypes: [RiskType.ILLNESS, RiskType.ACCIDENT],
  measures: measures ?? [
    { type: MeasureType.HEALTH, content: '落实大病保险和医疗救助', responsible: '羊街镇卫生院', dueDate },
    { type: MeasureType.EMPLOYMENT, content: '伤愈后推荐到县工业园区务工', responsible: '羊街镇人社所', dueDate },
  ],
  opinion: '同意纳入边缘易致贫户监测',
});

/** China 09:00 on a date, as the instant the Clock is set to. */
export const chinaMorning = (date: string) => new Date(`${date}T01:00:00.000Z`);
