import { HealthStatus, HouseholdType, MonitoringType, Relation, RiskType, Role } from '@jiuzhu/shared';
import { createAccount, CreatedAccount } from '../../../../test/factories/accounts.js';
import { createGrids, createHousehold, householdBody, residentId } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { CryptoService } from '../../crypto/crypto.service.js';
import { HouseholdsService } from '../households.service.js';

const VILLAGE_A = '530129103201'; // 羊街镇 羊街村委会
const VILLAGE_B = '530129104201'; // 柯渡镇 柯渡村委会, same county, another township
const fields = (body: { details: { field: string }[] }) => body.details.map((d) => d.field).sort();

describe('households registry', () => {
  let t: TestApp;
  let gridA: string;
  let gridA2: string;
  let gridB: string;
  let village: CreatedAccount;
  let townshipA: CreatedAccount;
  let townshipB: CreatedAccount;
  let gridWorker: CreatedAccount;
  let county: CreatedAccount;
  let dept: CreatedAccount;

  beforeAll(async () => {
    t = await createTestApp();
    [gridA, gridA2, gridB] = await createGrids(t, [VILLAGE_A, VILLAGE_A, VILLAGE_B]);
    village = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE_A });
    townshipA = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: '530129103' });
    townshipB = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: '530129104' });
    gridWorker = await createAccount(t, { role: Role.GRID_WORKER, regionCode: gridA });
    county = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: '530129' });
    dept = await createAccount(t, { role: Role.DEPARTMENT_OPERATOR, regionCode: '530129' });
  });
  afterAll(async () => t.close());

  it('registers a household with its members, numbered in its grid, masked in the answer', async () => {
    const headId = residentId({ birth: '19650708' });
    const spouseId = residentId({ birth: '19680101', sex: 'FEMALE' });
    const created = await createHousehold(t, village.token, {
      ...householdBody(gridA, { phone: '138 1234 5678' }),
      householdType: HouseholdType.OUT_OF_POVERTY,
      riskTypes: [RiskType.ILLNESS],
      members: [
        { name: '马文华', idNumber: headId, relation: Relation.HEAD, ethnicity: '回族', health: HealthStatus.HEALTHY },
        { name: '李秀英', idNumber: spouseId, relation: Relation.SPOUSE, health: HealthStatus.SERIOUS_ILLNESS, phone: '13912345678' },
      ],
    });
    expect(created.householdNumber).toBe(`${gridA}0001`);
    expect(created).toMatchObject({
      regionCode: gridA,
      regionName: expect.stringContaining('羊街镇 羊街村委会 测试网格'),
      headName: '马文华',
      memberCount: 2,
      phoneMasked: '138****5678',
      householdType: 'OUT_OF_POVERTY',
      monitoringType: null,
      riskTypes: ['ILLNESS'],
      version: 1,
    });
    expect(created.members[0]).toMatchObject({
      name: '马文华',
      relation: 'HEAD',
      sex: 'MALE',
      birthDate: '1965-07-08',
      idNumberMasked: `${headId.slice(0, 4)}**********${headId.slice(14)}`,
      healthVisible: true,
      health: 'HEALTHY',
    });
    expect(created.members[1]).toMatchObject({ sex: 'FEMALE', phoneMasked: '139****5678', health: 'SERIOUS_ILLNESS' });
    expect(JSON.stringify(created)).not.toContain(headId);
    expect(JSON.stringify(created)).not.toContain('13812345678');

    const next = await createHousehold(t, village.token, householdBody(gridA));
    expect(next.householdNumber).toBe(`${gridA}0002`);
    const detail = await t.request('GET', `/api/v1/households/${created.id}`, { token: townshipA.token });
    expect(detail.status).toBe(200);
    expect(detail.body.members.map((m: { name: string }) => m.name)).toEqual(['马文华', '李秀英']);
  });

  it('keeps ID numbers and phones out of the tables in plain text; the keyed hash finds them', async () => {
    const idNumber = residentId({ birth: '19770203' });
    const phone = '13700001111';
    const created = await createHousehold(t, village.token, {
      ...householdBody(gridA, { phone }),
      members: [{ name: '赵德明', idNumber, relation: Relation.HEAD, phone, health: HealthStatus.DISABLED }],
    });
    const [household] = await t.dataSource.query(`SELECT row_to_json(h)::text AS row FROM households h WHERE id = $1`, [created.id]);
    const [member] = await t.dataSource.query(`SELECT row_to_json(m)::text AS row FROM members m WHERE household_id = $1`, [created.id]);
    for (const row of [household.row, member.row]) {
      expect(row).not.toContain(idNumber);
      expect(row).not.toContain(idNumber.slice(6, 14) + idNumber.slice(14));
      expect(row).not.toContain(phone);
      expect(row).not.toContain('DISABLED');
    }
    const crypto = t.app.get(CryptoService);
    const byId = await t.dataSource.query(`SELECT name FROM members WHERE id_number_hash = $1`, [crypto.lookupHash(idNumber)]);
    expect(byId).toEqual([{ name: '赵德明' }]);
    const byPhone = await t.dataSource.query(`SELECT id FROM households WHERE phone_hash = $1`, [crypto.lookupHash(phone)]);
    expect(byPhone).toEqual([{ id: created.id }]);
  });

  it('answers bad input with 400 listing every field: check digit, phone, missing head, unknown field', async () => {
    const good = residentId();
    const badCheck = good.slice(0, 17) + (good[17] === '1' ? '2' : '1');
    const res = await t.request('POST', '/api/v1/households', {
      token: village.token,
      body: {
        regionCode: gridA,
        address: '羊街村2号',
        householdType: HouseholdType.ORDINARY,
        phone: '12345',
        colour: 'red',
        members: [{ name: '王小明', idNumber: badCheck, relation: Relation.CHILD }],
      },
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(fields(res.body)).toEqual(['colour', 'members', 'members.0.idNumber', 'phone']);
    const byField = Object.fromEntries(res.body.details.map((d: { field: string; message: string }) => [d.field, d.message]));
    expect(byField['members.0.idNumber']).toContain('校验码');
    expect(byField.members).toContain('户主');

    const inService = await t.request('POST', '/api/v1/households', {
      token: village.token,
      body: {
        ...householdBody(gridA),
        regionCode: '530129999999001',
        members: [
          { name: '王大明', idNumber: good, relation: Relation.HEAD, sex: 'FEMALE' },
          { name: '王二明', idNumber: good, relation: Relation.CHILD },
        ],
      },
    });
    expect(inService.status).toBe(400);
    expect(fields(inService.body)).toEqual(['members.0.sex', 'members.1.idNumber', 'regionCode']);
    expect(await t.dataSource.query(`SELECT 1 FROM members WHERE name = '王大明'`)).toEqual([]);
  });

  it('refuses an ID number registered already with 409 naming the field, nothing half-written', async () => {
    const taken = residentId({ birth: '19900909' });
    await createHousehold(t, village.token, { ...householdBody(gridA), members: [{ name: '周一', idNumber: taken, relation: Relation.HEAD }] });
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM households`);
    const res = await t.request('POST', '/api/v1/households', {
      token: village.token,
      body: householdBody(gridA, { members: [{ name: '周二', idNumber: taken.toLowerCase(), relation: Relation.CHILD }] }),
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('HOUSEHOLD_ID_NUMBER_TAKEN');
    expect(fields(res.body)).toEqual(['members.1.idNumber']);
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM households`)).toEqual(before);
  });

  it('scopes by region: another township gets 404 and does not see the household in its list', async () => {
    const created = await createHousehold(t, village.token, householdBody(gridA, { headName: '段志强' }));
    expect((await t.request('GET', `/api/v1/households/${created.id}`, { token: townshipB.token })).status).toBe(404);
    expect((await t.request('PATCH', `/api/v1/households/${created.id}`, { token: townshipB.token, body: { version: 1, address: 'x' } })).status).toBe(404);
    const list = await t.request('GET', '/api/v1/households', { token: townshipB.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((h: { id: string }) => h.id)).not.toContain(created.id);
    expect((await t.request('GET', '/api/v1/households', { token: townshipB.token, query: { region: '530129103' } })).status).toBe(403);
    const outOfRegion = await t.request('POST', '/api/v1/households', { token: townshipB.token, body: householdBody(gridA) });
    expect(outOfRegion.status).toBe(400);
    expect(fields(outOfRegion.body)).toEqual(['regionCode']);

    const own = await t.request('GET', '/api/v1/households', { token: townshipA.token, query: { region: VILLAGE_A, pageSize: 100 } });
    expect(own.body.items.map((h: { id: string }) => h.id)).toContain(created.id);
    expect(own.body.total).toBe(own.body.items.length);
    const inB = await createHousehold(t, townshipB.token, householdBody(gridB));
    const countyList = await t.request('GET', '/api/v1/households', { token: county.token, query: { pageSize: 100 } });
    expect(countyList.body.items.map((h: { id: string }) => h.id)).toEqual(expect.arrayContaining([created.id, inB.id]));
    expect((await t.request('GET', '/api/v1/households/not-a-uuid', { token: county.token })).status).toBe(404);
  });

  it('searches by a name of 3+ characters (prefix), an exact ID number, a phone or the household number', async () => {
    const idNumber = residentId({ birth: '19881111' });
    const created = await createHousehold(t, village.token, {
      ...householdBody(gridA2, { phone: '15800002222' }),
      members: [
        { name: '普建国', idNumber: residentId(), relation: Relation.HEAD },
        { name: '普阿英花', idNumber, relation: Relation.SPOUSE },
      ],
    });
    const search = (q: string, token = village.token) => t.request('GET', '/api/v1/households', { token, query: { q } });
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((h) => h.id);

    const short = await search('普建');
    expect(short.status).toBe(400);
    expect(short.body.code).toBe('HOUSEHOLD_SEARCH_TOO_SHORT');
    expect(short.body.message).toContain('至少输入3个字');
    expect(ids(await search('普建国'))).toEqual([created.id]);
    expect(ids(await search('普阿英'))).toEqual([created.id]);
    expect(ids(await search('阿英花'))).toEqual([]);
    expect(ids(await search(idNumber))).toEqual([created.id]);
    expect(ids(await search('158-0000-2222'))).toEqual([created.id]);
    expect(ids(await search(created.householdNumber))).toEqual([created.id]);
    expect(ids(await search('普建国', townshipB.token))).toEqual([]);
    expect((await search(idNumber.slice(0, 17) + (idNumber[17] === 'X' ? '0' : 'X'))).status).toBe(400);
    expect((await search('12345')).status).toBe(400);
    const filtered = await t.request('GET', '/api/v1/households', { token: village.token, query: { type: 'OUT_OF_POVERTY', pageSize: 100 } });
    expect(filtered.body.items.every((h: { householdType: string }) => h.householdType === 'OUT_OF_POVERTY')).toBe(true);
    expect((await t.request('GET', '/api/v1/households', { token: village.token, query: { pageSize: 101 } })).status).toBe(400);
  });

  it('updates with the version read; a stale version gets 409 and changes nothing', async () => {
    const created = await createHousehold(t, village.token, householdBody(gridA));
    const ok = await t.request('PATCH', `/api/v1/households/${created.id}`, {
      token: village.token,
      body: { version: 1, address: '羊街村新址8号', riskTypes: [RiskType.ACCIDENT], phone: '13600003333', regionCode: gridA2 },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: 2, address: '羊街村新址8号', riskTypes: ['ACCIDENT'], phoneMasked: '136****3333', regionCode: gridA2 });
    expect(ok.body.householdNumber).toBe(created.householdNumber);

    const stale = await t.request('PATCH', `/api/v1/households/${created.id}`, { token: village.token, body: { version: 1, address: '旧地址' } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('HOUSEHOLD_VERSION_CONFLICT');
    const [row] = await t.dataSource.query(`SELECT address, version FROM households WHERE id = $1`, [created.id]);
    expect(row).toEqual({ address: '羊街村新址8号', version: 2 });

    const bad = await t.request('PATCH', `/api/v1/households/${created.id}`, {
      token: village.token,
      body: { version: 2, monitoringType: MonitoringType.MARGINAL, riskTypes: Array(6).fill(RiskType.OTHER), address: null },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(expect.arrayContaining(['monitoringType', 'riskTypes']));
    const other = await t.request('PATCH', `/api/v1/households/${created.id}`, {
      token: village.token,
      body: { version: 2, address: null, regionCode: '530102001001001' },
    });
    expect(other.status).toBe(400);
    expect(fields(other.body)).toEqual(['address', 'regionCode']);
  });

  it('adds, updates and removes members; the head changes only through the household', async () => {
    const created = await createHousehold(t, village.token, householdBody(gridA, { members: [{ name: '张小红', relation: Relation.CHILD }] }));
    const url = `/api/v1/households/${created.id}/members`;
    const secondHead = await t.request('POST', url, { token: gridWorker.token, body: { name: '张二', idNumber: residentId(), relation: Relation.HEAD } });
    expect(secondHead.status).toBe(400);
    const added = await t.request('POST', url, {
      token: gridWorker.token,
      body: { name: '张老三', idNumber: residentId({ birth: '19450505' }), relation: Relation.PARENT, health: HealthStatus.CHRONIC_ILLNESS },
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ name: '张老三', relation: 'PARENT', version: 1, birthDate: '1945-05-05', health: 'CHRONIC_ILLNESS' });

    const patched = await t.request('PATCH', `${url}/${added.body.id}`, {
      token: village.token,
      body: { version: 1, workPlace: '昆明市', workMonths: 6, phone: '13500004444' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, workPlace: '昆明市', workMonths: 6, phoneMasked: '135****4444' });
    const stale = await t.request('PATCH', `${url}/${added.body.id}`, { token: village.token, body: { version: 1, workMonths: 7 } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('MEMBER_VERSION_CONFLICT');
    const wrongSex = await t.request('PATCH', `${url}/${added.body.id}`, { token: village.token, body: { version: 2, sex: 'FEMALE', name: null } });
    expect(wrongSex.status).toBe(400);
    expect(fields(wrongSex.body)).toEqual(['name', 'sex']);
    const toHead = await t.request('PATCH', `${url}/${added.body.id}`, { token: village.token, body: { version: 2, relation: Relation.HEAD } });
    expect(toHead.status).toBe(400);

    const head = created.members.find((m: { relation: string }) => m.relation === 'HEAD');
    const removeHead = await t.request('DELETE', `${url}/${head.id}`, { token: village.token });
    expect(removeHead.status).toBe(409);
    expect(removeHead.body.code).toBe('HOUSEHOLD_CANNOT_REMOVE_HEAD');

    const child = created.members.find((m: { relation: string }) => m.relation === 'CHILD');
    const newHead = await t.request('PATCH', `/api/v1/households/${created.id}`, {
      token: village.token,
      body: { version: 1, headMemberId: child.id, formerHeadRelation: Relation.PARENT },
    });
    expect(newHead.status).toBe(200);
    expect(newHead.body.headName).toBe('张小红');
    expect(newHead.body.members.filter((m: { relation: string }) => m.relation === 'HEAD').map((m: { id: string }) => m.id)).toEqual([child.id]);
    expect(newHead.body.members.find((m: { id: string }) => m.id === head.id).relation).toBe('PARENT');

    expect((await t.request('DELETE', `${url}/${head.id}`, { token: village.token })).status).toBe(204);
    expect((await t.request('DELETE', `${url}/${head.id}`, { token: village.token })).status).toBe(404);
    const after = await t.request('GET', `/api/v1/households/${created.id}`, { token: village.token });
    expect(after.body.memberCount).toBe(2);
    expect((await t.request('POST', url, { token: dept.token, body: { name: '张四', idNumber: residentId(), relation: Relation.CHILD } })).status).toBe(403);
  });

  it('shows the whole ID number to a village cadre, audited, and refuses a grid worker and a department', async () => {
    const idNumber = residentId({ birth: '19720606' });
    const created = await createHousehold(t, village.token, { ...householdBody(gridA), members: [{ name: '杨春华', idNumber, relation: Relation.HEAD }] });
    const memberId = created.members[0].id;
    const url = `/api/v1/households/${created.id}/members/${memberId}/id-number`;
    const res = await t.request('GET', url, { token: village.token, headers: { 'x-request-id': 'view-id-test-1' } });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ memberId, idNumber });
    const audit = await t.dataSource.query(`SELECT action, actor_account_id, actor_role, region_code, request_id, after::text AS after FROM audit_logs WHERE action = 'member.view-id' AND entity_id = $1`, [memberId]);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_account_id: village.account.id, actor_role: 'VILLAGE_CADRE', region_code: gridA, request_id: 'view-id-test-1' });
    expect(audit[0].after).not.toContain(idNumber);

    expect((await t.request('GET', url, { token: gridWorker.token })).status).toBe(403);
    expect((await t.request('GET', url, { token: dept.token })).status).toBe(403);
    expect((await t.request('GET', url, { token: townshipB.token })).status).toBe(404);
    const views = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'member.view-id' AND entity_id = $1`, [memberId]);
    expect(views).toEqual([{ n: 1 }]);
  });

  it('shows health only to the roles that work cases', async () => {
    const created = await createHousehold(t, village.token, {
      ...householdBody(gridA),
      members: [{ name: '罗大病', idNumber: residentId(), relation: Relation.HEAD, health: HealthStatus.SERIOUS_ILLNESS }],
    });
    const asGrid = await t.request('GET', `/api/v1/households/${created.id}`, { token: gridWorker.token });
    expect(asGrid.body.members[0]).toMatchObject({ healthVisible: true, health: 'SERIOUS_ILLNESS' });
    const asDept = await t.request('GET', `/api/v1/households/${created.id}`, { token: dept.token });
    expect(asDept.status).toBe(200);
    expect(asDept.body.members[0]).toMatchObject({ healthVisible: false, health: null });
  });

  it('audits every write in the same transaction with masked before/after', async () => {
    const idNumber = residentId({ birth: '19830303' });
    const created = await createHousehold(t, village.token, {
      ...householdBody(gridA, { phone: '13311112222' }),
      members: [{ name: '沈国光', idNumber, relation: Relation.HEAD, health: HealthStatus.CHRONIC_ILLNESS }],
    });
    await t.request('PATCH', `/api/v1/households/${created.id}`, { token: village.token, body: { version: 1, phone: '13322223333' } });
    const rows = await t.dataSource.query(
      `SELECT action, before::text AS before, after::text AS after, county_code FROM audit_logs WHERE entity_id = $1 ORDER BY id`,
      [created.id],
    );
    expect(rows.map((r: { action: string }) => r.action)).toEqual(['household.create', 'household.update']);
    for (const row of rows) {
      const text = `${row.before} ${row.after}`;
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain('13311112222');
      expect(text).not.toContain('13322223333');
      expect(text).not.toContain('CHRONIC_ILLNESS');
      expect(row.county_code).toBe('530129');
    }
    expect(JSON.parse(rows[0].after).members[0].idNumberMasked).toBe(`${idNumber.slice(0, 4)}**********${idNumber.slice(14)}`);
    expect(JSON.parse(rows[1].before).phoneMasked).toBe('133****2222');
    expect(JSON.parse(rows[1].after)).toMatchObject({ phoneMasked: '133****3333', version: 2, changedFields: ['phone'] });

    const listed = await t.request('GET', '/api/v1/audit', { token: county.token, query: { entityType: 'household', entityId: created.id } });
    expect(listed.status).toBe(200);
    expect(listed.body.total).toBe(2);
    expect(listed.body.items[0].action).toBe('household.update');
    expect((await t.request('GET', '/api/v1/audit', { token: townshipA.token })).status).toBe(403);
    const otherCounty = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: '530102' });
    const hidden = await t.request('GET', '/api/v1/audit', { token: otherCounty.token, query: { entityId: created.id } });
    expect(hidden.body.total).toBe(0);
  });

  it('finds a member for citizen binding by ID number and name, and describes a binding', async () => {
    const idNumber = residentId({ birth: '19910101' });
    const created = await createHousehold(t, village.token, { ...householdBody(gridA), members: [{ name: '阿·木呷', idNumber, relation: Relation.HEAD }] });
    const households = t.app.get(HouseholdsService);
    const found = await households.findMemberForBinding(t.dataSource.manager, '阿•木呷', idNumber.toLowerCase());
    expect(found).toEqual({
      householdId: created.id,
      householdNumber: created.householdNumber,
      memberId: created.members[0].id,
      memberName: '阿·木呷',
      regionCode: gridA,
    });
    expect(await households.findMemberForBinding(t.dataSource.manager, '阿木', idNumber)).toBeNull();
    expect(await households.findMemberForBinding(t.dataSource.manager, '阿·木呷', residentId())).toBeNull();
    expect(await households.describeMemberForBinding(null, created.id, created.members[0].id)).toEqual(found);
    expect(await households.describeMemberForBinding(null, created.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('lets the cases module set the monitoring type in its transaction, audited, and scoped', async () => {
    const created = await createHousehold(t, village.token, householdBody(gridA));
    const households = t.app.get(HouseholdsService);
    const countyUser = { accountId: county.account.id, role: Role.COUNTY_OFFICER, regionCode: '530129' };
    await t.dataSource.transaction((manager) =>
      households.applyMonitoringDecision(manager, countyUser, created.id, {
        monitoringType: MonitoringType.SUDDEN_HARDSHIP,
        riskTypes: [RiskType.ACCIDENT, RiskType.ILLNESS],
      }),
    );
    const summary = await households.getSummary(countyUser, created.id);
    expect(summary).toMatchObject({ monitoringType: 'SUDDEN_HARDSHIP', riskTypes: ['ACCIDENT', 'ILLNESS'], version: 2 });
    const [row] = await t.dataSource.query(`SELECT before->>'monitoringType' AS before, after->>'monitoringType' AS after FROM audit_logs WHERE action = 'household.monitoring' AND entity_id = $1`, [created.id]);
    expect(row).toEqual({ before: null, after: 'SUDDEN_HARDSHIP' });
    const otherCounty = { accountId: county.account.id, role: Role.COUNTY_OFFICER, regionCode: '530102' };
    await expect(households.getSummary(otherCounty, created.id)).rejects.toMatchObject({ status: 404 });
  });

  it('imports many households at once with the same checks, continuing each grid numbering', async () => {
    const households = t.app.get(HouseholdsService);
    const [{ n: before }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM households WHERE region_code = $1`, [gridB]);
    const head = (name: string, idNumber = residentId()) => ({ name, idNumber, relation: Relation.HEAD });
    const bad = households.importMany(t.dataSource.manager, null, [
      { regionCode: gridB, address: '柯渡1号', householdType: HouseholdType.ORDINARY, members: [{ ...head('甲'), relation: Relation.CHILD }] },
      { regionCode: '530129104201999', address: '柯渡2号', householdType: HouseholdType.ORDINARY, members: [head('乙', '530129198001010000')] },
    ]);
    await expect(bad).rejects.toMatchObject({ status: 400 });
    const error = (await bad.catch((e) => e)) as { details: { field: string }[] };
    expect(error.details.map((d) => d.field).sort()).toEqual(['households.0.members', 'households.1.members.0.idNumber', 'households.1.regionCode']);

    const result = await t.dataSource.transaction((manager) =>
      households.importMany(manager, null, [
        { regionCode: gridB, address: '柯渡3号', householdType: HouseholdType.ORDINARY, members: [head('丙一')] },
        { regionCode: gridB, address: '柯渡4号', householdType: HouseholdType.OUT_OF_POVERTY, monitoringType: MonitoringType.MARGINAL, members: [head('丁一'), { name: '丁二', idNumber: residentId(), relation: Relation.CHILD }] },
      ]),
    );
    expect(result).toMatchObject({ households: 2, members: 3 });
    const numbers = await t.dataSource.query(`SELECT household_number FROM households WHERE region_code = $1 ORDER BY household_number`, [gridB]);
    expect(numbers.map((r: { household_number: string }) => r.household_number).slice(before)).toEqual([
      `${gridB}${String(before + 1).padStart(4, '0')}`,
      `${gridB}${String(before + 2).padStart(4, '0')}`,
    ]);
  });

  it('numbers households created at the same moment in one grid without collisions; a raced ID number is one 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, () => t.request('POST', '/api/v1/households', { token: village.token, body: householdBody(gridA2) })),
    );
    expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201, 201]);
    const numbers = results.map((r) => r.body.householdNumber);
    expect(new Set(numbers).size).toBe(6);

    const idNumber = residentId({ birth: '19930303' });
    const body = () => ({ ...householdBody(gridA2), members: [{ name: '竞争者', idNumber, relation: Relation.HEAD }] });
    const raced = await Promise.all([1, 2, 3].map(() => t.request('POST', '/api/v1/households', { token: village.token, body: body() })));
    expect(raced.map((r) => r.status).sort()).toEqual([201, 409, 409]);
    expect(raced.filter((r) => r.status === 409).every((r) => r.body.code === 'HOUSEHOLD_ID_NUMBER_TAKEN')).toBe(true);
  });
});
