// The notices as the cases module's API makes them (publicize.start, publicize.close, county.confirm).
import { CaseAction, CaseStatus, HealthStatus, HouseholdType, LabourCapacity, Relation } from '@jiuzhu/shared';
import { Clock } from '../../../common/clock.js';
import { createCitizen } from '../../../../test/factories/accounts.js';
import { createGrids, createHousehold, residentId } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import {
  act,
  actOk,
  Cadres,
  chinaMorning,
  claimBody,
  confirmBody,
  createCadres,
  publicizeBody,
  submitClaim,
  surveyBody,
  VILLAGE_A,
} from '../../cases/__tests__/case-fixtures.js';

describe('notices made by the case flow', () => {
  let t: TestApp;
  let clock: Clock;
  let cadres: Cadres;
  let gridA: string;

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    clock.set(chinaMorning('2025-06-03'));
    [gridA] = await createGrids(t, [VILLAGE_A]);
    cadres = await createCadres(t, gridA);
  });
  afterAll(async () => {
    clock.set(null);
    await t.close();
  });

  it('posts a masked publicity and a result notice, and holds the case until the objection is answered', async () => {
    const { village, village2, gridWorker, township, county } = cadres;
    const headId = residentId({ birth: '19660606' });
    const spouseId = residentId({ birth: '19690909', sex: 'FEMALE' });
    const secrets = [headId, spouseId, '13712345678', '13612345678', '段学军', '杨桂芬'];
    const household = await createHousehold(t, village.token, {
      regionCode: gridA,
      address: '羊街村委会后山5号',
      householdType: HouseholdType.ORDINARY,
      phone: '13712345678',
      members: [
        { name: '段学军', idNumber: headId, relation: Relation.HEAD, health: HealthStatus.SERIOUS_ILLNESS, labourCapacity: LabourCapacity.ORDINARY },
        { name: '杨桂芬', idNumber: spouseId, relation: Relation.SPOUSE, health: HealthStatus.DISABLED, phone: '13612345678' },
      ],
    });
    const claimant = await createCitizen(t, { bindTo: { name: '段学军', idNumber: headId } });
    const neighbourId = residentId({ birth: '19720202' });
    await createHousehold(t, village.token, {
      regionCode: gridA,
      address: '羊街村委会后山7号',
      householdType: HouseholdType.ORDINARY,
      members: [{ name: '普志华', idNumber: neighbourId, relation: Relation.HEAD }],
    });
    const neighbour = await createCitizen(t, { bindTo: { name: '普志华', idNumber: neighbourId } });

    const claim = await submitClaim(t, claimant.token, claimBody({ contactPhone: '13712345678' }));
    const id = claim.id;
    await actOk(t, village.token, id, { action: CaseAction.ANALYZE_PROCEED, version: 1, reason: '需入户核实', checked: ['户籍档案'] });
    clock.set(chinaMorning('2025-06-04'));
    await actOk(t, gridWorker.token, id, surveyBody(2, [gridWorker.account.id, village2.account.id], '2025-06-04'));
    const started = await actOk(t, village.token, id, publicizeBody(3, '2025-06-04', { reasonBrief: '因病因残，收入骤减' }));
    const noticeId = started.publicity.noticeId;

    const bodies = [
      (await t.request('GET', '/api/v1/notices', { token: neighbour.token })).body,
      (await t.request('GET', `/api/v1/notices/${noticeId}`, { token: neighbour.token })).body,
      (await t.request('GET', `/api/v1/notices/${noticeId}`, { token: village.token })).body,
      (await t.request('GET', '/api/v1/notices', { token: county.token, query: { caseId: id } })).body,
    ];
    expect(bodies[1]).toMatchObject({ subjectName: '段*军', householdSize: 2, caseId: id, phase: 'OPEN', endDate: '2025-06-08' });
    for (const body of bodies) {
      const json = JSON.stringify(body);
      for (const secret of [...secrets, '大病', '残疾', 'SERIOUS_ILLNESS', 'DISABLED']) expect(json).not.toContain(secret);
    }

    const objection = await t.request('POST', `/api/v1/notices/${noticeId}/objections`, {
      token: neighbour.token,
      body: { reason: '该户儿子在县城有稳定工作', anonymous: true },
    });
    expect(objection.status).toBe(201);
    clock.set(chinaMorning('2025-06-09'));
    const blocked = await act(t, village.token, id, { action: CaseAction.PUBLICIZE_CLOSE, version: 4 });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe('OBJECTIONS_UNANSWERED');
    await t.request('POST', `/api/v1/notices/${noticeId}/objections/${objection.body.id}/answer`, {
      token: village.token,
      body: { answer: '经核实，其子为临时务工，收入已计入' },
    });
    await actOk(t, village.token, id, { action: CaseAction.PUBLICIZE_CLOSE, version: 4 });
    await actOk(t, township.token, id, { action: CaseAction.TOWNSHIP_APPROVE, version: 5, opinion: '同意上报' });
    const decided = await actOk(t, county.token, id, confirmBody(6, '2025-12-31'));
    expect(decided.status).toBe(CaseStatus.IDENTIFIED);

    const results = await t.request('GET', '/api/v1/notices', { token: neighbour.token, query: { kind: 'RESULT' } });
    expect(results.body.items).toHaveLength(1);
    expect(results.body.items[0]).toMatchObject({ caseId: id, decision: 'CONFIRMED', subjectName: '段*军', startDate: '2025-06-09' });
    const json = JSON.stringify(results.body);
    for (const secret of [...secrets, '大病', '残疾']) expect(json).not.toContain(secret);
  });
});
