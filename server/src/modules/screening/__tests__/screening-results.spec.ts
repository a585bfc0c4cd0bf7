import { randomUUID } from 'node:crypto';
import { Clock } from '../../../common/clock.js';
import { createGrids } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import {
  addHousehold,
  createScreeningCadres,
  fields,
  generate,
  JUNE_10,
  MONTH,
  postResults,
  resultBody,
  ScreeningCadres,
  TOWNSHIP_A,
  VILLAGE_A,
  VILLAGE_B,
} from './screening-fixtures.js';

describe('screening tasks and results: download, replay, conflicts, findings', () => {
  let t: TestApp;
  let grids: { a1: string; a2: string; b: string };
  let cadres: ScreeningCadres;
  const households: Record<string, { id: string; version: number }> = {};
  const taskOf: Record<string, string> = {};

  const resultRows = (taskId: string) =>
    t.dataSource.query(`SELECT id, worker_account_id, conflict, conflict_reason, resolution, case_id FROM screening_results WHERE task_id = $1 ORDER BY created_at`, [taskId]);
  const taskStatus = async (taskId: string) => (await t.dataSource.query(`SELECT status FROM screening_tasks WHERE id = $1`, [taskId]))[0].status;
  const screeningCases = (householdId: string) =>
    t.dataSource.query(`SELECT id, status, source, assigned_account_id FROM cases WHERE household_id = $1 AND source = 'SCREENING'`, [householdId]);

  beforeAll(async () => {
    t = await createTestApp();
    t.app.get(Clock).set(JUNE_10);
    const [a1, a2, b] = await createGrids(t, [VILLAGE_A, VILLAGE_A, VILLAGE_B]);
    grids = { a1, a2, b };
    cadres = await createScreeningCadres(t, grids);
    households.poor = await addHousehold(t, cadres.village.token, a1, 'OUT_OF_POVERTY', '陈国强');
    households.monitored = await addHousehold(t, cadres.village.token, a1, 'MONITORED', '马文华');
    households.changed = await addHousehold(t, cadres.village.token, a1, 'OUT_OF_POVERTY', '杨永福');
    households.twice = await addHousehold(t, cadres.village.token, a1, 'OUT_OF_POVERTY', '段志明');
    households.other = await addHousehold(t, cadres.village.token, a1, 'OUT_OF_POVERTY', '罗春林');
    households.a2 = await addHousehold(t, cadres.village.token, a2, 'OUT_OF_POVERTY', '周光荣');
    households.b = await addHousehold(t, cadres.villageB.token, b, 'OUT_OF_POVERTY', '何德才');
    await generate(t, cadres.admin.token, { month: MONTH });
    const tasks: { id: string; household_id: string }[] = await t.dataSource.query(`SELECT id, household_id FROM screening_tasks`);
    for (const [key, h] of Object.entries(households)) taskOf[key] = tasks.find((x) => x.household_id === h.id)!.id;
  });
  afterAll(async () => t.close());

  it('gives a grid worker only their grid and a village cadre the village, as masked cards; other roles 403, other grids 403', async () => {
    const mine = await t.request('GET', '/api/v1/screening/tasks', { token: cadres.worker.token, query: { month: MONTH, pageSize: 500 } });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(5);
    expect(mine.body.items.every((x: any) => x.gridCode === grids.a1 && x.status === 'TODO' && x.month === MONTH)).toBe(true);
    const card = mine.body.items.find((x: any) => x.household.id === households.poor.id);
    expect(card).toMatchObject({
      reason: 'OUT_OF_POVERTY',
      reasonLabel: '脱贫户',
      statusLabel: '待筛查',
      lastResult: null,
      result: null,
      household: { headName: '陈国强', memberCount: 2, phoneMasked: '138****5678', version: 1, householdType: 'OUT_OF_POVERTY' },
    });
    expect(card.household.members[0]).toEqual({ name: '陈国强', relation: 'HEAD', idNumberMasked: expect.stringMatching(/^5301\*{10}\d{3}[\dX]$/), age: 50 });
    const text = JSON.stringify(mine.body);
    expect(text).not.toContain('SERIOUS_ILLNESS');
    expect(text).not.toContain('health');
    expect(text).not.toContain('13812345678');

    const village = await t.request('GET', '/api/v1/screening/tasks', { token: cadres.village.token, query: { pageSize: 500 } });
    expect(village.body.total).toBe(6); // both grids of the village, this month by default
    const onlyA2 = await t.request('GET', '/api/v1/screening/tasks', { token: cadres.village.token, query: { grid: grids.a2 } });
    expect(onlyA2.body.items.map((x: any) => x.household.id)).toEqual([households.a2.id]);
    expect((await t.request('GET', '/api/v1/screening/tasks', { token: cadres.worker.token, query: { grid: grids.a2 } })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/screening/tasks', { token: cadres.villageB.token, query: { grid: grids.a1 } })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/screening/tasks', { token: cadres.township.token })).status).toBe(403);
    const tooMany = await t.request('GET', '/api/v1/screening/tasks', { token: cadres.worker.token, query: { pageSize: 501 } });
    expect(tooMany.status).toBe(400);
    expect(fields(tooMany.body)).toEqual(['pageSize']);
    const paged = await t.request('GET', '/api/v1/screening/tasks', { token: cadres.worker.token, query: { pageSize: 2, page: 3 } });
    expect(paged.body).toMatchObject({ total: 5, page: 3, pageSize: 2 });
    expect(paged.body.items).toHaveLength(1);
  });

  it('stores a result once: the same clientId again is DUPLICATE with the same id, and one row', async () => {
    const item = resultBody(taskOf.poor, 1, { location: { latitude: 25.55, longitude: 103.25, accuracy: 20 }, note: '  家中一切正常  ' });
    const first = await postResults(t, cadres.worker.token, [item]);
    expect(first.status).toBe(200);
    expect(first.body.results).toEqual([{ clientId: item.clientId, outcome: 'STORED', resultId: expect.any(String) }]);
    const again = await postResults(t, cadres.worker.token, [item, item]);
    expect(again.body.results.map((r: any) => [r.outcome, r.resultId])).toEqual([
      ['DUPLICATE', first.body.results[0].resultId],
      ['DUPLICATE', first.body.results[0].resultId],
    ]);
    expect(await resultRows(taskOf.poor)).toHaveLength(1);
    expect(await taskStatus(taskOf.poor)).toBe('DONE');
    const card = (await t.request('GET', '/api/v1/screening/tasks', { token: cadres.worker.token, query: { status: 'DONE' } })).body.items[0];
    expect(card.result).toMatchObject({ id: first.body.results[0].resultId, note: '家中一切正常', mine: true, workerName: '网格员赵', conflict: false });
    expect(await screeningCases(households.poor.id)).toEqual([]);

    // the same result sent twice at the same moment (two requests racing after a reconnect) is stored once
    const raced = resultBody(taskOf.poor, 1, { visitedAt: '2025-06-09T05:00:00.000Z' });
    const both = await Promise.all([postResults(t, cadres.worker.token, [raced]), postResults(t, cadres.worker.token, [raced])]);
    expect(both.map((r) => r.body.results[0].outcome).sort()).toEqual(['DUPLICATE', 'STORED']);
    expect(new Set(both.map((r) => r.body.results[0].resultId)).size).toBe(1);
    expect(await resultRows(taskOf.poor)).toHaveLength(2);

    // with an Idempotency-Key the whole answer is replayed too
    const keyed = resultBody(taskOf.other, 1);
    const headers = { 'idempotency-key': `screening-${randomUUID()}` };
    const one = await postResults(t, cadres.worker.token, [keyed], headers);
    const two = await postResults(t, cadres.worker.token, [keyed], headers);
    expect(one.body.results[0].outcome).toBe('STORED');
    expect(two.body).toEqual(one.body);
    expect(await resultRows(taskOf.other)).toHaveLength(1);
  });

  it('keeps a result for a household changed since the download as a CONFLICT, and resolves it (KEEP opens the case; 409 the second time)', async () => {
    const patch = await t.request('PATCH', `/api/v1/households/${households.changed.id}`, {
      token: cadres.village.token,
      body: { version: 1, address: '羊街镇羊街村委会新村1号' },
    });
    expect(patch.status).toBe(200);
    const item = resultBody(taskOf.changed, 1, { checklist: { ...resultBody('', 1).checklist, housingSafety: false }, note: '房屋后墙开裂' });
    const posted = await postResults(t, cadres.worker.token, [item]);
    expect(posted.body.results[0]).toMatchObject({ outcome: 'CONFLICT', resultId: expect.any(String), message: expect.stringContaining('冲突') });
    expect(posted.body.results[0].caseId).toBeUndefined();
    expect(await taskStatus(taskOf.changed)).toBe('CONFLICT');
    expect(await screeningCases(households.changed.id)).toEqual([]); // a conflict opens no case until kept

    const conflicts = await t.request('GET', '/api/v1/screening/conflicts', { token: cadres.worker.token });
    expect(conflicts.body.total).toBe(1);
    expect(conflicts.body.items[0]).toMatchObject({
      id: posted.body.results[0].resultId,
      conflictReason: 'HOUSEHOLD_CHANGED',
      baseHouseholdVersion: 1,
      household: { version: 2, address: '羊街镇羊街村委会新村1号' },
      taskStatus: 'CONFLICT',
      otherResults: [],
    });
    expect((await t.request('GET', '/api/v1/screening/conflicts', { token: cadres.workerA2.token })).body.total).toBe(0);
    expect((await t.request('POST', `/api/v1/screening/results/${posted.body.results[0].resultId}/resolve`, { token: cadres.workerA2.token, body: { resolution: 'KEEP' } })).status).toBe(404);

    const kept = await t.request('POST', `/api/v1/screening/results/${posted.body.results[0].resultId}/resolve`, {
      token: cadres.worker.token,
      body: { resolution: 'KEEP', note: '地址更新不影响筛查结论' },
    });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({ taskStatus: 'DONE', caseId: expect.any(String), result: { resolution: 'KEPT', resolutionNote: '地址更新不影响筛查结论' } });
    const cases = await screeningCases(households.changed.id);
    expect(cases).toEqual([{ id: kept.body.caseId, status: 'DECLARED', source: 'SCREENING', assigned_account_id: cadres.worker.account.id }]);
    const again = await t.request('POST', `/api/v1/screening/results/${posted.body.results[0].resultId}/resolve`, {
      token: cadres.worker.token,
      body: { resolution: 'DISCARD' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('SCREENING_ALREADY_RESOLVED');
  });

  it('flags a second worker\'s result for a task already screened; DISCARD leaves the first result standing', async () => {
    const first = await postResults(t, cadres.worker.token, [resultBody(taskOf.twice, 1)]);
    expect(first.body.results[0].outcome).toBe('STORED');
    const second = await postResults(t, cadres.worker2.token, [resultBody(taskOf.twice, 1, { contactMode: 'PHONE', anyoneHome: false })]);
    expect(second.body.results[0].outcome).toBe('CONFLICT');
    const rows = await resultRows(taskOf.twice);
    expect(rows.map((r: any) => [r.worker_account_id, r.conflict, r.conflict_reason])).toEqual([
      [cadres.worker.account.id, false, null],
      [cadres.worker2.account.id, true, 'ALREADY_SCREENED'],
    ]);
    const listed = (await t.request('GET', '/api/v1/screening/conflicts', { token: cadres.village.token, query: { month: MONTH } })).body.items;
    expect(listed.find((c: any) => c.id === second.body.results[0].resultId).otherResults.map((o: any) => o.id)).toEqual([first.body.results[0].resultId]);
    const discarded = await t.request('POST', `/api/v1/screening/results/${second.body.results[0].resultId}/resolve`, {
      token: cadres.village.token,
      body: { resolution: 'DISCARD' },
    });
    expect(discarded.body).toMatchObject({ taskStatus: 'DONE', caseId: null, result: { resolution: 'DISCARDED' } });
    const stored = await postResults(t, cadres.worker.token, [resultBody(taskOf.poor, 1)]);
    expect((await t.request('POST', `/api/v1/screening/results/${stored.body.results[0].resultId}/resolve`, { token: cadres.worker.token, body: { resolution: 'KEEP' } })).body.code).toBe(
      'SCREENING_NOT_CONFLICT',
    );
  });

  it('opens a SCREENING case at the declare step for a finding, once per household', async () => {
    const finding = resultBody(taskOf.monitored, 1, { riskTypes: ['ILLNESS', 'ACCIDENT'], incomeChanged: true, incomeNote: '主要劳动力受伤停工' });
    const first = await postResults(t, cadres.worker.token, [finding]);
    expect(first.body.results[0]).toMatchObject({ outcome: 'STORED', caseId: expect.any(String), message: expect.stringContaining('已立案') });
    const [opened] = await screeningCases(households.monitored.id);
    expect(opened).toMatchObject({ id: first.body.results[0].caseId, status: 'DECLARED', source: 'SCREENING' });
    const detail = await t.request('GET', `/api/v1/cases/${opened.id}`, { token: cadres.village.token });
    expect(detail.status).toBe(200);
    expect(detail.body.description).toContain('因病、因意外事故');
    expect(detail.body.description).toContain('主要劳动力受伤停工');

    const later = await postResults(t, cadres.worker.token, [
      resultBody(taskOf.monitored, 1, { visitedAt: '2025-06-10T01:00:00.000Z', checklist: { ...resultBody('', 1).checklist, basicMedical: false } }),
    ]);
    expect(later.body.results[0]).toMatchObject({ outcome: 'STORED', message: expect.stringContaining('未重复立案') });
    expect(later.body.results[0].caseId).toBeUndefined();
    expect(await screeningCases(households.monitored.id)).toHaveLength(1);
    // the household page's history, newest first
    const history = await t.request('GET', '/api/v1/screening/results', { token: cadres.township.token, query: { householdId: households.monitored.id } });
    expect(history.body.total).toBe(2);
    expect(history.body.items[1]).toMatchObject({ caseId: opened.id, riskTypes: ['ILLNESS', 'ACCIDENT'], hasRisk: true });
    expect((await t.request('GET', '/api/v1/screening/results', { token: cadres.villageB.token, query: { householdId: households.monitored.id } })).status).toBe(404);
  });

  it('refuses a bad body as a whole (400 naming results[i].field) and rejects one bad item without blocking the others', async () => {
    const good = resultBody(taskOf.a2, 1);
    const bad = await postResults(t, cadres.village.token, [
      good,
      { ...resultBody(taskOf.a2, 1), checklist: { food: 'yes' }, contactMode: 'CAR', riskTypes: ['ILLNESS', 'NOPE'], note: 'x'.repeat(501) },
    ]);
    expect(bad.status).toBe(400);
    expect([...new Set(fields(bad.body))]).toEqual([
      'results[1].checklist.basicMedical',
      'results[1].checklist.clothing',
      'results[1].checklist.compulsoryEducation',
      'results[1].checklist.drinkingWater',
      'results[1].checklist.food',
      'results[1].checklist.housingSafety',
      'results[1].contactMode',
      'results[1].note',
      'results[1].riskTypes',
    ]);
    expect(bad.body.details[0].message).toMatch(/^第2条：/);
    expect((await postResults(t, cadres.village.token, [])).status).toBe(400);
    expect(await resultRows(taskOf.a2)).toHaveLength(0);

    const mixed = await postResults(t, cadres.village.token, [
      resultBody(taskOf.b, 1), // another village's task
      good,
      resultBody(taskOf.a2, 1, { visitedAt: '2025-07-01T00:00:00.000Z' }), // in the future
      resultBody(taskOf.a2, 1, { photoFileIds: [randomUUID()] }), // not an upload of the caller
    ]);
    expect(mixed.status).toBe(200);
    expect(mixed.body.results.map((r: any) => [r.outcome, (r.errors ?? []).map((e: any) => e.field)])).toEqual([
      ['REJECTED', ['taskId']],
      ['STORED', []],
      ['REJECTED', ['visitedAt']],
      ['REJECTED', ['photoFileIds[0]']],
    ]);
    expect(await resultRows(taskOf.a2)).toHaveLength(1);
    expect(await resultRows(taskOf.b)).toHaveLength(0);
  });

  it('refuses the queued results of a revoked phone with a clear 401 and stores nothing', async () => {
    const revoked = await t.request('POST', `/api/v1/accounts/${cadres.worker2.account.id}/sessions/revoke`, { token: cadres.admin.token });
    expect(revoked.status).toBe(200);
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM screening_results`);
    const queued = await postResults(t, cadres.worker2.token, [resultBody(taskOf.other, 1)]);
    expect(queued.status).toBe(401);
    expect(queued.body).toMatchObject({ code: 'AUTH_SESSION_REVOKED', message: expect.stringContaining('登录已失效') });
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM screening_results`)).toEqual(before);
  });

  it('counts the progress per child region: tasks, done, conflicts and findings', async () => {
    const township = await t.request('GET', '/api/v1/screening/progress', { token: cadres.township.token, query: { month: MONTH } });
    expect(township.status).toBe(200);
    expect(township.body.region).toBe(TOWNSHIP_A);
    const villageRow = township.body.items.find((i: any) => i.regionCode === VILLAGE_A);
    expect(villageRow).toMatchObject({ total: 6, done: 6, conflicts: 0, findings: 2 });
    expect(township.body.totals).toMatchObject({ total: 6, done: 6, findings: 2 });
    expect(township.body.items.length).toBeGreaterThan(1); // every village of the township, with or without tasks

    const village = await t.request('GET', '/api/v1/screening/progress', { token: cadres.village.token, query: { month: MONTH } });
    expect(village.body.items.filter((i: any) => i.total).map((i: any) => [i.regionCode, i.total, i.done])).toEqual([
      [grids.a1, 5, 5],
      [grids.a2, 1, 1],
    ]);
    const grid = await t.request('GET', '/api/v1/screening/progress', { token: cadres.worker.token, query: { month: MONTH } });
    expect(grid.body.items).toEqual([expect.objectContaining({ regionCode: grids.a1, total: 5, findings: 2 })]);
    expect((await t.request('GET', '/api/v1/screening/progress', { token: cadres.village.token, query: { region: VILLAGE_B } })).status).toBe(403);
    const county = await t.request('GET', '/api/v1/screening/progress', { token: cadres.county.token, query: { month: MONTH } });
    expect(county.body.totals).toMatchObject({ total: 7, done: 6 });
  });
});
