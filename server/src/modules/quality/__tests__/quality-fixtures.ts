// Fixtures of the data-quality tests: households through the API, their monitoring and their cases' records planted
// in SQL with the cases module's own record types (so a renamed field breaks the build, not silently the checks).
import { randomUUID } from 'node:crypto';
import { CaseKind, CaseSource, CaseStatus, HouseholdType, LabourCapacity, MeasureType, MonitoringType, Relation, RiskType } from '@jiuzhu/shared';
import { createHousehold, residentId } from '../../../../test/factories/households.js';
import type { TestApp } from '../../../../test/helpers/test-app.js';
import { ChecklistItem, ChecklistStatus, CountyDecisionRecord, LineComparison, SurveyRecord } from '../../cases/case-records.js';

export const COUNTY = '530129';
export const TOWNSHIP_A = '530129103'; // 羊街镇
export const TOWNSHIP_B = '530129104'; // 柯渡镇
export const VILLAGE_A = '530129103201';
export const VILLAGE_B = '530129104201';

export interface PlantedHousehold {
  id: string;
  householdNumber: string;
  regionCode: string;
  headName: string;
}

export interface MemberSpec {
  relation: Relation;
  labourCapacity?: LabourCapacity | null;
  publicWelfareJob?: boolean;
  name?: string;
}

/** A household registered through the API (head first), its risk types set; members as given. */
export async function registerHousehold(
  t: TestApp,
  token: string,
  grid: string,
  options: { headName: string; riskTypes?: RiskType[]; members?: MemberSpec[]; noLabourCapacity?: boolean; relocated?: boolean },
): Promise<PlantedHousehold> {
  const members = options.members ?? [{ relation: Relation.HEAD }];
  const body = await createHousehold(t, token, {
    regionCode: grid,
    address: '羊街镇羊街村委会大村12号',
    householdType: HouseholdType.OUT_OF_POVERTY,
    riskTypes: options.riskTypes ?? [],
    noLabourCapacity: options.noLabourCapacity ?? false,
    relocated: options.relocated ?? false,
    members: members.map((m, i) => ({
      name: m.name ?? (i === 0 ? options.headName : `成员${'甲乙丙丁戊'[i] ?? i}`),
      idNumber: residentId({ birth: i === 0 ? '19700315' : '19900101' }),
      relation: m.relation,
      labourCapacity: m.labourCapacity ?? null,
      publicWelfareJob: m.publicWelfareJob ?? false,
    })),
  });
  return { id: body.id, householdNumber: body.householdNumber, regionCode: grid, headName: options.headName };
}

/** Makes the household a monitoring object identified in `month` (as a county decision would). */
export async function setMonitored(t: TestApp, householdId: string, month: string, type = MonitoringType.MARGINAL): Promise<void> {
  await t.dataSource.query(`UPDATE households SET monitoring_type = $2, identified_month = $3 WHERE id = $1`, [householdId, type, month]);
}

export interface IncomeSpec {
  visitDate: string;
  wage: number;
  compliantOutOfPocket: number;
}

export function surveyRecord(income: IncomeSpec): SurveyRecord {
  const checklist = Object.fromEntries(
    Object.values(ChecklistItem).map((item) => [item, { status: ChecklistStatus.OK, note: null }]),
  ) as SurveyRecord['checklist'];
  const net = income.wage + 3000;
  return {
    round: 1,
    surveyors: [],
    visitDate: income.visitDate,
    memberCount: 2,
    registryMemberCount: 2,
    membersConfirmed: true,
    membersNote: null,
    income: { wage: income.wage, business: 3000, property: 0, transfer: 0, businessCost: 0, insurancePayout: 0, compliantOutOfPocket: income.compliantOutOfPocket },
    householdNetIncome: net,
    perCapitaNetIncome: net / 2,
    monitoringLine: { year: 2025, amount: 8700, regionCode: '53' },
    comparison: net / 2 < 8700 ? LineComparison.BELOW : LineComparison.AT_OR_ABOVE,
    checklist,
    fileIds: [],
    location: null,
    findings: null,
    byAccountId: randomUUID(),
    at: `${income.visitDate}T02:00:00.000Z`,
  };
}

export function confirmRecord(measures: MeasureType[], at: string, riskTypes: RiskType[] = [RiskType.OTHER]): CountyDecisionRecord {
  return {
    decision: 'CONFIRM',
    text: '同意纳入监测',
    monitoringType: MonitoringType.MARGINAL,
    riskTypes,
    measures: measures.map((type) => ({ type, content: '帮扶措施', responsible: '羊街镇', dueDate: '2026-12-31' })),
    identifiedMonth: at.slice(0, 7),
    resultNoticeId: null,
    byAccountId: randomUUID(),
    at,
  };
}

let caseSequence = 0;

/** A finished case of the household with the records given (an identification with its decision, or an elimination visit). */
export async function plantCase(
  t: TestApp,
  household: PlantedHousehold,
  options: { kind: CaseKind; status: CaseStatus; survey?: SurveyRecord; decision?: CountyDecisionRecord },
): Promise<string> {
  const at = options.decision?.at ?? options.survey?.at ?? '2025-01-01T02:00:00.000Z';
  const intake = options.survey?.visitDate ?? at.slice(0, 10);
  const [row] = await t.dataSource.query(
    `INSERT INTO cases (county_code, case_number, kind, source, status, household_id, region_code, description,
                        intake_at, intake_date, analysis_due_date, due_date, escalate_at, survey, county_decision, closed_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '测试案件', $8, $9, $9, $9, $8, $10, $11, $8)
     RETURNING id`,
    [
      household.regionCode.slice(0, 6),
      `${household.regionCode.slice(0, 6)}-QUALITY-${++caseSequence}-${randomUUID().slice(0, 6)}`,
      options.kind,
      CaseSource.CADRE,
      options.status,
      household.id,
      household.regionCode,
      new Date(at),
      intake,
      options.survey ?? null,
      options.decision ?? null,
    ],
  );
  return row.id;
}
