import ExcelJS from 'exceljs';
import { CaseKind, CaseStatus, LabourCapacity, maskName, MeasureType, Relation, RiskType, Role } from '@jiuzhu/shared';
import { computeResidentIdCheckDigit } from '@jiuzhu/shared';
import { Clock } from '../../../common/clock.js';
import { CryptoService } from '../../crypto/crypto.service.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { createAccount, CreatedAccount } from '../../../../test/factories/accounts.js';
import { createGrids, residentId } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { EXPORT_HEADERS } from '../quality-findings.service.js';
import { codeRange, maskNameSql, QualityCheckCode } from '../quality-checks.js';
import { QUALITY_MONTHLY_JOB } from '../quality-runner.service.js';
import {
  confirmRecord,
  COUNTY,
  plantCase,
  PlantedHousehold,
  registerHousehold,
  setMonitored,
  surveyRecord,
  TOWNSHIP_A,
  TOWNSHIP_B,
  VILLAGE_A,
  VILLAGE_B,
} from './quality-fixtures.js';

const C = QualityCheckCode;
/** 2025-12-10 10:00 in China: households identified in 2025-06 or earlier have been monitored 6 months */
const DEC_10 = new Date('2025-12-10T02:00:00.000Z');
const at = (date: string) => `${date}T02:00:00.000Z`;

describe('data quality 账账相符、账实相符: checks, runs, the 问题清单 and its export', () => {
  let t: TestApp;
  let jobs: JobsService;
  let admin: CreatedAccount;
  let county: CreatedAccount;
  let townshipA: CreatedAccount;
  let townshipB: CreatedAccount;
  let villageA: CreatedAccount;
  let villageB: CreatedAccount;
  let operator: CreatedAccount;
  const h: Record<string, PlantedHousehold> = {};
  let runId: string;

  const post = (account: CreatedAccount, body: Record<string, unknown> = {}) =>
    t.request('POST', '/api/v1/quality/runs', { token: account.token, body });
  const findingsByHousehold = async (run: string) => {
    const rows: { household_id: string; check_code: string }[] = await t.dataSource.query(
      `SELECT household_id, check_code FROM quality_findings WHERE run_id = $1 ORDER BY check_code`,
      [run],
    );
    const map: Record<string, string[]> = {};
    const names = new Map(Object.entries(h).map(([name, x]) => [x.id, name]));
    for (const row of rows) (map[names.get(row.household_id) ?? row.household_id] ??= []).push(row.check_code);
    return map;
  };
  const runAndWait = async (account: CreatedAccount, body: Record<string, unknown> = {}) => {
    const res = await post(account, body);
    if (res.status !== 202) throw new Error(`run failed: ${res.status} ${JSON.stringify(res.body)}`);
    await jobs.whenIdle(30_000);
    return (await t.request('GET', `/api/v1/quality/runs/${res.body.id}`, { token: account.token })).body;
  };
  const countsOf = (run: { counts: { check: string; count: number }[] }) =>
    Object.fromEntries(run.counts.filter((c) => c.count).map((c) => [c.check, c.count]));

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(Clock).set(DEC_10);
    jobs = t.app.get(JobsService);
    const [a1, b] = await createGrids(t, [VILLAGE_A, VILLAGE_B]);
    admin = await createAccount(t, { role: Role.ADMIN, regionCode: '53' });
    county = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: COUNTY });
    townshipA = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: TOWNSHIP_A });
    townshipB = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: TOWNSHIP_B });
    villageA = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A });
    villageB = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_B });
    operator = await createAccount(t, { role: Role.DEPARTMENT_OPERATOR, regionCode: COUNTY });
    const token = villageA.token;

    // clean: every rule it could break is satisfied (4 members, 1 who can work: a quarter, not more)
    h.clean = await registerHousehold(t, token, a1, {
      headName: '张建国',
      riskTypes: [RiskType.ILLNESS, RiskType.DRINKING_WATER, RiskType.HOUSING_SAFETY, RiskType.LACK_OF_LABOUR],
      members: [
        { relation: Relation.HEAD, labourCapacity: LabourCapacity.ORDINARY },
        { relation: Relation.SPOUSE, labourCapacity: LabourCapacity.LOST },
        { relation: Relation.PARENT, labourCapacity: LabourCapacity.NONE },
        { relation: Relation.CHILD },
      ],
    });
    await setMonitored(t, h.clean.id, '2025-01');
    await plantCase(t, h.clean, {
      kind: CaseKind.IDENTIFICATION,
      status: CaseStatus.IDENTIFIED,
      survey: surveyRecord({ visitDate: '2024-12-20', wage: 0, compliantOutOfPocket: 3000 }),
      decision: confirmRecord([MeasureType.DRINKING_WATER, MeasureType.RELOCATION, MeasureType.HEALTH, MeasureType.EMPLOYMENT], at('2025-01-05')),
    });
    // a later visit (a risk-elimination survey) is the latest income: wages now
    await plantCase(t, h.clean, {
      kind: CaseKind.ELIMINATION,
      status: CaseStatus.NOT_ELIMINATED,
      survey: surveyRecord({ visitDate: '2025-11-01', wage: 12000, compliantOutOfPocket: 2000 }),
    });
    // clean too: an employment measure whose only income record predates it says nothing about its wage
    h.cleanRecent = await registerHousehold(t, token, a1, {
      headName: '李明',
      riskTypes: [RiskType.UNSTABLE_EMPLOYMENT],
      members: [{ relation: Relation.HEAD, labourCapacity: LabourCapacity.ORDINARY }],
    });
    await setMonitored(t, h.cleanRecent.id, '2025-11');
    await plantCase(t, h.cleanRecent, {
      kind: CaseKind.IDENTIFICATION,
      status: CaseStatus.IDENTIFIED,
      survey: surveyRecord({ visitDate: '2025-10-20', wage: 0, compliantOutOfPocket: 0 }),
      decision: confirmRecord([MeasureType.EMPLOYMENT], at('2025-11-03')),
    });

    h.water = await registerHousehold(t, token, a1, { headName: '王饮水', riskTypes: [RiskType.DRINKING_WATER] });
    await setMonitored(t, h.water.id, '2025-10');
    await plantCase(t, h.water, { kind: CaseKind.IDENTIFICATION, status: CaseStatus.IDENTIFIED, decision: confirmRecord([MeasureType.HEALTH], at('2025-10-08')) });

    // monitored through the registry only: no plan at all
    h.housing = await registerHousehold(t, token, a1, { headName: '赵住房', riskTypes: [RiskType.HOUSING_SAFETY] });
    await setMonitored(t, h.housing.id, '2025-10');

    h.illness = await registerHousehold(t, token, a1, { headName: '钱因病', riskTypes: [RiskType.ILLNESS] });
    await setMonitored(t, h.illness.id, '2025-09');
    await plantCase(t, h.illness, {
      kind: CaseKind.IDENTIFICATION,
      status: CaseStatus.IDENTIFIED,
      survey: surveyRecord({ visitDate: '2025-09-01', wage: 5000, compliantOutOfPocket: 0 }),
      decision: confirmRecord([MeasureType.HEALTH], at('2025-09-10')),
    });

    h.labour = await registerHousehold(t, token, a1, {
      headName: '孙劳力',
      riskTypes: [RiskType.LACK_OF_LABOUR],
      members: [
        { relation: Relation.HEAD, labourCapacity: LabourCapacity.ORDINARY },
        { relation: Relation.SPOUSE, labourCapacity: LabourCapacity.WEAK },
      ],
    });

    h.noDevelopment = await registerHousehold(t, token, a1, {
      headName: '周开发',
      riskTypes: [RiskType.OTHER],
      members: [{ relation: Relation.HEAD, labourCapacity: LabourCapacity.SKILLED }],
    });
    await setMonitored(t, h.noDevelopment.id, '2025-05');
    await plantCase(t, h.noDevelopment, {
      kind: CaseKind.IDENTIFICATION,
      status: CaseStatus.IDENTIFIED,
      survey: surveyRecord({ visitDate: '2025-05-01', wage: 0, compliantOutOfPocket: 0 }),
      decision: confirmRecord([MeasureType.HEALTH], at('2025-05-10')),
    });

    h.job = await registerHousehold(t, token, a1, {
      headName: '吴岗位',
      riskTypes: [RiskType.OTHER],
      members: [{ relation: Relation.HEAD, labourCapacity: LabourCapacity.ORDINARY }],
    });
    await setMonitored(t, h.job.id, '2025-03');
    await plantCase(t, h.job, {
      kind: CaseKind.IDENTIFICATION,
      status: CaseStatus.IDENTIFIED,
      survey: surveyRecord({ visitDate: '2025-03-01', wage: 0, compliantOutOfPocket: 0 }),
      decision: confirmRecord([MeasureType.PUBLIC_WELFARE_JOB], at('2025-03-10')),
    });
    await plantCase(t, h.job, {
      kind: CaseKind.ELIMINATION,
      status: CaseStatus.NOT_ELIMINATED,
      survey: surveyRecord({ visitDate: '2025-11-15', wage: 0, compliantOutOfPocket: 0 }),
    });

    h.idMissing = await registerHousehold(t, token, a1, { headName: '郑缺号' });
    await t.dataSource.query(`UPDATE members SET id_number_hash = '' WHERE household_id = $1`, [h.idMissing.id]);

    // one person in two households (a1 and, in the other township, b): only data loaded around the unique index
    // can do that, so the test drops it for the file and puts it back after
    h.duplicateA = await registerHousehold(t, token, a1, { headName: '冯重复' });
    h.duplicateB = await registerHousehold(t, villageB.token, b, { headName: '陈重复' });
    await t.dataSource.query(`DROP INDEX "UQ_members_id_number_hash"`);
    await t.dataSource.query(
      `UPDATE members SET id_number_hash = (SELECT id_number_hash FROM members WHERE household_id = $1) WHERE household_id = $2`,
      [h.duplicateA.id, h.duplicateB.id],
    );

    // a number whose check digit is wrong (written around the API): only the decrypting re-check can see it
    h.badId = await registerHousehold(t, token, a1, { headName: '褚错号' });
    const good = residentId({ birth: '19700315' });
    const wrong = good.slice(0, 17) + (computeResidentIdCheckDigit(good.slice(0, 17)) === '1' ? '2' : '1');
    await t.dataSource.query(`UPDATE members SET id_number_encrypted = $2, birth_date = '1970-03-15' WHERE household_id = $1`, [
      h.badId.id,
      t.app.get(CryptoService).encrypt(wrong),
    ]);
  });

  afterAll(async () => {
    try {
      await t.dataSource.query(`UPDATE members SET id_number_hash = md5(random()::text) || md5(random()::text) WHERE household_id = $1`, [h.duplicateB.id]);
      await t.dataSource.query(`CREATE UNIQUE INDEX IF NOT EXISTS "UQ_members_id_number_hash" ON "members" ("id_number_hash")`);
    } finally {
      await t.close();
    }
  });

  it('lists the checks with what to fix and what each waits for', async () => {
    const res = await t.request('GET', '/api/v1/quality/checks', { token: villageA.token });
    expect(res.status).toBe(200);
    expect(res.body.map((c: any) => c.code)).toEqual(Object.values(QualityCheckCode));
    expect(res.body.every((c: any) => c.title && c.fix && c.basis)).toBe(true);
    expect(res.body.find((c: any) => c.code === C.ID_NUMBER_INVALID)).toMatchObject({ decrypts: true });
    expect(res.body.find((c: any) => c.code === C.JOB_MEASURE_WITHOUT_WAGE).waitsFor).toContain('收入');
    expect((await t.request('GET', '/api/v1/quality/checks', { token: operator.token })).status).toBe(403);
  });

  it('a county run (202, a job) finds each planted problem once and nothing on the clean households', async () => {
    const res = await post(county);
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ regionCode: COUNTY, trigger: 'MANUAL', runDate: '2025-12-10', attempt: 1 });
    expect(['QUEUED', 'RUNNING', 'DONE']).toContain(res.body.status);
    runId = res.body.id;
    await jobs.whenIdle(30_000);

    const run = (await t.request('GET', `/api/v1/quality/runs/${runId}`, { token: county.token })).body;
    expect(run).toMatchObject({ status: 'DONE', statusLabel: '已完成', countiesTotal: 1, countiesDone: 1, total: 9, idNumbersRechecked: 0 });
    expect(countsOf(run)).toEqual({
      [C.ID_NUMBER_MISSING]: 1,
      [C.ID_NUMBER_DUPLICATE]: 2,
      [C.WATER_RISK_WITHOUT_MEASURE]: 1,
      [C.HOUSING_RISK_WITHOUT_MEASURE]: 1,
      [C.ILLNESS_WITHOUT_MEDICAL_COST]: 1,
      [C.LABOUR_RISK_WITH_WORKERS]: 1,
      [C.NO_DEVELOPMENTAL_MEASURE]: 1,
      [C.JOB_MEASURE_WITHOUT_WAGE]: 1,
    });
    expect(run.counts).toHaveLength(Object.values(QualityCheckCode).length);

    expect(await findingsByHousehold(runId)).toEqual({
      water: [C.WATER_RISK_WITHOUT_MEASURE],
      housing: [C.HOUSING_RISK_WITHOUT_MEASURE],
      illness: [C.ILLNESS_WITHOUT_MEDICAL_COST],
      labour: [C.LABOUR_RISK_WITH_WORKERS],
      noDevelopment: [C.NO_DEVELOPMENTAL_MEASURE],
      job: [C.JOB_MEASURE_WITHOUT_WAGE],
      idMissing: [C.ID_NUMBER_MISSING],
      duplicateA: [C.ID_NUMBER_DUPLICATE],
      duplicateB: [C.ID_NUMBER_DUPLICATE],
    });

    const audit = await t.dataSource.query(`SELECT action, actor_account_id FROM audit_logs WHERE entity_id = $1 ORDER BY at, id`, [runId]);
    expect(audit.map((a: any) => a.action)).toEqual(['quality.run', 'quality.run-finish']);
    expect(audit[0].actor_account_id).toBe(county.account.id);
  });

  it('the list shows each finding with the household masked, what is wrong and what to fix', async () => {
    const res = await t.request('GET', '/api/v1/quality/findings', { token: county.token, query: { pageSize: 100 } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 9, page: 1, pageSize: 100, run: { id: runId, total: 9 } });
    const byCheck = Object.fromEntries(res.body.items.map((f: any) => [f.check, f]));
    expect(byCheck[C.WATER_RISK_WITHOUT_MEASURE]).toMatchObject({
      title: '因安全饮水风险无饮水安全保障措施',
      description: '风险类型有因安全饮水；现有帮扶措施：健康',
      household: {
        id: h.water.id,
        householdNumber: h.water.householdNumber,
        headName: maskName('王饮水'),
        villageCode: VILLAGE_A,
        villageName: '羊街村委会',
        townshipName: '羊街镇',
        countyName: '寻甸回族彝族自治县',
      },
    });
    expect(byCheck[C.HOUSING_RISK_WITHOUT_MEASURE].description).toBe('风险类型有因安全住房；没有帮扶措施记录');
    expect(byCheck[C.LABOUR_RISK_WITH_WORKERS].description).toBe('风险类型有缺劳动力；家庭2人，其中有劳动能力的1人');
    expect(byCheck[C.ILLNESS_WITHOUT_MEDICAL_COST].description).toBe('风险类型有因病；最近一次实地调查（2025-09-01）的合规自付支出为0元');
    expect(byCheck[C.JOB_MEASURE_WITHOUT_WAGE].description).toBe('有公益岗位或就业帮扶措施；最近一次实地调查（2025-11-15）的工资性收入为0元');
    expect(byCheck[C.NO_DEVELOPMENTAL_MEASURE].description).toBe('2025-05纳入监测，有劳动能力的成员1人；现有帮扶措施：健康');
    expect(byCheck[C.ID_NUMBER_MISSING].details.members).toEqual([
      expect.objectContaining({ name: maskName('郑缺号'), relation: 'HEAD' }),
    ]);
    // never a plain head name or an ID number anywhere in the list
    const text = JSON.stringify(res.body);
    for (const name of ['王饮水', '赵住房', '郑缺号', '冯重复', '陈重复']) expect(text).not.toContain(name);
    expect(text).not.toMatch(/(?<![0-9])[0-9]{17}[0-9X](?![0-9])/); // an 18-character ID (household numbers have 19)

    const duplicate = res.body.items.find((f: any) => f.household.id === h.duplicateA.id);
    expect(duplicate.details.members[0].otherHouseholdNumbers).toEqual([h.duplicateB.householdNumber]);
    expect(duplicate.description).toBe(`${maskName('冯重复')}（户主）的证件号码与户${h.duplicateB.householdNumber}的成员重复`);

    const filtered = await t.request('GET', '/api/v1/quality/findings', { token: county.token, query: { check: C.ID_NUMBER_DUPLICATE, pageSize: 1, page: 2 } });
    expect(filtered.body).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(filtered.body.items).toHaveLength(1);
  });

  it('a township sees only its own findings and counts; a village only its village; other regions are refused', async () => {
    const a = await t.request('GET', '/api/v1/quality/findings', { token: townshipA.token, query: { pageSize: 100 } });
    expect(a.body.total).toBe(8);
    expect(a.body.items.every((f: any) => f.household.regionCode.startsWith(TOWNSHIP_A))).toBe(true);
    expect(a.body.run).toMatchObject({ id: runId, scopeRegionCode: TOWNSHIP_A, total: 8 });

    const b = await t.request('GET', '/api/v1/quality/findings', { token: townshipB.token });
    expect(b.body.items.map((f: any) => f.household.id)).toEqual([h.duplicateB.id]);
    const runAsB = await t.request('GET', `/api/v1/quality/runs/${runId}`, { token: townshipB.token });
    expect(runAsB.body).toMatchObject({ scopeRegionCode: TOWNSHIP_B, total: 1 });
    expect(countsOf(runAsB.body)).toEqual({ [C.ID_NUMBER_DUPLICATE]: 1 });

    const village = await t.request('GET', '/api/v1/quality/findings', { token: villageB.token, query: { run: runId } });
    expect(village.body.total).toBe(1);

    expect((await t.request('GET', '/api/v1/quality/findings', { token: townshipA.token, query: { region: TOWNSHIP_B } })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/quality/findings', { token: operator.token })).status).toBe(403);

    // a run of township B is not township A's to see
    const runB = await post(townshipB);
    expect(runB.status).toBe(202);
    expect(runB.body.regionCode).toBe(TOWNSHIP_B);
    await jobs.whenIdle(30_000);
    expect((await t.request('GET', `/api/v1/quality/runs/${runB.body.id}`, { token: townshipA.token })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/quality/findings', { token: townshipA.token, query: { run: runB.body.id } })).status).toBe(404);
    const listA = await t.request('GET', '/api/v1/quality/runs', { token: townshipA.token });
    expect(listA.body.items.map((r: any) => r.id)).toEqual([runId]);
    const listCounty = await t.request('GET', '/api/v1/quality/runs', { token: county.token, query: { status: 'DONE' } });
    expect(listCounty.body.items.map((r: any) => r.id).sort()).toEqual([runId, runB.body.id].sort());
    // township B's run found only its own household
    expect(await findingsByHousehold(runB.body.id)).toEqual({ duplicateB: [C.ID_NUMBER_DUPLICATE] });
  });

  it('exports the list as a valid .xlsx, one row per finding, with a Chinese file name', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/v1/quality/findings/export',
      query: { region: TOWNSHIP_A },
      headers: { authorization: `Bearer ${county.token}` },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml.sheet');
    const disposition = String(response.headers['content-disposition']);
    expect(disposition).toContain(`filename="quality-findings-${TOWNSHIP_A}-2025-12-10.xlsx"`);
    expect(decodeURIComponent(disposition.split("filename*=UTF-8''")[1])).toBe('问题清单-羊街镇-2025-12-10.xlsx');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as any);
    const sheet = workbook.getWorksheet('问题清单')!;
    const rows = sheet.getSheetValues().filter(Boolean).map((row: any) => (row as unknown[]).slice(1));
    expect(rows[0]).toEqual(EXPORT_HEADERS);
    const data = rows.slice(1);
    expect(data).toHaveLength(8);
    expect(data.every((r) => r[0] === '寻甸回族彝族自治县' && r[1] === '羊街镇' && r[2] === '羊街村委会')).toBe(true);
    const water = data.find((r) => r[3] === h.water.householdNumber)!;
    expect(water.slice(3, 6)).toEqual([h.water.householdNumber, maskName('王饮水'), '因安全饮水风险无饮水安全保障措施']);
    expect(String(water[6])).toMatch(/^风险类型有因安全饮水；现有帮扶措施：健康。风险类型有“因安全饮水”的户/);
    // in household-number order
    const numbers = data.map((r) => String(r[3]));
    expect(numbers).toEqual([...numbers].sort());
    expect(JSON.stringify(data)).not.toContain('王饮水');

    const audit = await t.dataSource.query(`SELECT after, actor_account_id FROM audit_logs WHERE action = 'quality.export'`);
    expect(audit).toEqual([{ after: { region: TOWNSHIP_A, check: null, rows: 8 }, actor_account_id: county.account.id }]);

    const one = await t.app.inject({
      method: 'GET',
      url: '/api/v1/quality/findings/export',
      query: { check: C.JOB_MEASURE_WITHOUT_WAGE },
      headers: { authorization: `Bearer ${villageA.token}` },
    });
    const single = new ExcelJS.Workbook();
    await single.xlsx.load(one.rawPayload as any);
    expect(single.getWorksheet('问题清单')!.actualRowCount).toBe(2);

    // nothing finished covers the province yet
    const none = await t.request('GET', '/api/v1/quality/findings/export', { token: admin.token });
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('QUALITY_NO_RUN');
  });

  it('asking again the same day is the same run: while it waits nothing is added, after it the run is redone without doubling', async () => {
    const [first, second] = await Promise.all([post(county), post(county)]);
    expect([first.status, second.status]).toEqual([202, 202]);
    expect([first.body.id, second.body.id]).toEqual([runId, runId]);
    // the first requeued the finished run; the second found it waiting (or, if the job was quicker, finished again)
    const attempt = Math.max(first.body.attempt, second.body.attempt);
    expect(Math.min(first.body.attempt, second.body.attempt)).toBe(2);
    await jobs.whenIdle(30_000);
    const again = (await t.request('GET', `/api/v1/quality/runs/${runId}`, { token: county.token })).body;
    expect(again).toMatchObject({ status: 'DONE', attempt, total: 9 });
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM quality_findings WHERE run_id = $1`, [runId]);
    expect(n).toBe(9);

    // fixes and new problems show at the next run: water gets its measure, the labour household a 公益岗位 without wage
    await t.dataSource.query(
      `UPDATE cases SET county_decision = jsonb_set(county_decision, '{measures}', county_decision->'measures' || $2::jsonb) WHERE household_id = $1`,
      [h.water.id, JSON.stringify([{ type: MeasureType.DRINKING_WATER, content: '接通自来水', responsible: '水务站', dueDate: '2026-06-30' }])],
    );
    await t.dataSource.query(`UPDATE members SET public_welfare_job = true WHERE household_id = $1 AND relation = 'SPOUSE'`, [h.labour.id]);
    await plantCase(t, h.labour, {
      kind: CaseKind.IDENTIFICATION,
      status: CaseStatus.DISMISSED,
      survey: surveyRecord({ visitDate: '2025-12-01', wage: 0, compliantOutOfPocket: 0 }),
    });
    const third = await runAndWait(county);
    expect(third).toMatchObject({ id: runId, attempt: attempt + 1, total: 9 });
    const findings = await findingsByHousehold(runId);
    expect(findings.water).toBeUndefined();
    expect(findings.labour).toEqual([C.JOB_MEASURE_WITHOUT_WAGE, C.LABOUR_RISK_WITH_WORKERS]);
    const labour = (await t.request('GET', '/api/v1/quality/findings', { token: county.token, query: { check: C.JOB_MEASURE_WITHOUT_WAGE, pageSize: 100 } })).body.items
      .find((f: any) => f.household.id === h.labour.id);
    expect(labour.description).toBe('1名成员登记在公益岗位；最近一次实地调查（2025-12-01）的工资性收入为0元');
  });

  it('re-checks ID numbers only when a county officer or administrator asks, decrypting in one audited pass', async () => {
    const refused = await post(townshipA, { recheckIdNumbers: true });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('QUALITY_RECHECK_NOT_ALLOWED');

    const run = await runAndWait(county, { recheckIdNumbers: true });
    expect(run).toMatchObject({ id: runId, recheckIdNumbers: true, status: 'DONE' });
    const [{ members }] = await t.dataSource.query(
      `SELECT count(*)::int AS members FROM members WHERE county_code = $1 AND id_number_encrypted LIKE 'v1:%' AND id_number_hash ~ '^[0-9a-f]{64}$'`,
      [COUNTY],
    );
    expect(run.idNumbersRechecked).toBe(members);
    // the wrong check digit, and the copied hash that does not belong to its own number (ID_NUMBER_MISSING's
    // member, with no hash at all, is that check's and is not decrypted)
    expect(countsOf(run)[C.ID_NUMBER_INVALID]).toBe(2);
    const invalid = (await t.request('GET', '/api/v1/quality/findings', { token: county.token, query: { check: C.ID_NUMBER_INVALID } })).body.items;
    const byHousehold = Object.fromEntries(invalid.map((f: any) => [f.household.id, f.description]));
    expect(byHousehold).toEqual({
      [h.badId.id]: `${maskName('褚错号')}（户主）：身份证号码校验码错误，请核对`,
      [h.duplicateB.id]: `${maskName('陈重复')}（户主）：检索码与证件号码不符（无法按证件号码查到此人）`,
    });
    const audit = await t.dataSource.query(`SELECT after FROM audit_logs WHERE action = 'quality.id-recheck' AND entity_id = $1`, [runId]);
    expect(audit).toEqual([{ after: { requestedBy: county.account.id, decrypted: members, invalid: 2 } }]);
  });

  it('the monthly job makes one run per county with households, once a month', async () => {
    const monthly = async () => {
      await jobs.runNow(QUALITY_MONTHLY_JOB);
      await jobs.whenIdle(30_000);
      return t.dataSource.query(`SELECT id, region_code, status, total, to_char(run_date, 'YYYY-MM-DD') AS run_date FROM quality_runs WHERE trigger = 'MONTHLY' ORDER BY run_date`);
    };
    const first = await monthly();
    expect(first).toEqual([expect.objectContaining({ region_code: COUNTY, status: 'DONE', run_date: '2025-12-10' })]);
    expect(first[0].total).toBeGreaterThan(0);
    expect(await monthly()).toHaveLength(1);
    t.app.get(Clock).set(new Date('2026-01-01T01:00:00.000Z'));
    try {
      const next = await monthly();
      expect(next.map((r: any) => r.run_date)).toEqual(['2025-12-10', '2026-01-01']);
    } finally {
      t.app.get(Clock).set(DEC_10);
    }
    const audit = await t.dataSource.query(`SELECT actor_account_id FROM audit_logs WHERE action = 'quality.run' AND entity_id = $1`, [first[0].id]);
    expect(audit).toEqual([{ actor_account_id: null }]);
  });

  it('refuses bad input naming the field, regions outside the caller, unknown regions and runs', async () => {
    const bad = await post(county, { region: 'abc', recheckIdNumbers: 'yes' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: any) => d.field).sort()).toEqual(['recheckIdNumbers', 'region']);
    expect((await post(townshipA, { region: TOWNSHIP_B })).status).toBe(403);
    const unknown = await post(county, { region: '530129999' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.code).toBe('QUALITY_REGION_UNKNOWN');
    expect((await post(villageA)).status).toBe(403);
    expect((await t.request('GET', '/api/v1/quality/findings', { token: county.token, query: { check: 'NOPE' } })).status).toBe(400);
    expect((await t.request('GET', '/api/v1/quality/runs/not-a-run', { token: county.token })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/quality/findings', { token: county.token, query: { run: 'x' } })).status).toBe(400);
  });

  it('masks names in SQL exactly as shared/ does, and turns a prefix into the matching code range', async () => {
    const names = ['张', '张三', '张三丰', '欧阳娜娜', '𠮷野家', ''];
    const rows = await t.dataSource.query(`SELECT ${maskNameSql('n')} AS masked FROM unnest($1::text[]) WITH ORDINALITY AS x(n, i) ORDER BY i`, [names]);
    expect(rows.map((r: any) => r.masked)).toEqual(names.map((n) => maskName(n)));
    expect(codeRange('530129')).toEqual({ lower: '530129', upper: '530130' });
    expect(codeRange('530129109')).toEqual({ lower: '530129109', upper: '530129110' });
    expect(codeRange('99')).toEqual({ lower: '99', upper: null });
    expect(codeRange('')).toEqual({ lower: '', upper: null });
  });
});
