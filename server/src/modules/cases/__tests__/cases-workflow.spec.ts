import { CaseAction, CaseStatus, CaseStep, MeasureType, MonitoringType, Role } from '@jiuzhu/shared';
import { createGrids, createHousehold, householdBody, residentId } from '../../../../test/factories/households.js';
import { createCitizen } from '../../../../test/factories/accounts.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { Clock } from '../../../common/clock.js';
import {
  act,
  actOk,
  BoundHousehold,
  Cadres,
  chinaMorning,
  claimBody,
  confirmBody,
  createBoundHousehold,
  createCadres,
  fields,
  publicizeBody,
  submitClaim,
  surveyBody,
  VILLAGE_A,
} from './case-fixtures.js';

/**
 * One request through all six steps (六步工作法) with six accounts: the citizen who raises it, the village cadre who
 * analyses and publicises, two surveyors (grid worker + a second village cadre), the township reviewer (who first
 * sends it back) and the county officer, with an objection raised and answered during the notice.
 */
describe('cases: the six steps end to end', () => {
  let t: TestApp;
  let clock: Clock;
  let gridA: string;
  let cadres: Cadres;
  let family: BoundHousehold;

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    clock.set(chinaMorning('2025-06-03')); // a Tuesday, after the Dragon Boat holiday (2025-05-31..06-02)
    [gridA] = await createGrids(t, [VILLAGE_A]);
    cadres = await createCadres(t, gridA);
    family = await createBoundHousehold(t, cadres.village.token, gridA);
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });

  it('takes a request from the claim to a monitoring object, every step accountable', async () => {
    const { village, village2, gridWorker, township, county } = cadres;
    const citizen = family.citizen;

    // 1. 群众自主申报
    const claim = await submitClaim(t, citizen.token, claimBody(), 'claim-0001-abcdef');
    expect(claim).toMatchObject({
      source: 'SELF',
      status: CaseStatus.DECLARED,
      step: CaseStep.ANALYZE,
      stepNumber: 2,
      relation: 'CLAIMANT',
      subjectName: family.headName,
      dueDate: '2025-06-18',
      daysLeft: 15,
      overdue: false,
      analysisDueDate: '2025-06-05',
      version: 1,
    });
    expect(claim.caseNumber).toMatch(/^530129-20250603-\d{6}$/);
    const id = claim.id;

    const listed = await t.request('GET', '/api/v1/cases', { token: village.token, query: { status: CaseStatus.DECLARED } });
    expect(listed.status).toBe(200);
    expect(listed.body.items.map((c: { id: string }) => c.id)).toEqual([id]);
    let detail = (await t.request('GET', `/api/v1/cases/${id}`, { token: village.token })).body;
    expect(detail.allowedActions).toEqual([CaseAction.ANALYZE_PROCEED, CaseAction.ANALYZE_DISMISS, CaseAction.WITHDRAW]);
    expect(detail.contactPhoneMasked).toBe('138****5678');
    expect(detail.consentVersion).toBeTruthy();
    expect(detail.suggestedRiskTypes).toEqual(['ILLNESS', 'DISABILITY']);
    expect(detail.household).toMatchObject({ id: family.household.id, memberCount: 2, hasLabour: true });

    // 2. 综合分析研判
    detail = await actOk(t, village.token, id, {
      action: CaseAction.ANALYZE_PROCEED,
      version: 1,
      reason: '医保数据显示自付费用较高，需入户核实',
      checked: ['户籍档案', '医保数据'],
      assignedAccountId: gridWorker.account.id,
    });
    expect(detail).toMatchObject({ status: CaseStatus.SURVEYING, version: 2, assignedAccountId: gridWorker.account.id });

    // 3. 实地调查 (two surveyors), computed against the 2025 line of 8,700 yuan
    clock.set(chinaMorning('2025-06-04'));
    detail = await actOk(t, gridWorker.token, id, surveyBody(2, [gridWorker.account.id, village2.account.id], '2025-06-04'));
    expect(detail.status).toBe(CaseStatus.SURVEYED);
    expect(detail.survey).toMatchObject({
      round: 1,
      householdNetIncome: 8200,
      perCapitaNetIncome: 4100,
      monitoringLine: { year: 2025, amount: 8700, regionCode: '53' },
      comparison: 'BELOW',
      registryMemberCount: 2,
      income: { insurancePayout: 500, compliantOutOfPocket: 12000.5 },
    });
    expect(detail.survey.surveyors.map((s: { name: string }) => s.name)).toEqual(['网格员赵', '村干部王']);

    // 4. 评议公示: the notice is masked
    detail = await actOk(t, village.token, id, publicizeBody(3, '2025-06-04'));
    expect(detail.status).toBe(CaseStatus.PUBLICIZING);
    expect(detail.publicity).toMatchObject({ noticeStartDate: '2025-06-04', noticeEndDate: '2025-06-08', noticeDays: 5 });
    const noticeId = detail.publicity.noticeId;
    const notices = await t.request('GET', '/api/v1/notices', { token: citizen.token, query: { village: VILLAGE_A } });
    expect(notices.status).toBe(200);
    const notice = notices.body.items.find((n: { id: string }) => n.id === noticeId);
    expect(notice).toBeTruthy();
    const noticeJson = JSON.stringify(notice) + JSON.stringify((await t.request('GET', `/api/v1/notices/${noticeId}`, { token: citizen.token })).body);
    expect(noticeJson).toContain('张*国');
    expect(noticeJson).not.toContain(family.headName);
    expect(noticeJson).not.toContain(family.headIdNumber);
    expect(noticeJson).not.toContain(family.phone);
    expect(noticeJson).not.toContain('138****5678');

    // a villager objects (anonymously to the village); the period must end and the objection be answered
    const neighbour = await createNeighbour(t, village.token, gridA);
    const objection = await t.request('POST', `/api/v1/notices/${noticeId}/objections`, {
      token: neighbour,
      body: { reason: '该户去年新建了砖房，情况与公示不符', anonymous: true },
    });
    expect(objection.status).toBe(201);
    const early = await act(t, village.token, id, { action: CaseAction.PUBLICIZE_CLOSE, version: 4 });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('NOTICE_PERIOD_NOT_OVER');
    clock.set(chinaMorning('2025-06-09'));
    const unanswered = await act(t, village.token, id, { action: CaseAction.PUBLICIZE_CLOSE, version: 4 });
    expect(unanswered.status).toBe(409);
    expect(unanswered.body.code).toBe('OBJECTIONS_UNANSWERED');
    const answered = await t.request('POST', `/api/v1/notices/${noticeId}/objections/${objection.body.id}/answer`, {
      token: village.token,
      body: { answer: '经核实，新房为易地搬迁安置房，情况属实' },
    });
    expect(answered.status).toBeLessThan(300);
    detail = await actOk(t, village.token, id, { action: CaseAction.PUBLICIZE_CLOSE, version: 4 });
    expect(detail.status).toBe(CaseStatus.TOWNSHIP_REVIEW);

    // 5. 乡镇审核: sent back once, surveyed and publicised again, then approved
    detail = await actOk(t, township.token, id, { action: CaseAction.TOWNSHIP_RETURN, version: 5, reason: '请补充务工收入证明' });
    expect(detail.status).toBe(CaseStatus.SURVEYING);
    clock.set(chinaMorning('2025-06-10'));
    detail = await actOk(
      t,
      village2.token,
      id,
      surveyBody(6, [gridWorker.account.id, village2.account.id], '2025-06-10', { membersNote: '补充了务工收入证明' }),
    );
    expect(detail.survey.round).toBe(2);
    detail = await actOk(t, village.token, id, publicizeBody(7, '2025-06-10'));
    expect(detail.publicity.noticeId).not.toBe(noticeId);
    clock.set(chinaMorning('2025-06-15'));
    detail = await actOk(t, village.token, id, { action: CaseAction.PUBLICIZE_CLOSE, version: 8, note: '公示期内无异议' });
    detail = await actOk(t, township.token, id, { action: CaseAction.TOWNSHIP_APPROVE, version: 9, opinion: '情况属实，同意上报' });
    expect(detail.status).toBe(CaseStatus.COUNTY_DECISION);

    // 6. 县级确定: a household with labour needs a developmental measure
    clock.set(chinaMorning('2025-06-16'));
    const noDevelopment = await act(
      t,
      county.token,
      id,
      confirmBody(10, '2025-09-30', [{ type: MeasureType.HEALTH, content: '落实医疗救助', responsible: '羊街镇卫生院', dueDate: '2025-09-30' }]),
    );
    expect(noDevelopment.status).toBe(400);
    expect(fields(noDevelopment.body)).toEqual(['measures']);
    detail = await actOk(t, county.token, id, confirmBody(10, '2025-09-30'));
    expect(detail).toMatchObject({ status: CaseStatus.IDENTIFIED, allowedActions: [], overdue: false, daysLeft: null });
    expect(detail.countyDecision).toMatchObject({ decision: 'CONFIRM', monitoringType: 'MARGINAL', identifiedMonth: '2025-06' });
    expect(detail.countyDecision.resultNoticeId).toBeTruthy();

    // the monitoring object, in the registry
    const household = await t.request('GET', `/api/v1/households/${family.household.id}`, { token: village.token });
    expect(household.body).toMatchObject({
      monitoringType: MonitoringType.MARGINAL,
      riskTypes: ['ILLNESS', 'ACCIDENT'],
      identifiedMonth: '2025-06',
    });
    const result = await t.request('GET', '/api/v1/notices', { token: village.token, query: { caseId: id, kind: 'RESULT' } });
    expect(result.body.items.map((n: { id: string }) => n.id)).toEqual([detail.countyDecision.resultNoticeId]);

    // the timeline: who did what, in order
    expect(detail.timeline.map((e: { action: string; actorRole: string | null }) => `${e.action}/${e.actorRole}`)).toEqual([
      `create/${Role.CITIZEN}`,
      `analyze.proceed/${Role.VILLAGE_CADRE}`,
      `survey.submit/${Role.GRID_WORKER}`,
      `publicize.start/${Role.VILLAGE_CADRE}`,
      `publicize.close/${Role.VILLAGE_CADRE}`,
      `township.return/${Role.TOWNSHIP_REVIEWER}`,
      `survey.submit/${Role.VILLAGE_CADRE}`,
      `publicize.start/${Role.VILLAGE_CADRE}`,
      `publicize.close/${Role.VILLAGE_CADRE}`,
      `township.approve/${Role.TOWNSHIP_REVIEWER}`,
      `county.confirm/${Role.COUNTY_OFFICER}`,
    ]);
    const actors = new Set(detail.timeline.map((e: { actorAccountId: string }) => e.actorAccountId));
    expect(actors.size).toBe(6);
    expect(detail.timeline[5]).toMatchObject({ fromStatus: 'TOWNSHIP_REVIEW', toStatus: 'SURVEYING', payload: { reason: '请补充务工收入证明' } });
    expect(JSON.stringify(detail.timeline)).not.toContain('13812345678');
    const audit = await t.dataSource.query(
      `SELECT action FROM audit_logs WHERE entity_type = 'case' AND entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(audit.map((a: { action: string }) => a.action)).toEqual(detail.timeline.map((e: { action: string }) => `case.${e.action}`));
    expect(JSON.stringify(audit)).not.toContain('13812345678');

    // what the citizen reads: every step, what each level said
    const mine = await t.request('GET', '/api/v1/my/claims', { token: citizen.token });
    expect(mine.body.total).toBe(1);
    expect(mine.body.items[0]).toMatchObject({ status: CaseStatus.IDENTIFIED, stepNumber: 6, statusLabel: '已纳入监测', allowedActions: [] });
    const said = mine.body.items[0].remarks.map((r: { level: string; text: string }) => `${r.level}:${r.text}`);
    expect(said).toContain('乡镇:请补充务工收入证明');
    expect(said).toContain('乡镇:情况属实，同意上报');
    expect(said).toContain('县:同意纳入边缘易致贫户监测');

    // notifications: the claimant heard every step; the next actor of each step heard a case waits
    const inbox = await t.request('GET', '/api/v1/notifications', { token: citizen.token, query: { pageSize: 100 } });
    const steps = inbox.body.items.filter((n: { kind: string }) => n.kind === 'case.step');
    expect(steps.length).toBe(10);
    expect(JSON.stringify(inbox.body)).not.toContain('13812345678');
    for (const [cadre, count] of [
      [township, 3],
      [county, 1],
      [gridWorker, 2],
    ] as const) {
      const waiting = (await t.request('GET', '/api/v1/notifications', { token: cadre.token, query: { pageSize: 100 } })).body.items.filter(
        (n: { kind: string; data: { caseId?: string } }) => n.kind === 'case.waiting' && n.data?.caseId === id,
      );
      expect(waiting.length).toBe(count);
    }
  });

  it('lets the claimant withdraw before the notice, and not after; another citizen cannot', async () => {
    const other = await createBoundHousehold(t, cadres.village.token, gridA, { headName: '王有田', phone: '13700001111' });
    const claim = await submitClaim(t, other.citizen.token, claimBody({ contactPhone: '13700001111' }));
    const stranger = await createCitizen(t);
    const foreign = await act(t, stranger.token, claim.id, { action: CaseAction.WITHDRAW, version: 1, reason: '不需要了' });
    expect(foreign.status).toBe(404);
    const withdrawn = await actOk(t, other.citizen.token, claim.id, { action: CaseAction.WITHDRAW, version: 1, reason: '家里情况好转' });
    expect(withdrawn).toMatchObject({ status: CaseStatus.WITHDRAWN, step: CaseStep.ANALYZE, allowedActions: [] });
    // the household may ask again once the first request is closed
    const again = await submitClaim(t, other.citizen.token, claimBody({ contactPhone: '13700001111' }));
    expect(again.id).not.toBe(claim.id);
    const twice = await t.request('POST', '/api/v1/claims', { token: other.citizen.token, body: claimBody({ contactPhone: '13700001111' }) });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('CASE_ALREADY_OPEN');
    expect(twice.body.message).toContain(again.caseNumber);
  });
});

/** A second household of the village with a bound citizen (a villager who may object to the notice). */
async function createNeighbour(t: TestApp, villageToken: string, grid: string): Promise<string> {
  const idNumber = residentId({ birth: '19660606' });
  await createHousehold(t, villageToken, { ...householdBody(grid), members: [{ name: '陈大山', idNumber, relation: 'HEAD' }] });
  const citizen = await createCitizen(t, { bindTo: { name: '陈大山', idNumber } });
  return citizen.token;
}

