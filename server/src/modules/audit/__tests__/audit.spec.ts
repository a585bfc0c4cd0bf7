import { Role } from '@jiuzhu/shared';
import { createAccount, CreatedAccount } from '../../../../test/factories/accounts.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { AuditService } from '../audit.service.js';

describe('audit log', () => {
  let t: TestApp;
  let audit: AuditService;
  let admin: CreatedAccount;
  let county: CreatedAccount;
  const actor: AuthUser = { accountId: '11111111-1111-4111-8111-111111111111', role: Role.VILLAGE_CADRE, regionCode: '530129103201' };

  beforeAll(async () => {
    t = await createTestApp();
    audit = t.app.get(AuditService);
    admin = await createAccount(t, { role: Role.ADMIN, regionCode: '53' });
    county = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: '530129' });
    await audit.record(null, { actor, action: 'test.one', entityType: 'thing', entityId: 'a', regionCode: '530129103201001', after: { n: 1 } });
    await audit.record(null, { actor, action: 'test.two', entityType: 'thing', entityId: 'b', regionCode: '530102001001001', after: { n: 2 } });
    await audit.record(null, { actor: null, action: 'test.system', entityType: 'thing', entityId: 'c' });
  });
  afterAll(async () => t.close());

  it('refuses UPDATE and DELETE in the database itself (append-only trigger)', async () => {
    await expect(t.dataSource.query(`UPDATE audit_logs SET action = 'forged'`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_logs`)).rejects.toThrow(/append-only/);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action LIKE 'test.%'`);
    expect(n).toBe(3);
  });

  it('writes inside the caller transaction: a rolled-back change leaves no audit row', async () => {
    await expect(
      t.dataSource.transaction(async (manager) => {
        await audit.record(manager, { actor, action: 'test.rolled-back', entityType: 'thing', entityId: 'r' });
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await t.dataSource.query(`SELECT 1 FROM audit_logs WHERE action = 'test.rolled-back'`)).toEqual([]);
  });

  it('masks ID numbers and phones and drops health and secrets even when a caller passes them', async () => {
    await audit.record(null, {
      actor,
      action: 'test.leaky',
      entityType: 'thing',
      entityId: 'leak',
      regionCode: '530129',
      before: { idNumber: '53012919800101001X', note: '电话13812345678，身份证530129198001010011', health: 'SERIOUS_ILLNESS' },
      after: { nested: [{ phone: '+8613912345678', passwordHash: 'x', phoneHash: 'y', idNumberEncrypted: 'z' }], householdNumber: '5301291032010010001' },
    });
    const [row] = await t.dataSource.query(`SELECT before, after, county_code FROM audit_logs WHERE entity_id = 'leak'`);
    expect(row.before).toEqual({ idNumber: '5301**********001X', note: '电话138****5678，身份证5301**********0011' });
    expect(row.after).toEqual({ nested: [{ phone: '+86*******5678' }], householdNumber: '5301291032010010001' });
    expect(row.county_code).toBe('530129');
  });

  it('lists rows for an administrator (all) and a county officer (their region), paginated and filtered', async () => {
    const all = await t.request('GET', '/api/v1/audit', { token: admin.token, query: { entityType: 'thing', pageSize: 2 } });
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 4, page: 1, pageSize: 2 });
    expect(all.body.items).toHaveLength(2);
    expect(all.body.items[0]).toMatchObject({ action: 'test.leaky', entityType: 'thing', actorRole: 'VILLAGE_CADRE' });

    const mine = await t.request('GET', '/api/v1/audit', { token: county.token, query: { entityType: 'thing' } });
    expect(mine.body.items.map((r: { action: string }) => r.action).sort()).toEqual(['test.leaky', 'test.one']);
    const byActor = await t.request('GET', '/api/v1/audit', { token: admin.token, query: { actor: actor.accountId, action: 'test.two' } });
    expect(byActor.body.total).toBe(1);
    const today = new Date().toISOString().slice(0, 10);
    const dated = await t.request('GET', '/api/v1/audit', { token: admin.token, query: { entityType: 'thing', from: today, to: today } });
    expect(dated.body.total).toBe(4);
    const past = await t.request('GET', '/api/v1/audit', { token: admin.token, query: { entityType: 'thing', to: '2020-01-01' } });
    expect(past.body.total).toBe(0);
  });

  it('refuses bad filters with 400 and other roles with 403', async () => {
    const bad = await t.request('GET', '/api/v1/audit', { token: admin.token, query: { from: 'yesterday', actor: 'me', pageSize: 1000 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['actor', 'from', 'pageSize']);
    const reversed = await t.request('GET', '/api/v1/audit', { token: admin.token, query: { from: '2026-02-01', to: '2026-01-01' } });
    expect(reversed.status).toBe(400);
    const village = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: '530129103201' });
    expect((await t.request('GET', '/api/v1/audit', { token: village.token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/audit')).status).toBe(401);
  });
});
