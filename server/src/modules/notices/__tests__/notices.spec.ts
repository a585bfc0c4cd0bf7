import { randomUUID } from 'node:crypto';
import { HealthStatus, HouseholdType, MonitoringType, Relation, Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { Clock } from '../../../common/clock.js';
import { createAccount, createCitizen, CreatedAccount, CreatedCitizen } from '../../../../test/factories/accounts.js';
import { createGrids, createHousehold, residentId } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { NoticesService, OpenNoticeInput } from '../notices.service.js';

const VILLAGE_A = '530129103201'; // 羊街镇 羊街村委会
const VILLAGE_B = '530129104201'; // 柯渡镇 柯渡村委会
const fields = (body: { details: { field: string }[] }) => body.details.map((d) => d.field).sort();
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);
const asUser = (a: CreatedAccount, role: Role, regionCode: string): AuthUser => ({ accountId: a.account.id, role, regionCode });

describe('notices 评议公示 and objections', () => {
  let t: TestApp;
  let clock: Clock;
  let notices: NoticesService;
  let gridA: string;
  let gridB: string;
  let villageA: CreatedAccount;
  let villageB: CreatedAccount;
  let township: CreatedAccount;
  let county: CreatedAccount;
  let citizenA: CreatedCitizen;
  let citizenB: CreatedCitizen;
  let unbound: CreatedCitizen;
  let household: any;
  const secrets: string[] = [];
  let caseId: string;
  let noticeId: string;

  const open = (input: Partial<OpenNoticeInput> = {}) =>
    t.dataSource.transaction((manager) =>
      notices.openForCase(manager, asUser(villageA, Role.VILLAGE_CADRE, VILLAGE_A), {
        caseId,
        countyCode: VILLAGE_A.slice(0, 6),
        villageCode: VILLAGE_A,
        householdId: household.id,
        proposedMonitoringType: MonitoringType.MARGINAL,
        reasonBrief: '因病因学，家庭收入骤减',
        startDate: '2025-03-03',
        days: 5,
        ...input,
      }),
    );

  const closable = () => t.dataSource.transaction((manager) => notices.assertClosable(manager, caseId));
  const failure = async (promise: Promise<unknown>) => {
    try {
      await promise;
    } catch (error) {
      return (error as { getResponse(): any; getStatus(): number }).getResponse
        ? { status: (error as any).getStatus(), ...(error as any).getResponse() }
        : { error };
    }
    throw new Error('expected a failure');
  };

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    clock.set(new Date('2025-03-03T02:00:00Z')); // 10:00 in China, Monday
    notices = t.app.get(NoticesService);
    [gridA, gridB] = await createGrids(t, [VILLAGE_A, VILLAGE_B]);
    villageA = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A, displayName: '村干部甲' });
    villageB = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_B });
    township = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: VILLAGE_A.slice(0, 9) });
    county = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: VILLAGE_A.slice(0, 6) });

    const headId = residentId({ birth: '19650708' });
    const spouseId = residentId({ birth: '19680101', sex: 'FEMALE' });
    const childId = residentId({ birth: '20100101' });
    secrets.push(headId, spouseId, childId, '13812345678', '13912345678');
    household = await createHousehold(t, villageA.token, {
      regionCode: gridA,
      address: '羊街村委会大村12号',
      householdType: HouseholdType.ORDINARY,
      phone: '13812345678',
      members: [
        { name: '马文华', idNumber: headId, relation: Relation.HEAD, health: HealthStatus.SERIOUS_ILLNESS },
        { name: '李秀英', idNumber: spouseId, relation: Relation.SPOUSE, health: HealthStatus.DISABLED, phone: '13912345678' },
        { name: '马小明', idNumber: childId, relation: Relation.CHILD, health: HealthStatus.CHRONIC_ILLNESS },
      ],
    });
    const neighbourId = residentId({ birth: '19750505' });
    await createHousehold(t, villageA.token, {
      regionCode: gridA,
      address: '羊街村委会大村14号',
      householdType: HouseholdType.ORDINARY,
      members: [{ name: '张德明', idNumber: neighbourId, relation: Relation.HEAD }],
    });
    const farId = residentId({ birth: '19800808' });
    await createHousehold(t, villageB.token, {
      regionCode: gridB,
      address: '柯渡村1号',
      householdType: HouseholdType.ORDINARY,
      members: [{ name: '杨春花', idNumber: farId, relation: Relation.HEAD }],
    });
    citizenA = await createCitizen(t, { bindTo: { name: '张德明', idNumber: neighbourId } });
    citizenB = await createCitizen(t, { bindTo: { name: '杨春花', idNumber: farId } });
    unbound = await createCitizen(t);
    caseId = randomUUID();
  });
  afterAll(async () => t.close());

  it('posts the publicity of a case with the masked head name, household size and proposed type, nothing personal', async () => {
    const opened = await open();
    noticeId = opened.noticeId;
    expect(opened.endDate).toBe('2025-03-07'); // 5 days: 3rd to 7th inclusive

    const list = await t.request('GET', '/api/v1/notices', { token: citizenA.token, query: { village: VILLAGE_A } });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      id: noticeId,
      kind: 'PUBLICITY',
      kindLabel: '评议公示',
      caseId,
      villageCode: VILLAGE_A,
      villageName: expect.stringContaining('羊街村委会'),
      title: expect.stringContaining('公示'),
      subjectName: '马*华',
      householdSize: 3,
      monitoringType: 'MARGINAL',
      monitoringTypeLabel: '边缘易致贫户',
      reasonBrief: '因病因学，家庭收入骤减',
      startDate: '2025-03-03',
      endDate: '2025-03-07',
      phase: 'OPEN',
      daysLeft: 5,
      objectionCount: 0,
    });

    // every notice response, for each kind of reader, is free of ID numbers, phones, full names and health labels
    const responses = [
      list,
      await t.request('GET', '/api/v1/notices', { token: citizenA.token }),
      await t.request('GET', `/api/v1/notices/${noticeId}`, { token: citizenA.token }),
      await t.request('GET', '/api/v1/notices', { token: villageA.token }),
      await t.request('GET', `/api/v1/notices/${noticeId}`, { token: villageA.token }),
      await t.request('GET', `/api/v1/notices/${noticeId}`, { token: county.token }),
    ];
    for (const response of responses) {
      expect(response.status).toBe(200);
      const json = JSON.stringify(response.body);
      for (const secret of [...secrets, '马文华', '李秀英', '马小明', '大病', '残疾', '长期慢性病', 'SERIOUS_ILLNESS', 'DISABLED', 'CHRONIC_ILLNESS']) {
        expect(json).not.toContain(secret);
      }
      expect(json).not.toMatch(/(?<![0-9])1[3-9][0-9]{9}(?![0-9])/); // no mobile number
      expect(json).not.toMatch(/[0-9]{17}[0-9Xx]/); // no resident ID
    }
    const [row] = await t.dataSource.query(`SELECT row_to_json(n)::text AS row FROM notices n WHERE id = $1`, [noticeId]);
    for (const secret of [...secrets, '马文华']) expect(row.row).not.toContain(secret);
  });

  it('shows citizens only their own village: another village is 403, another village’s notice 404, unbound 403', async () => {
    const other = await t.request('GET', '/api/v1/notices', { token: citizenB.token, query: { village: VILLAGE_A } });
    expect(other.status).toBe(403);
    const own = await t.request('GET', '/api/v1/notices', { token: citizenB.token });
    expect(own.status).toBe(200);
    expect(own.body.total).toBe(0);
    expect((await t.request('GET', `/api/v1/notices/${noticeId}`, { token: citizenB.token })).status).toBe(404);
    const notBound = await t.request('GET', '/api/v1/notices', { token: unbound.token });
    expect(notBound.status).toBe(403);
    expect(notBound.body.code).toBe('CITIZEN_NOT_BOUND');
    // cadres: inside their region only
    expect((await t.request('GET', '/api/v1/notices', { token: villageB.token, query: { village: VILLAGE_A } })).status).toBe(403);
    expect((await t.request('GET', `/api/v1/notices/${noticeId}`, { token: villageB.token })).status).toBe(404);
    const objection = await t.request('POST', `/api/v1/notices/${noticeId}/objections`, {
      token: citizenB.token,
      body: { reason: '我不是本村的' },
    });
    expect(objection.status).toBe(404);
    // a grid worker of one grid reads the notices of that grid's village
    const gridWorker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: gridA });
    expect(ids((await t.request('GET', '/api/v1/notices', { token: gridWorker.token })).body)).toEqual([noticeId]);
    expect((await t.request('GET', `/api/v1/notices/${noticeId}`, { token: gridWorker.token })).status).toBe(200);
    const township_ = await t.request('GET', '/api/v1/notices', { token: township.token, query: { active: true } });
    expect(township_.body.items.map((n: { id: string }) => n.id)).toEqual([noticeId]);
  });

  it('keeps an anonymous objection anonymous to the village cadre and the township, not to the county officer', async () => {
    const posted = await t.request('POST', `/api/v1/notices/${noticeId}/objections`, {
      token: citizenA.token,
      body: { reason: '该户去年新建了砖房，家里两人常年在外务工', anonymous: true },
    });
    expect(posted.status).toBe(201);
    expect(posted.body).toMatchObject({ anonymous: true, mine: true, authorAccountId: citizenA.accountId });

    const asVillage = await t.request('GET', `/api/v1/notices/${noticeId}`, { token: villageA.token });
    expect(asVillage.body.objections).toHaveLength(1);
    expect(asVillage.body.objections[0]).toMatchObject({ authorName: '匿名', authorAccountId: null, authorRole: null, mine: false });
    expect(asVillage.body).toMatchObject({ objectionCount: 1, unansweredCount: 1, canAnswer: true });
    const asTownship = await t.request('GET', `/api/v1/notices/${noticeId}`, { token: township.token });
    expect(asTownship.body.objections[0].authorName).toBe('匿名');
    const asCounty = await t.request('GET', `/api/v1/notices/${noticeId}`, { token: county.token });
    expect(asCounty.body.objections[0]).toMatchObject({ authorAccountId: citizenA.accountId, authorRole: 'CITIZEN' });
    expect(asCounty.body.objections[0].authorName).not.toBe('匿名');
    const asNeighbour = await t.request('GET', `/api/v1/notices/${noticeId}`, { token: citizenA.token });
    expect(asNeighbour.body.objections[0].mine).toBe(true);

    // never anonymous to the system: the audit row names the account
    const [audit] = await t.dataSource.query(
      `SELECT actor_account_id FROM audit_logs WHERE action = 'objection.create' AND entity_id = $1`,
      [posted.body.id],
    );
    expect(audit.actor_account_id).toBe(citizenA.accountId);
    // the village cadres hear of it, without the objector's name
    const [told] = await t.dataSource.query(
      `SELECT kind, title, body, data FROM notifications WHERE recipient_account_id = $1 AND kind = 'notice.objection'`,
      [villageA.account.id],
    );
    expect(told.data).toMatchObject({ noticeId, objectionId: posted.body.id });
    expect(told.body).not.toContain(citizenA.accountId);
  });

  it('lets the case close publicity only after the end date and with every objection answered', async () => {
    expect(await failure(closable())).toMatchObject({ status: 409, code: 'NOTICE_PERIOD_NOT_OVER', details: [{ endDate: '2025-03-07' }] });
    clock.set(new Date('2025-03-07T15:59:00Z')); // 23:59 on the last day in China
    expect(await failure(closable())).toMatchObject({ code: 'NOTICE_PERIOD_NOT_OVER' });
    clock.set(new Date('2025-03-07T16:00:00Z')); // midnight: the 8th has begun
    expect(await failure(closable())).toMatchObject({ status: 409, code: 'OBJECTIONS_UNANSWERED', details: [{ count: 1 }] });

    const late = await t.request('POST', `/api/v1/notices/${noticeId}/objections`, { token: citizenA.token, body: { reason: '再补充一点' } });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('NOTICE_CLOSED');

    const detail = await t.request('GET', `/api/v1/notices/${noticeId}`, { token: villageA.token });
    expect(detail.body).toMatchObject({ phase: 'ENDED', daysLeft: 0, canObject: false });
    const objectionId = detail.body.objections[0].id;
    const url = `/api/v1/notices/${noticeId}/objections/${objectionId}/answer`;
    const answer = { answer: '经入户核实，新房为易地搬迁安置房，务工收入已计入，情况属实' };
    expect((await t.request('POST', url, { token: citizenA.token, body: answer })).status).toBe(403);
    expect((await t.request('POST', url, { token: villageB.token, body: answer })).status).toBe(404);
    const answered = await t.request('POST', url, { token: villageA.token, body: answer });
    expect(answered.status).toBe(201);
    expect(answered.body).toMatchObject({ answer: answer.answer, answeredByName: '村干部甲', authorName: '匿名' });
    const again = await t.request('POST', url, { token: township.token, body: answer });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('OBJECTION_ALREADY_ANSWERED');

    await closable();
    const [told] = await t.dataSource.query(
      `SELECT kind FROM notifications WHERE recipient_account_id = $1 AND kind = 'notice.objection-answered'`,
      [citizenA.accountId],
    );
    expect(told).toBeDefined();
    const mine = await t.request('GET', `/api/v1/notices/${noticeId}`, { token: citizenA.token });
    expect(mine.body.objections[0]).toMatchObject({ mine: true, answer: answer.answer });
  });

  it('refuses a notice shorter than the setting, starting in the past, or with personal data in the reason', async () => {
    clock.set(new Date('2025-03-10T02:00:00Z'));
    const error = await failure(
      open({ caseId: randomUUID(), days: 3, startDate: '2025-03-09', reasonBrief: '户主大病住院，电话13812345678' }),
    );
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED' });
    expect(fields(error)).toEqual(['noticeDays', 'noticeStartDate', 'reasonBrief']);
    const outside = await failure(open({ caseId: randomUUID(), startDate: '2025-03-10', villageCode: '530129103202' }));
    expect(fields(outside)).toEqual(['householdId']);
    expect(await failure(closableFor(randomUUID()))).toMatchObject({ status: 409, code: 'NO_PUBLICITY_NOTICE' });
  });

  it('publishes the county decision as a result notice, which takes no objections', async () => {
    clock.set(new Date('2025-03-12T02:00:00Z'));
    const { noticeId: resultId } = await t.dataSource.transaction((manager) =>
      notices.publishResult(manager, asUser(county, Role.COUNTY_OFFICER, VILLAGE_A.slice(0, 6)), {
        caseId,
        countyCode: VILLAGE_A.slice(0, 6),
        villageCode: VILLAGE_A,
        householdId: household.id,
        decision: 'CONFIRMED',
        monitoringType: MonitoringType.MARGINAL,
        reasonBrief: '经评议公示、乡镇审核，县级确定为边缘易致贫户',
      }),
    );
    const results = await t.request('GET', '/api/v1/notices', { token: citizenA.token, query: { kind: 'RESULT', active: 'true' } });
    expect(results.body.items).toHaveLength(1);
    expect(results.body.items[0]).toMatchObject({
      id: resultId,
      kind: 'RESULT',
      kindLabel: '结果公告',
      decision: 'CONFIRMED',
      decisionLabel: '确定为监测对象',
      subjectName: '马*华',
      monitoringType: 'MARGINAL',
      startDate: '2025-03-12',
      endDate: '2025-03-16',
      title: expect.stringContaining('结果公告'),
    });
    const objection = await t.request('POST', `/api/v1/notices/${resultId}/objections`, { token: citizenA.token, body: { reason: '不同意' } });
    expect(objection.status).toBe(409);
    expect(objection.body.code).toBe('RESULT_NOTICE_NO_OBJECTIONS');
    const ended = await t.request('GET', '/api/v1/notices', { token: villageA.token, query: { active: false, caseId } });
    expect(ended.body.items.map((n: { kind: string }) => n.kind)).toEqual(['PUBLICITY']);
    const audit = await t.dataSource.query(`SELECT action FROM audit_logs WHERE entity_type = 'notice' ORDER BY id`);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['notice.open', 'notice.result']);
  });

  it('answers bad input with 400 listing each field', async () => {
    const list = await t.request('GET', '/api/v1/notices', {
      token: villageA.token,
      query: { village: '5301', active: 'maybe', kind: 'POSTER', pageSize: 500 },
    });
    expect(list.status).toBe(400);
    expect(fields(list.body)).toEqual(['active', 'kind', 'pageSize', 'village']);
    const objection = await t.request('POST', `/api/v1/notices/${noticeId}/objections`, {
      token: citizenA.token,
      body: { reason: '  ', anonymous: 'yes', name: '张三' },
    });
    expect(objection.status).toBe(400);
    expect(fields(objection.body)).toEqual(['anonymous', 'name', 'reason']);
    expect((await t.request('GET', '/api/v1/notices/not-a-uuid', { token: villageA.token })).status).toBe(404);
  });

  it('lets exactly one of two cadres answering the same objection at once win', async () => {
    clock.set(new Date('2025-03-20T02:00:00Z'));
    const { noticeId: fresh } = await open({ caseId: randomUUID(), startDate: '2025-03-20' });
    const posted = await t.request('POST', `/api/v1/notices/${fresh}/objections`, { token: citizenA.token, body: { reason: '收入情况有出入' } });
    const url = `/api/v1/notices/${fresh}/objections/${posted.body.id}/answer`;
    const answers = await Promise.all([
      t.request('POST', url, { token: villageA.token, body: { answer: '村里核实：属实' } }),
      t.request('POST', url, { token: township.token, body: { answer: '乡镇核实：属实' } }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'objection.answer' AND entity_id = $1`, [posted.body.id]);
    expect(row.n).toBe(1);
  });

  const closableFor = (id: string) => t.dataSource.transaction((manager) => notices.assertClosable(manager, id));
});
