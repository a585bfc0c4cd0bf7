import { Clock } from '../../../common/clock.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { createGrids } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { SCREENING_GENERATE_JOB } from '../screening-generation.service.js';
import {
  addHousehold,
  COUNTY,
  createScreeningCadres,
  fields,
  generate,
  JUNE_10,
  MONTH,
  postResults,
  resultBody,
  ScreeningCadres,
  VILLAGE_A,
  VILLAGE_B,
} from './screening-fixtures.js';

describe('screening rounds 一月一筛查: generation and scope', () => {
  let t: TestApp;
  let clock: Clock;
  let grids: { a1: string; a2: string; b: string };
  let cadres: ScreeningCadres;
  const households: Record<string, { id: string; version: number }> = {};

  const tasksOf = (month: string) =>
    t.dataSource.query(
      `SELECT t.household_id, t.reason, t.grid_code, t.status, t.household_version_at_issue, r.grid_code AS round_grid
         FROM screening_tasks t JOIN screening_rounds r ON r.county_code = t.county_code AND r.id = t.round_id
        WHERE t.month = $1 ORDER BY t.household_id`,
      [month],
    );
  const count = async (table: string, month: string) =>
    (await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table} WHERE month = $1`, [month]))[0].n as number;

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    clock.set(JUNE_10);
    const [a1, a2, b] = await createGrids(t, [VILLAGE_A, VILLAGE_A, VILLAGE_B]);
    grids = { a1, a2, b };
    cadres = await createScreeningCadres(t, grids);
    households.poorA1 = await addHousehold(t, cadres.village.token, a1, 'OUT_OF_POVERTY');
    households.monitoredA1 = await addHousehold(t, cadres.village.token, a1, 'MONITORED');
    households.ordinaryA1 = await addHousehold(t, cadres.village.token, a1, 'ORDINARY');
    households.poorA2 = await addHousehold(t, cadres.village.token, a2, 'OUT_OF_POVERTY');
    households.poorB = await addHousehold(t, cadres.villageB.token, b, 'OUT_OF_POVERTY');
    households.ordinaryB = await addHousehold(t, cadres.villageB.token, b, 'ORDINARY');
  });
  afterAll(async () => t.close());

  it('creates one round per grid with households in scope and one task per such household; a second run creates nothing', async () => {
    const first = await generate(t, cadres.county.token, { month: MONTH });
    expect(first).toEqual({ month: MONTH, roundsCreated: 3, tasksCreated: 4, counties: [COUNTY] });
    const tasks = await tasksOf(MONTH);
    expect(tasks.map((x: any) => [x.household_id, x.reason]).sort()).toEqual(
      [
        [households.poorA1.id, 'OUT_OF_POVERTY'],
        [households.monitoredA1.id, 'MONITORED'],
        [households.poorA2.id, 'OUT_OF_POVERTY'],
        [households.poorB.id, 'OUT_OF_POVERTY'],
      ].sort(),
    );
    expect(tasks.every((x: any) => x.status === 'TODO' && x.grid_code === x.round_grid && x.household_version_at_issue === 1)).toBe(true);

    const again = await generate(t, cadres.county.token, { month: MONTH });
    expect(again).toMatchObject({ roundsCreated: 0, tasksCreated: 0 });
    expect(await count('screening_rounds', MONTH)).toBe(3);
    expect(await count('screening_tasks', MONTH)).toBe(4);
    const [generation] = await t.dataSource.query(`SELECT * FROM screening_generations WHERE county_code = $1 AND month = $2`, [COUNTY, MONTH]);
    expect(generation).toMatchObject({ rounds_created: 3, tasks_created: 4, generated_by: cadres.county.account.id });
    const audit = await t.dataSource.query(`SELECT after FROM audit_logs WHERE action = 'screening.generate' ORDER BY at`);
    expect(audit.map((a: any) => a.after.tasksCreated)).toEqual([4, 0]);
  });

  it('picks up a household that came into scope since, and only that one', async () => {
    households.newPoorA1 = await addHousehold(t, cadres.village.token, grids.a1, 'OUT_OF_POVERTY', '王新户');
    const body = await generate(t, cadres.admin.token, { month: MONTH, region: VILLAGE_A });
    expect(body).toEqual({ month: MONTH, roundsCreated: 0, tasksCreated: 1, counties: [COUNTY] });
    expect(await count('screening_tasks', MONTH)).toBe(5);
  });

  it('refuses other roles (403), a region outside the caller\'s (403), bad input (400) and months past the next', async () => {
    for (const who of [cadres.village, cadres.worker, cadres.township]) {
      expect((await t.request('POST', '/api/v1/screening/rounds/generate', { token: who.token, body: {} })).status).toBe(403);
    }
    expect((await t.request('POST', '/api/v1/screening/rounds/generate', { token: cadres.county.token, body: { region: '530128' } })).status).toBe(403);
    const bad = await t.request('POST', '/api/v1/screening/rounds/generate', { token: cadres.county.token, body: { month: '2025-13', region: '5301291' } });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['month', 'region']);
    const far = await t.request('POST', '/api/v1/screening/rounds/generate', { token: cadres.county.token, body: { month: '2025-08' } });
    expect(far.status).toBe(400);
    expect(far.body.code).toBe('SCREENING_MONTH_OUT_OF_RANGE');
  });

  it('the monthly job generates each county once a month (the next month here), then skips it', async () => {
    clock.set(new Date('2025-06-30T16:30:00.000Z')); // 2025-07-01 00:30 in China
    const jobs = t.app.get(JobsService);
    await jobs.runNow(SCREENING_GENERATE_JOB);
    expect(await count('screening_tasks', '2025-07')).toBe(5);
    const [row] = await t.dataSource.query(`SELECT generated_by FROM screening_generations WHERE county_code = $1 AND month = '2025-07'`, [COUNTY]);
    expect(row.generated_by).toBeNull();
    // households added later wait for a trigger: the job does not scan a county twice a month
    await addHousehold(t, cadres.village.token, grids.a1, 'OUT_OF_POVERTY', '赵后来');
    await jobs.runNow(SCREENING_GENERATE_JOB);
    expect(await count('screening_tasks', '2025-07')).toBe(5);
    expect((await generate(t, cadres.county.token)).tasksCreated).toBe(1);
    clock.set(JUNE_10);
  });

  it('includes a household whose screening found a risk within the last months (EARLIER_FINDING), as the scope says', async () => {
    // June: the monitored household has a finding; it leaves monitoring afterwards
    const [task] = await t.dataSource.query(`SELECT id FROM screening_tasks WHERE month = $1 AND household_id = $2`, [MONTH, households.monitoredA1.id]);
    const posted = await postResults(t, cadres.worker.token, [resultBody(task.id, 1, { riskTypes: ['ILLNESS'] })]);
    expect(posted.body.results[0].outcome).toBe('STORED');
    await t.dataSource.query(`UPDATE households SET monitoring_type = NULL WHERE id = $1`, [households.monitoredA1.id]);

    clock.set(new Date('2025-08-05T02:00:00.000Z'));
    await generate(t, cadres.county.token, { month: '2025-08' });
    const august = await tasksOf('2025-08');
    expect(august.find((x: any) => x.household_id === households.monitoredA1.id)?.reason).toBe('EARLIER_FINDING');

    // a county's own scope: 1 month back only, 脱贫户 not included
    const put = await t.request('PUT', '/api/v1/screening/scope', {
      token: cadres.admin.token,
      body: { regionCode: COUNTY, includeOutOfPoverty: false, includeMonitored: true, includeWarnings: true, includeRecentFindings: true, findingMonths: 1 },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ regionCode: COUNTY, own: true, sourceRegionCode: COUNTY, findingMonths: 1 });
    clock.set(new Date('2025-09-05T02:00:00.000Z'));
    expect(await generate(t, cadres.county.token, { month: '2025-09' })).toMatchObject({ roundsCreated: 0, tasksCreated: 0 });

    const scope = await t.request('GET', '/api/v1/screening/scope', { token: cadres.township.token, query: { region: '530129' } });
    expect(scope.body).toMatchObject({ includeOutOfPoverty: false, own: true });
    expect((await t.request('GET', '/api/v1/screening/scope', { token: cadres.township.token, query: { region: '5301' } })).body).toMatchObject({
      includeOutOfPoverty: true,
      sourceRegionCode: null,
      findingMonths: 3,
    });
    expect((await t.request('PUT', '/api/v1/screening/scope', { token: cadres.county.token, body: put.body })).status).toBe(403);
    const removed = await t.request('DELETE', `/api/v1/screening/scope/${COUNTY}`, { token: cadres.admin.token });
    expect(removed.body).toMatchObject({ own: false, sourceRegionCode: null, includeOutOfPoverty: true });
    clock.set(JUNE_10);
  });
});
