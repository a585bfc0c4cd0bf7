import { CaseAction, CaseSource, CaseStatus, Role } from '@jiuzhu/shared';
import { createAccount } from '../../../../test/factories/accounts.js';
import { createGrids, createHousehold, householdBody } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { Clock } from '../../../common/clock.js';
import { notCleanReasons } from '../case-cleanliness.js';
import type { Case } from '../entities/case.entity.js';
import { act, actOk, Cadres, chinaMorning, createCadres, fields, publicizeBody, surveyBody, VILLAGE_A, VILLAGE_B } from './case-fixtures.js';

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

/**
 * The government app's case screens: the township's bulk approval of clean cases (each item its own transaction,
 * a stale version a CONFLICT, a case of another township or not clean REFUSED, the rest done and audited), the
 * inbox filters (several statuses, one household), the cadres a case can be given to, and a household's surveys.
 */
describe('cases: bulk approval and the look-ups of the government app', () => {
  let t: TestApp;
  let clock: Clock;
  let gridA: string;
  let gridB: string;
  let cadres: Cadres;
  let townshipB: { token: string };
  let villageB: { token: string };
  let gridWorkerB: { token: string; account: { id: string } };
  let villageB2: { account: { id: string } };
  const created: Record<string, { id: string; householdId: string }> = {};

  /** A case of a new household in `grid`, entered by a cadre, taken to TOWNSHIP_REVIEW (publicity over). */
  async function toTownshipReview(
    name: string,
    grid: string,
    who: { village: { token: string }; worker: { token: string; account: { id: string } }; second: { account: { id: string } } },
    survey: Record<string, unknown> = {},
  ) {
    clock.set(chinaMorning('2025-06-03'));
    const household = await createHousehold(t, who.village.token, householdBody(grid, { headName: name }));
    const res = await t.request('POST', '/api/v1/cases', {
      token: who.village.token,
      body: { source: CaseSource.CADRE, householdId: household.id, description: '入户排查发现因病支出大', consent: true },
    });
    if (res.status !== 201) throw new Error(`case: ${res.status} ${JSON.stringify(res.body)}`);
    const id = res.body.id;
    await actOk(t, who.village.token, id, { action: CaseAction.ANALYZE_PROCEED, version: 1, reason: '需入户核实' });
    await actOk(t, who.worker.token, id, surveyBody(2, [who.worker.account.id, who.second.account.id], '2025-06-03', { memberCount: 1, ...survey }));
    await actOk(t, who.village.token, id, publicizeBody(3, '2025-06-03'));
    clock.set(chinaMorning('2025-06-09'));
    const closed = await actOk(t, who.village.token, id, { action: CaseAction.PUBLICIZE_CLOSE, version: 4 });
    expect(closed.status).toBe(CaseStatus.TOWNSHIP_REVIEW);
    created[name] = { id, householdId: household.id };
    return closed;
  }

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    [gridA, gridB] = await createGrids(t, [VILLAGE_A, VILLAGE_B]);
    cadres = await createCadres(t, gridA);
    townshipB = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: VILLAGE_B.slice(0, 9) });
    villageB = cadres.otherVillage;
    gridWorkerB = await createAccount(t, { role: Role.GRID_WORKER, regionCode: gridB });
    villageB2 = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_B });
    const a = { village: cadres.village, worker: cadres.gridWorker, second: cadres.village2 };
    await toTownshipReview('赵清白', gridA, a);
    await toTownshipReview('钱过时', gridA, a);
    await toTownshipReview('孙退回', gridA, a);
    await toTownshipReview('李未核', gridA, a, { membersConfirmed: false });
    await toTownshipReview('周外镇', gridB, { village: villageB, worker: gridWorkerB, second: villageB2 });
    // 孙退回: sent back once by the township, surveyed again, back at the township
    const returned = created['孙退回'].id;
    clock.set(chinaMorning('2025-06-09'));
    await actOk(t, cadres.township.token, returned, { action: CaseAction.TOWNSHIP_RETURN, version: 5, reason: '收入核算有误，请重新调查' });
    await actOk(t, cadres.gridWorker.token, returned, surveyBody(6, [cadres.gridWorker.account.id, cadres.village2.account.id], '2025-06-09', { memberCount: 1 }));
    await actOk(t, cadres.village.token, returned, publicizeBody(7, '2025-06-09'));
    clock.set(chinaMorning('2025-06-15'));
    await actOk(t, cadres.village.token, returned, { action: CaseAction.PUBLICIZE_CLOSE, version: 8 });
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });

  it('lists the township’s cases with whether each may be approved in a batch, and why not', async () => {
    const res = await t.request('GET', '/api/v1/cases/bulk-candidates', { token: cadres.township.token });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(4);
    const byName = Object.fromEntries(res.body.items.map((c: { subjectName: string }) => [c.subjectName, c]));
    expect(Object.keys(byName).sort()).toEqual(['孙退回', '李未核', '赵清白', '钱过时'].sort());
    expect(byName['赵清白']).toMatchObject({ clean: true, notCleanReasons: [], objections: 0, comparison: 'BELOW', status: CaseStatus.TOWNSHIP_REVIEW });
    expect(byName['孙退回'].clean).toBe(false);
    expect(byName['孙退回'].notCleanReasons).toEqual(['曾被退回，须逐件审核']);
    expect(byName['李未核'].notCleanReasons).toEqual(['调查不完整（家庭成员未逐一核实）']);
    // another township sees only its own; other roles may not use it
    const other = await t.request('GET', '/api/v1/cases/bulk-candidates', { token: townshipB.token });
    expect(ids(other.body)).toEqual([created['周外镇'].id]);
    expect((await t.request('GET', '/api/v1/cases/bulk-candidates', { token: cadres.village.token })).status).toBe(403);
  });

  it('refuses a bad batch as a whole: no opinion, no cases, duplicates, more than 50, a role that does not review', async () => {
    const clean = created['赵清白'].id;
    const empty = await t.request('POST', '/api/v1/cases/bulk-actions', {
      token: cadres.township.token,
      body: { action: CaseAction.TOWNSHIP_APPROVE, opinion: ' ', items: [] },
    });
    expect(empty.status).toBe(400);
    expect(fields(empty.body)).toEqual(['items', 'opinion']);
    const duplicated = await t.request('POST', '/api/v1/cases/bulk-actions', {
      token: cadres.township.token,
      body: { action: CaseAction.TOWNSHIP_APPROVE, opinion: '同意', items: [{ id: clean, version: 5 }, { id: clean, version: 5 }] },
    });
    expect(duplicated.status).toBe(400);
    expect(fields(duplicated.body)).toEqual(['items.1.id']);
    const tooMany = await t.request('POST', '/api/v1/cases/bulk-actions', {
      token: cadres.township.token,
      body: {
        action: CaseAction.TOWNSHIP_APPROVE,
        opinion: '同意',
        items: Array.from({ length: 51 }, (_, i) => ({ id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, version: 1 })),
      },
    });
    expect(tooMany.status).toBe(400);
    expect(fields(tooMany.body)).toEqual(['items']);
    const wrongAction = await t.request('POST', '/api/v1/cases/bulk-actions', {
      token: cadres.township.token,
      body: { action: CaseAction.COUNTY_CONFIRM, opinion: '同意', items: [{ id: clean, version: 5 }] },
    });
    expect(wrongAction.status).toBe(400);
    expect(fields(wrongAction.body)).toEqual(['action']);
    const village = await t.request('POST', '/api/v1/cases/bulk-actions', {
      token: cadres.village.token,
      body: { action: CaseAction.TOWNSHIP_APPROVE, opinion: '同意', items: [{ id: clean, version: 5 }] },
    });
    expect(village.status).toBe(403);
    const still = await t.request('GET', `/api/v1/cases/${clean}`, { token: cadres.township.token });
    expect(still.body).toMatchObject({ status: CaseStatus.TOWNSHIP_REVIEW, version: 5 });
  });

  it('approves the clean cases one by one: a stale version is a conflict, another township’s case and an unclean one are refused', async () => {
    const items = [
      { id: created['赵清白'].id, version: 5 },
      { id: created['钱过时'].id, version: 4 }, // read before the notice was closed
      { id: created['孙退回'].id, version: 9 },
      { id: created['周外镇'].id, version: 5 },
      { id: created['李未核'].id, version: 5 },
    ];
    const res = await t.request('POST', '/api/v1/cases/bulk-actions', {
      token: cadres.township.token,
      body: { action: CaseAction.TOWNSHIP_APPROVE, opinion: '经审核，情况属实，同意报县级确定', items },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ done: 1, conflicts: 1, refused: 3 });
    const [clean, stale, returned, outside, unconfirmed] = res.body.results;
    expect(clean).toMatchObject({ id: items[0].id, outcome: 'DONE', code: null, version: 6 });
    expect(stale).toMatchObject({ id: items[1].id, outcome: 'CONFLICT', code: 'CASE_VERSION_CONFLICT' });
    expect(stale.message).toMatch(/他人处理/);
    expect(returned).toMatchObject({ outcome: 'REFUSED', code: 'CASE_NOT_CLEAN' });
    expect(returned.message).toContain('曾被退回');
    expect(outside).toMatchObject({ outcome: 'REFUSED', code: 'NOT_FOUND', caseNumber: null });
    expect(outside.message).toMatch(/不存在/);
    expect(unconfirmed).toMatchObject({ outcome: 'REFUSED', code: 'CASE_NOT_CLEAN' });

    // the clean one moved on through the ordinary transition, with its event and audit row; the others did not move
    const approved = (await t.request('GET', `/api/v1/cases/${items[0].id}`, { token: cadres.township.token })).body;
    expect(approved).toMatchObject({ status: CaseStatus.COUNTY_DECISION, version: 6 });
    expect(approved.townshipReview).toMatchObject({ decision: 'APPROVE', text: '经审核，情况属实，同意报县级确定' });
    expect(approved.timeline.at(-1)).toMatchObject({ action: CaseAction.TOWNSHIP_APPROVE, actorRole: Role.TOWNSHIP_REVIEWER });
    for (const item of items.slice(1, 3)) {
      const c = (await t.request('GET', `/api/v1/cases/${item.id}`, { token: cadres.township.token })).body;
      expect(c.status).toBe(CaseStatus.TOWNSHIP_REVIEW);
    }
    const rows: { action: string; entity_id: string | null; after: { results?: unknown[] } }[] = await t.dataSource.query(
      `SELECT action, entity_id, after FROM audit_logs WHERE action IN ('case.bulk-action', 'case.township.approve') ORDER BY id`,
    );
    expect(rows.filter((r) => r.action === 'case.township.approve').map((r) => r.entity_id)).toEqual([items[0].id]);
    const bulk = rows.filter((r) => r.action === 'case.bulk-action');
    expect(bulk).toHaveLength(1);
    expect(bulk[0].after.results).toHaveLength(5);
  });

  it('filters the inbox by several statuses and by household', async () => {
    const waiting = await t.request('GET', '/api/v1/cases', {
      token: cadres.county.token,
      query: { statuses: `${CaseStatus.COUNTY_DECISION},${CaseStatus.TOWNSHIP_REVIEW}` },
    });
    expect(waiting.status).toBe(200);
    expect(waiting.body.total).toBe(5);
    const county = await t.request('GET', '/api/v1/cases', { token: cadres.county.token, query: { statuses: CaseStatus.COUNTY_DECISION } });
    expect(ids(county.body)).toEqual([created['赵清白'].id]);
    const bad = await t.request('GET', '/api/v1/cases', { token: cadres.county.token, query: { statuses: 'DECLARED,NOPE' } });
    expect(bad.status).toBe(400);
    const one = await t.request('GET', '/api/v1/cases', { token: cadres.village.token, query: { householdId: created['钱过时'].householdId } });
    expect(ids(one.body)).toEqual([created['钱过时'].id]);
    const outside = await t.request('GET', '/api/v1/cases', { token: cadres.village.token, query: { householdId: created['周外镇'].householdId } });
    expect(outside.body.total).toBe(0);
  });

  it('names the cadres who may survey or lead a case: those on its village’s line, nobody from elsewhere', async () => {
    const res = await t.request('GET', `/api/v1/cases/${created['钱过时'].id}/workers`, { token: cadres.gridWorker.token });
    expect(res.status).toBe(200);
    const names = res.body.items.map((w: { name: string }) => w.name);
    expect(names).toEqual(expect.arrayContaining(['村干部李', '村干部王', '网格员赵', '乡镇审核人周', '县级干部郑']));
    expect(res.body.items.find((w: { name: string }) => w.name === '网格员赵')).toMatchObject({ role: Role.GRID_WORKER, roleLabel: '网格员', regionCode: gridA });
    expect(res.body.items.every((w: { regionCode: string }) => gridA.startsWith(w.regionCode) || w.regionCode.startsWith(gridA))).toBe(true);
    expect((await t.request('GET', `/api/v1/cases/${created['周外镇'].id}/workers`, { token: cadres.village.token })).status).toBe(404);
  });

  it('gives a household’s income history from its surveys, newest first, only inside the caller’s region', async () => {
    const returned = created['孙退回'];
    const res = await t.request('GET', '/api/v1/cases/surveys', { token: cadres.village.token, query: { householdId: returned.householdId } });
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((s: { round: number }) => s.round)).toEqual([2, 1]);
    expect(res.body.items[0]).toMatchObject({
      caseId: returned.id,
      visitDate: '2025-06-09',
      memberCount: 1,
      householdNetIncome: 8200,
      perCapitaNetIncome: 8200,
      monitoringLine: 8700,
      comparison: 'BELOW',
      surveyors: ['网格员赵', '村干部王'],
      income: { wage: 6000, business: 2000, property: 0, transfer: 1200, businessCost: 1000 },
    });
    const outside = await t.request('GET', '/api/v1/cases/surveys', { token: cadres.village.token, query: { householdId: created['周外镇'].householdId } });
    expect(outside.status).toBe(404);
    const missing = await t.request('GET', '/api/v1/cases/surveys', { token: cadres.village.token });
    expect(missing.status).toBe(400);
    expect(fields(missing.body)).toEqual(['householdId']);
  });

  it('counts an unanswered objection as unclean (the rule itself)', () => {
    const c = { id: 'x', status: CaseStatus.TOWNSHIP_REVIEW, survey: null } as unknown as Case;
    expect(notCleanReasons(c, [], { unanswered: 2 })).toEqual(['调查不完整（没有实地调查记录）', '有2条异议未答复']);
  });
});
