// A citizen binds their WeChat account to a household member by name + ID number.
import { Relation, Role } from '@jiuzhu/shared';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { createAccount, createCitizen } from '../../../../test/factories/accounts.js';
import { createGrids, createHousehold, householdBody, residentId } from '../../../../test/factories/households.js';

const VILLAGE = '530129103201'; // 羊街镇 羊街村委会
const MISMATCH = { code: 'BINDING_MISMATCH', message: '信息核对未通过，请确认姓名和身份证号与户口簿一致', details: [] };

let ipCounter = 0;
const freshIp = () => `10.20.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

describe('citizen binding (POST /me/binding)', () => {
  let t: TestApp;
  let household: any;
  let headIdNumber: string;
  let spouseIdNumber: string;

  beforeAll(async () => {
    t = await createTestApp();
    const [grid] = await createGrids(t, [VILLAGE]);
    const cadre = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE });
    headIdNumber = residentId({ birth: '19700315' });
    spouseIdNumber = residentId({ birth: '19720808', sex: 'FEMALE' });
    const body = householdBody(grid, { headName: '张建国', members: [{ name: '李秀英', idNumber: spouseIdNumber, relation: Relation.SPOUSE }] });
    body.members[0].idNumber = headIdNumber;
    household = await createHousehold(t, cadre.token, body);
  });

  afterAll(async () => {
    await t.close();
  });

  const bind = (token: string, body: Record<string, unknown>, ip = freshIp()) =>
    t.request('POST', '/api/v1/me/binding', { token, body, headers: { 'x-forwarded-for': ip } });

  it('binds the account to the member, answers the me object, and GET /me shows it', async () => {
    const citizen = await createCitizen(t);
    const response = await bind(citizen.token, { name: '张建国', idNumber: headIdNumber });
    expect(response.status).toBe(200);
    const head = household.members.find((m: { name: string }) => m.name === '张建国');
    expect(response.body).toMatchObject({
      id: citizen.accountId,
      role: Role.CITIZEN,
      regionCode: null,
      binding: {
        householdId: household.id,
        householdNumber: household.householdNumber,
        memberId: head.id,
        memberName: '张*国',
        villageCode: VILLAGE,
        villageName: expect.stringContaining('羊街'),
      },
    });
    const me = await t.request('GET', '/api/v1/me', { token: citizen.token });
    expect(me.body).toEqual(response.body);

    const audit = await t.dataSource.query(
      `SELECT actor_account_id, region_code, after FROM audit_logs WHERE entity_id = $1 AND action = 'account.bind'`,
      [citizen.accountId],
    );
    expect(audit).toEqual([
      { actor_account_id: citizen.accountId, region_code: household.regionCode, after: { householdId: household.id, memberId: head.id, accountsBoundToMember: 1 } },
    ]);
    expect(JSON.stringify(audit)).not.toContain(headIdNumber);
  });

  it('accepts a lower-case x and spaces around the ID number', async () => {
    const citizen = await createCitizen(t);
    const response = await bind(citizen.token, { name: ' 李秀英 ', idNumber: ` ${spouseIdNumber.toLowerCase()} ` });
    expect(response.status).toBe(200);
    expect(response.body.binding.memberName).toBe('李*英');
  });

  it('gives the same answer for a wrong name and a wrong ID number', async () => {
    const citizen = await createCitizen(t);
    const wrongName = await bind(citizen.token, { name: '张建军', idNumber: headIdNumber });
    const wrongId = await bind(citizen.token, { name: '张建国', idNumber: residentId() });
    expect(wrongName.status).toBe(400);
    expect(wrongName.body).toEqual(MISMATCH);
    expect(wrongId.body).toEqual(MISMATCH);
    const [row] = await t.dataSource.query(`SELECT household_id, member_id FROM accounts WHERE id = $1`, [citizen.accountId]);
    expect(row).toEqual({ household_id: null, member_id: null });
    const failures = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE entity_id = $1 AND action = 'account.bind-failed'`, [citizen.accountId]);
    expect(failures[0].n).toBe(2);
  });

  it('names the field when the ID number is malformed', async () => {
    const citizen = await createCitizen(t);
    const response = await bind(citizen.token, { name: '张建国', idNumber: headIdNumber.slice(0, 17) + (headIdNumber[17] === '1' ? '2' : '1') });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.details).toEqual([expect.objectContaining({ field: 'idNumber', message: '身份证号码校验码错误，请核对' })]);
    const short = await bind(citizen.token, { name: '', idNumber: '12345' });
    expect(short.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['idNumber', 'name']);
  });

  it('limits tries per account: the sixth within ten minutes gets 429, even with the right pair', async () => {
    const citizen = await createCitizen(t);
    for (let i = 0; i < 5; i++) {
      expect((await bind(citizen.token, { name: '王五', idNumber: residentId() })).status).toBe(400);
    }
    const sixth = await bind(citizen.token, { name: '张建国', idNumber: headIdNumber });
    expect(sixth.status).toBe(429);
    expect(sixth.body).toEqual({ code: 'TOO_MANY_REQUESTS', message: '核对次数过多，请10分钟后再试', details: [] });

    // ten minutes later
    await t.dataSource.query(`UPDATE binding_attempts SET created_at = now() - interval '11 minutes' WHERE account_id = $1`, [citizen.accountId]);
    expect((await bind(citizen.token, { name: '张建国', idNumber: headIdNumber })).status).toBe(200);
  });

  it('limits tries per client address across accounts', async () => {
    const ip = '10.99.99.99';
    for (let i = 0; i < 5; i++) {
      const citizen = await createCitizen(t);
      for (let j = 0; j < 4; j++) {
        expect((await bind(citizen.token, { name: '王五', idNumber: residentId() }, ip)).status).toBe(400);
      }
    }
    const next = await createCitizen(t);
    expect((await bind(next.token, { name: '张建国', idNumber: headIdNumber }, ip)).status).toBe(429);
    expect((await bind(next.token, { name: '张建国', idNumber: headIdNumber }, freshIp())).status).toBe(200);
  });

  it('lets several family phones bind the same member, up to the limit', async () => {
    const [{ n: already }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM accounts a JOIN members m ON m.id = a.member_id WHERE m.name = '张建国'`,
    );
    for (let i = already; i < 5; i++) {
      const phone = await createCitizen(t);
      expect((await bind(phone.token, { name: '张建国', idNumber: headIdNumber })).status).toBe(200);
    }
    const sixth = await createCitizen(t);
    const refused = await bind(sixth.token, { name: '张建国', idNumber: headIdNumber });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('BINDING_LIMIT_REACHED');
  });

  it('unbinds, audited', async () => {
    const citizen = await createCitizen(t, { bindTo: { name: '李秀英', idNumber: spouseIdNumber } });
    const response = await t.request('DELETE', '/api/v1/me/binding', { token: citizen.token });
    expect(response.status).toBe(200);
    expect(response.body.binding).toBeNull();
    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE entity_id = $1 AND action = 'account.unbind'`, [citizen.accountId]);
    expect(audit[0].n).toBe(1);
  });

  it('the guard gives a bound citizen their household and member on every request', async () => {
    const citizen = await createCitizen(t, { bindTo: { name: '李秀英', idNumber: spouseIdNumber } });
    const [row] = await t.dataSource.query(`SELECT household_id, member_id, region_code FROM accounts WHERE id = $1`, [citizen.accountId]);
    expect(row.household_id).toBe(household.id);
    expect(row.region_code).toBe(household.regionCode);
    // same access token as before the binding: the guard reads the binding from the account row
    expect((await t.request('GET', '/api/v1/me', { token: citizen.token })).body.binding.householdId).toBe(household.id);
  });

  it('only citizens bind', async () => {
    const cadre = await createAccount(t, { role: Role.GRID_WORKER, regionCode: VILLAGE });
    expect((await bind(cadre.token, { name: '张建国', idNumber: headIdNumber })).status).toBe(403);
    expect((await t.request('POST', '/api/v1/me/binding', { body: { name: '张建国', idNumber: headIdNumber } })).status).toBe(401);
  });
});
