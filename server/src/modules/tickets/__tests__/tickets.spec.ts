import { HouseholdType, Relation, Role } from '@jiuzhu/shared';
import { Clock } from '../../../common/clock.js';
import { createAccount, createCitizen, CreatedAccount, CreatedCitizen } from '../../../../test/factories/accounts.js';
import { createGrids, createHousehold, residentId } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';

const VILLAGE_A = '530129103201'; // 羊街镇 羊街村委会
const VILLAGE_B = '530129104201'; // 柯渡镇 柯渡村委会
const TOWNSHIP_A = VILLAGE_A.slice(0, 9);
const COUNTY = VILLAGE_A.slice(0, 6);
const fields = (body: { details: { field: string }[] }) => body.details.map((d) => d.field).sort();
const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('hotline tickets 求助申请 / 投诉举报 / 政策咨询', () => {
  let t: TestApp;
  let clock: Clock;
  let gridA: string;
  let villageA: CreatedAccount;
  let villageA2: CreatedAccount;
  let villageB: CreatedAccount;
  let gridWorker: CreatedAccount;
  let township: CreatedAccount;
  let county: CreatedAccount;
  let citizen: CreatedCitizen;
  let householdId: string;
  let helpId: string;
  let complaintId: string;

  const notifications = async (accountId: string, kind: string) =>
    t.dataSource.query(`SELECT kind, title, body, data FROM notifications WHERE recipient_account_id = $1 AND kind = $2`, [
      accountId,
      kind,
    ]);

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    clock.set(new Date('2025-09-30T02:00:00Z')); // Tuesday 10:00 in China, the day before the National Day holiday
    [gridA] = await createGrids(t, [VILLAGE_A, VILLAGE_B]);
    villageA = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A, displayName: '王村长' });
    villageA2 = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A, displayName: '李文书' });
    villageB = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_B });
    gridWorker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: gridA, displayName: '赵网格' });
    township = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: TOWNSHIP_A });
    county = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: COUNTY });
    const headId = residentId({ birth: '19700315' });
    const household = await createHousehold(t, villageA.token, {
      regionCode: gridA,
      address: '羊街村委会大村3号',
      householdType: HouseholdType.ORDINARY,
      members: [{ name: '陈国强', idNumber: headId, relation: Relation.HEAD }],
    });
    householdId = household.id;
    citizen = await createCitizen(t, { bindTo: { name: '陈国强', idNumber: headId } });
  });
  afterAll(async () => t.close());

  it('routes a citizen’s help request to the village, due one working day later past the National Day holiday', async () => {
    const created = await t.request('POST', '/api/v1/tickets', {
      token: citizen.token,
      body: { kind: 'HELP', subject: '房屋漏雨想申请危房改造', content: '雨季后后墙开裂，一家五口住在里面。', contactPhone: '13812345678' },
    });
    expect(created.status).toBe(201);
    helpId = created.body.id;
    expect(created.body).toMatchObject({
      kind: 'HELP',
      kindLabel: '求助申请',
      channel: 'CITIZEN',
      regionCode: VILLAGE_A,
      householdId,
      handlerRegionCode: VILLAGE_A,
      status: 'OPEN',
      statusLabel: '待受理',
      ackDueDate: '2025-10-09', // 10-01..10-08 holiday: the next working day is the 9th
      ackOverdue: false,
      contactPhoneMasked: '138****5678',
      replies: [],
    });
    expect(JSON.stringify(created.body)).not.toContain('13812345678');
    const [row] = await t.dataSource.query(`SELECT row_to_json(x)::text AS row FROM tickets x WHERE id = $1`, [helpId]);
    expect(row.row).not.toContain('13812345678');

    expect(ids((await t.request('GET', '/api/v1/tickets', { token: villageA.token })).body)).toContain(helpId);
    expect(ids((await t.request('GET', '/api/v1/tickets', { token: township.token })).body)).toContain(helpId);
    expect(ids((await t.request('GET', '/api/v1/tickets', { token: villageB.token })).body)).not.toContain(helpId);
    expect((await t.request('GET', `/api/v1/tickets/${helpId}`, { token: villageB.token })).status).toBe(404);
    expect(ids((await t.request('GET', '/api/v1/tickets', { token: citizen.token })).body)).toEqual([helpId]);
    const told = await notifications(villageA.account.id, 'ticket.new');
    expect(told).toHaveLength(1);
    expect(told[0].body).toContain('2025-10-09');
  });

  it('shows the acknowledgement overdue after the deadline and threads the replies', async () => {
    clock.set(new Date('2025-10-09T15:59:00Z')); // 23:59 on the 9th: still in time
    expect((await t.request('GET', '/api/v1/tickets', { token: villageA.token, query: { overdue: true } })).body.total).toBe(0);
    clock.set(new Date('2025-10-10T01:00:00Z'));
    const overdue = await t.request('GET', '/api/v1/tickets', { token: villageA.token, query: { overdue: true } });
    expect(ids(overdue.body)).toEqual([helpId]);
    expect(overdue.body.items[0].ackOverdue).toBe(true);
    expect((await t.request('GET', '/api/v1/tickets', { token: villageA.token, query: { overdue: false } })).body.total).toBe(0);

    const answer = await t.request('POST', `/api/v1/tickets/${helpId}/replies`, {
      token: villageA.token,
      body: { body: '您好，网格员明天上午到您家查看房屋。' },
    });
    expect(answer.status).toBe(201);
    expect(answer.body).toMatchObject({ status: 'ACKNOWLEDGED', ackOverdue: false, ackLate: true, replyCount: 1 });
    clock.advance(3600_000);
    const followUp = await t.request('POST', `/api/v1/tickets/${helpId}/replies`, {
      token: citizen.token,
      body: { body: '好的，明天上午家里有人。' },
    });
    expect(followUp.status).toBe(201);
    const thread = await t.request('GET', `/api/v1/tickets/${helpId}`, { token: citizen.token });
    expect(thread.body.replies.map((r: any) => [r.author.name, r.fromCadre, r.mine])).toEqual([
      ['王村长', true, false],
      [expect.any(String), false, true],
    ]);
    expect(await notifications(citizen.accountId, 'ticket.reply')).toHaveLength(1);
    expect(await notifications(villageA.account.id, 'ticket.follow-up')).toHaveLength(1);
    expect((await t.request('GET', '/api/v1/tickets', { token: villageA.token, query: { status: 'ACKNOWLEDGED' } })).body.total).toBe(1);
  });

  it('hands a ticket to the grid worker of the village, never to a cadre elsewhere', async () => {
    const wrong = await t.request('POST', `/api/v1/tickets/${helpId}/assign`, { token: villageA.token, body: { accountId: villageB.account.id } });
    expect(wrong.status).toBe(400);
    expect(fields(wrong.body)).toEqual(['accountId']);
    expect((await t.request('GET', `/api/v1/tickets/${helpId}`, { token: gridWorker.token })).status).toBe(404);
    const assigned = await t.request('POST', `/api/v1/tickets/${helpId}/assign`, { token: villageA.token, body: { accountId: gridWorker.account.id } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignedTo).toMatchObject({ accountId: gridWorker.account.id, name: '赵网格' });
    const mine = await t.request('GET', '/api/v1/tickets', { token: gridWorker.token, query: { assignedToMe: true } });
    expect(ids(mine.body)).toEqual([helpId]);
    expect(await notifications(gridWorker.account.id, 'ticket.assigned')).toHaveLength(1);
    expect((await t.request('POST', `/api/v1/tickets/${helpId}/assign`, { token: gridWorker.token, body: { accountId: villageA.account.id } })).status).toBe(403);
  });

  it('routes a complaint about a village cadre to the township, invisible to that cadre, anonymous below the county', async () => {
    const targets = await t.request('GET', '/api/v1/tickets/complaint-targets', { token: citizen.token });
    expect(targets.status).toBe(200);
    const target = targets.body.items.find((c: { accountId: string }) => c.accountId === villageA.account.id);
    expect(target).toMatchObject({ name: '王村长', role: 'VILLAGE_CADRE', handlerRegionCode: TOWNSHIP_A });
    expect(targets.body.items.find((c: { accountId: string }) => c.accountId === gridWorker.account.id)).toMatchObject({ handlerRegionCode: VILLAGE_A });

    const created = await t.request('POST', '/api/v1/tickets', {
      token: citizen.token,
      body: {
        kind: 'COMPLAINT',
        subject: '村干部办事拖拉',
        content: '申请材料交了一个月没有回音。',
        anonymous: true,
        aboutAccountId: villageA.account.id,
        contactPhone: '13912345678',
      },
    });
    expect(created.status).toBe(201);
    complaintId = created.body.id;
    expect(created.body).toMatchObject({ handlerRegionCode: TOWNSHIP_A, anonymous: true, about: { accountId: villageA.account.id } });

    // the cadre complained about never sees it; the colleague in the same village does not handle it either
    expect(ids((await t.request('GET', '/api/v1/tickets', { token: villageA.token, query: { kind: 'COMPLAINT' } })).body)).toEqual([]);
    expect((await t.request('GET', `/api/v1/tickets/${complaintId}`, { token: villageA.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/tickets/${complaintId}`, { token: villageA2.token })).status).toBe(404);
    // the township handles it without knowing who complained
    const asTownship = await t.request('GET', `/api/v1/tickets/${complaintId}`, { token: township.token });
    expect(asTownship.status).toBe(200);
    expect(asTownship.body.requester).toEqual({ accountId: null, name: '匿名', role: null, roleLabel: null });
    expect(asTownship.body.contactPhoneMasked).toBeNull();
    expect(asTownship.body.canAssign).toBe(true);
    const hidden = await t.request('GET', `/api/v1/tickets/${complaintId}/contact`, { token: township.token });
    expect(hidden.status).toBe(403);
    expect(hidden.body.code).toBe('TICKET_IDENTITY_HIDDEN');
    // the county sees who, and a look at the whole phone is audited
    const asCounty = await t.request('GET', `/api/v1/tickets/${complaintId}`, { token: county.token });
    expect(asCounty.body.requester.accountId).toBe(citizen.accountId);
    const contact = await t.request('GET', `/api/v1/tickets/${complaintId}/contact`, { token: county.token });
    expect(contact.body.phone).toBe('13912345678');
    const audits = await t.dataSource.query(`SELECT actor_account_id FROM audit_logs WHERE action = 'ticket.view-contact' AND entity_id = $1`, [complaintId]);
    expect(audits).toEqual([{ actor_account_id: county.account.id }]);
    // the township reviewer is told; the village cadre is not
    expect(await notifications(township.account.id, 'ticket.new')).toHaveLength(1);
    expect((await notifications(villageA.account.id, 'ticket.new')).map((n: any) => n.data.ticketId)).not.toContain(complaintId);
    // and the complaint cannot be handed to the cadre it is about
    const handBack = await t.request('POST', `/api/v1/tickets/${complaintId}/assign`, { token: township.token, body: { accountId: villageA.account.id } });
    expect(handBack.status).toBe(400);
  });

  it('lets a cadre enter a phone call with the caller’s name and phone kept encrypted', async () => {
    const call = await t.request('POST', '/api/v1/tickets', {
      token: villageA.token,
      body: { kind: 'CONSULT', subject: '医保报销比例', content: '来电询问慢性病门诊报销比例。', callerName: '杨春花', contactPhone: '0871-62345678', regionCode: VILLAGE_A },
    });
    expect(call.status).toBe(201);
    expect(call.body).toMatchObject({
      channel: 'PHONE',
      requester: { name: '杨春花', roleLabel: '来电群众' },
      enteredBy: { accountId: villageA.account.id },
      handlerRegionCode: VILLAGE_A,
    });
    const [row] = await t.dataSource.query(`SELECT row_to_json(x)::text AS row FROM tickets x WHERE id = $1`, [call.body.id]);
    expect(row.row).not.toContain('杨春花');
    expect(row.row).not.toContain('62345678');
    const closed = await t.request('POST', `/api/v1/tickets/${call.body.id}/close`, { token: villageA.token, body: { reason: '已电话答复报销比例。' } });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'CLOSED', closeReason: '已电话答复报销比例。', acknowledgedAt: expect.any(String) });
    const afterClose = await t.request('POST', `/api/v1/tickets/${call.body.id}/replies`, { token: villageA.token, body: { body: '补充' } });
    expect(afterClose.status).toBe(409);
    expect(afterClose.body.code).toBe('TICKET_CLOSED');
  });

  it('turns a help request into a case (source HOTLINE) once; complaints cannot be', async () => {
    const converted = await t.request('POST', `/api/v1/tickets/${helpId}/convert-to-case`, { token: villageA.token });
    expect(converted.status).toBe(201);
    expect(converted.body).toMatchObject({ ticketId: helpId, caseId: expect.any(String), caseNumber: expect.any(String) });
    const ticket = await t.request('GET', `/api/v1/tickets/${helpId}`, { token: citizen.token });
    expect(ticket.body).toMatchObject({ status: 'CLOSED', caseId: converted.body.caseId });
    expect(ticket.body.closeReason).toContain(converted.body.caseNumber);
    const [kase] = await t.dataSource.query(`SELECT source, household_id FROM cases WHERE id = $1`, [converted.body.caseId]);
    expect(kase).toEqual({ source: 'HOTLINE', household_id: householdId });
    expect(await notifications(citizen.accountId, 'ticket.converted')).toHaveLength(1);
    const mine = await t.request('GET', '/api/v1/my/claims', { token: citizen.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(converted.body.caseId);

    const twice = await t.request('POST', `/api/v1/tickets/${helpId}/convert-to-case`, { token: villageA.token });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('TICKET_ALREADY_CONVERTED');
    const complaint = await t.request('POST', `/api/v1/tickets/${complaintId}/convert-to-case`, { token: township.token });
    expect(complaint.status).toBe(409);
    expect(complaint.body.code).toBe('TICKET_NOT_HELP');
    expect((await t.request('POST', `/api/v1/tickets/${complaintId}/convert-to-case`, { token: citizen.token })).status).toBe(403);
  });

  it('converts a phone call for help once when two cadres press the button at the same moment', async () => {
    const call = await t.request('POST', '/api/v1/tickets', {
      token: villageA.token,
      body: { kind: 'HELP', subject: '独居老人无人照料', content: '邻居来电：老人摔伤在家。', callerName: '邻居李某', regionCode: VILLAGE_A },
    });
    expect(call.status).toBe(201);
    const url = `/api/v1/tickets/${call.body.id}/convert-to-case`;
    const both = await Promise.all([t.request('POST', url, { token: villageA.token }), t.request('POST', url, { token: villageA2.token })]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const [row] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'ticket.convert' AND entity_id = $1`, [call.body.id]);
    expect(row.n).toBe(1);
  });

  it('lets the citizen withdraw their own ticket and nobody else’s', async () => {
    const other = await createCitizen(t);
    const created = await t.request('POST', '/api/v1/tickets', {
      token: citizen.token,
      body: { kind: 'CONSULT', subject: '教育资助', content: '孩子上高中有哪些资助？' },
    });
    expect((await t.request('GET', `/api/v1/tickets/${created.body.id}`, { token: other.token })).status).toBe(404);
    expect((await t.request('POST', `/api/v1/tickets/${created.body.id}/close`, { token: other.token, body: { reason: '撤回' } })).status).toBe(404);
    const withdrawn = await t.request('POST', `/api/v1/tickets/${created.body.id}/close`, { token: citizen.token, body: { reason: '已在村里问清楚了' } });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body).toMatchObject({ status: 'CLOSED', acknowledgedAt: null });
  });

  it('answers bad input with 400 listing each field', async () => {
    const empty = await t.request('POST', '/api/v1/tickets', {
      token: citizen.token,
      body: { kind: 'PRAISE', subject: '', content: 'x'.repeat(2001), contactPhone: '12345', colour: 'red' },
    });
    expect(empty.status).toBe(400);
    expect(fields(empty.body)).toEqual(['colour', 'contactPhone', 'content', 'kind', 'subject']);

    const rules = await t.request('POST', '/api/v1/tickets', {
      token: citizen.token,
      body: { kind: 'HELP', subject: '求助', content: '家里困难', anonymous: true, aboutAccountId: villageA.account.id, callerName: '张三' },
    });
    expect(rules.status).toBe(400);
    expect(fields(rules.body)).toEqual(['aboutAccountId', 'anonymous', 'callerName']);

    const call = await t.request('POST', '/api/v1/tickets', {
      token: villageA.token,
      body: { kind: 'CONSULT', subject: '咨询', content: '来电咨询' },
    });
    expect(call.status).toBe(400);
    expect(fields(call.body)).toEqual(['callerName', 'regionCode']);
    const outside = await t.request('POST', '/api/v1/tickets', {
      token: villageA.token,
      body: { kind: 'CONSULT', subject: '咨询', content: '来电咨询', callerName: '某人', regionCode: VILLAGE_B },
    });
    expect(fields(outside.body)).toEqual(['regionCode']);
    const unbound = await createCitizen(t);
    const noVillage = await t.request('POST', '/api/v1/tickets', { token: unbound.token, body: { kind: 'CONSULT', subject: '咨询', content: '问政策' } });
    expect(fields(noVillage.body)).toEqual(['regionCode']);
    const list = await t.request('GET', '/api/v1/tickets', { token: villageA.token, query: { overdue: 'soon', status: 'DONE' } });
    expect(fields(list.body)).toEqual(['overdue', 'status']);
    const reply = await t.request('POST', `/api/v1/tickets/${complaintId}/replies`, { token: township.token, body: { body: '' } });
    expect(fields(reply.body)).toEqual(['body']);
  });
});
