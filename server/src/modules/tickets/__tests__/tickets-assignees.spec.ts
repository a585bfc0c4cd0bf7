import { Role, TicketKind } from '@jiuzhu/shared';
import { createAccount, CreatedAccount } from '../../../../test/factories/accounts.js';
import { createGrids } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';

const VILLAGE_A = '530129103201';
const VILLAGE_B = '530129104201';

/** GET /tickets/:id/assignees: the people the assign form offers are exactly the ones POST .../assign accepts. */
describe('hotline tickets: whom a ticket can be handed to', () => {
  let t: TestApp;
  let gridA: string;
  let village: CreatedAccount;
  let village2: CreatedAccount;
  let gridWorker: CreatedAccount;
  let township: CreatedAccount;
  let otherVillage: CreatedAccount;
  let ticketId: string;
  let complaintId: string;

  beforeAll(async () => {
    t = await createTestApp();
    [gridA] = await createGrids(t, [VILLAGE_A]);
    village = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A, displayName: '王村长' });
    village2 = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A, displayName: '李文书' });
    gridWorker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: gridA, displayName: '赵网格' });
    township = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: VILLAGE_A.slice(0, 9), displayName: '周审核' });
    otherVillage = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_B, displayName: '外村干部' });
    const call = await t.request('POST', '/api/v1/tickets', {
      token: village.token,
      body: { kind: TicketKind.CONSULT, subject: '低保怎么申请', content: '想问问家里老人能不能申请低保', regionCode: VILLAGE_A, callerName: '陈大爷' },
    });
    expect(call.status).toBe(201);
    ticketId = call.body.id;
    const complaint = await t.request('POST', '/api/v1/tickets', {
      token: township.token,
      body: {
        kind: TicketKind.COMPLAINT,
        subject: '网格员没有上门',
        content: '说好来看房子一直没来',
        regionCode: VILLAGE_A,
        callerName: '刘大姐',
        aboutAccountId: gridWorker.account.id,
      },
    });
    expect(complaint.status).toBe(201);
    complaintId = complaint.body.id;
  });
  afterAll(async () => t.close());

  it('lists the cadres on the line of the handling village, nearest first, without the caller', async () => {
    const res = await t.request('GET', `/api/v1/tickets/${ticketId}/assignees`, { token: village.token });
    expect(res.status).toBe(200);
    const names = res.body.items.map((a: { name: string }) => a.name);
    expect(names).toEqual(expect.arrayContaining(['李文书', '赵网格', '周审核']));
    expect(names).not.toContain('王村长');
    expect(names).not.toContain('外村干部');
    expect(res.body.items[0]).toMatchObject({ name: '李文书', role: Role.VILLAGE_CADRE, roleLabel: '村干部', regionCode: VILLAGE_A, current: false });

    // every one offered is accepted by the assign endpoint
    const chosen = res.body.items.find((a: { name: string }) => a.name === '赵网格');
    const assigned = await t.request('POST', `/api/v1/tickets/${ticketId}/assign`, { token: village.token, body: { accountId: chosen.accountId } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.assignedTo).toMatchObject({ name: '赵网格' });
    const again = await t.request('GET', `/api/v1/tickets/${ticketId}/assignees`, { token: village.token });
    expect(again.body.items.find((a: { name: string }) => a.name === '赵网格').current).toBe(true);
  });

  it('never offers the cadre a complaint is about; refuses roles that do not assign and tickets out of reach', async () => {
    const res = await t.request('GET', `/api/v1/tickets/${complaintId}/assignees`, { token: township.token });
    expect(res.status).toBe(200);
    expect(res.body.items.map((a: { name: string }) => a.name)).not.toContain('赵网格');
    expect((await t.request('GET', `/api/v1/tickets/${ticketId}/assignees`, { token: gridWorker.token })).status).toBe(403);
    expect((await t.request('GET', `/api/v1/tickets/${ticketId}/assignees`, { token: otherVillage.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/tickets/${village2.account.id}/assignees`, { token: village.token })).status).toBe(404);
  });
});
