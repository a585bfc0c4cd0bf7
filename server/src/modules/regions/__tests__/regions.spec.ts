import { Role } from '@jiuzhu/shared';
import { createAccount } from '../../../../test/factories/accounts.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { RegionsService } from '../regions.service.js';

const VILLAGE = '530129103201'; // 羊街镇 羊街村委会
const OTHER_COUNTY_VILLAGE = '530102001001'; // 五华区

describe('regions', () => {
  let t: TestApp;
  let regions: RegionsService;

  beforeAll(async () => {
    t = await createTestApp();
    regions = t.app.get(RegionsService);
    await regions.importIfEmpty();
  });
  afterAll(async () => t.close());

  it('imports the Yunnan list once: 1 province, 16 prefectures, 129 counties, 1,461 townships, 14,888 villages', async () => {
    const rows: { level: string; n: number }[] = await t.dataSource.query(
      `SELECT level, count(*)::int AS n FROM regions WHERE level <> 'GRID' GROUP BY level`,
    );
    const counts = Object.fromEntries(rows.map((r) => [r.level, r.n]));
    expect(counts).toEqual({ PROVINCE: 1, PREFECTURE: 16, COUNTY: 129, TOWNSHIP: 1461, VILLAGE: 14888 });
    expect((await regions.importIfEmpty()).imported).toBe(0);
  });

  it('lists children without login, the province when no parent is given', async () => {
    const top = await t.request('GET', '/api/v1/regions');
    expect(top.status).toBe(200);
    expect(top.body).toMatchObject({ total: 1, items: [{ code: '53', name: '云南省', level: 'PROVINCE', parentCode: null }] });

    const prefectures = await t.request('GET', '/api/v1/regions', { query: { parent: '53' } });
    expect(prefectures.body.total).toBe(16);
    expect(prefectures.body.items[0]).toEqual({ code: '5301', name: '昆明市', level: 'PREFECTURE', parentCode: '53' });

    const townships = await t.request('GET', '/api/v1/regions', { query: { parent: '530129', pageSize: 5, page: 2 } });
    expect(townships.body).toMatchObject({ total: 17, page: 2, pageSize: 5 });
    expect(townships.body.items).toHaveLength(5);

    const bad = await t.request('GET', '/api/v1/regions', { query: { parent: '53x', pageSize: 500 } });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['pageSize', 'parent']);
  });

  it('shows a region with its path from the province', async () => {
    const res = await t.request('GET', '/api/v1/regions/530129103');
    expect(res.status).toBe(200);
    expect(res.body.path.map((r: { name: string }) => r.name)).toEqual(['云南省', '昆明市', '寻甸回族彝族自治县', '羊街镇']);
    expect(res.body.fullName).toBe('云南省 昆明市 寻甸回族彝族自治县 羊街镇');
    expect((await t.request('GET', '/api/v1/regions/530129999')).status).toBe(404);
    expect((await t.request('GET', '/api/v1/regions/abc')).status).toBe(400);
  });

  it('gives namesOf and pathNamesOf to other modules in one query each', async () => {
    const names = await regions.namesOf(['5301', '530129', 'nope']);
    expect([...names.entries()]).toEqual(expect.arrayContaining([['5301', '昆明市'], ['530129', '寻甸回族彝族自治县']]));
    expect(names.size).toBe(2);
    const paths = await regions.pathNamesOf([VILLAGE]);
    expect(paths.get(VILLAGE)).toBe('昆明市 寻甸回族彝族自治县 羊街镇 羊街村委会');
  });

  it('lets a county officer add grids in their county with the next free suffix, audited', async () => {
    const county = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: '530129' });
    const first = await t.request('POST', `/api/v1/regions/${VILLAGE}/grids`, { token: county.token, body: { name: '第一村民小组' } });
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ code: `${VILLAGE}001`, name: '第一村民小组', level: 'GRID', parentCode: VILLAGE });
    const second = await t.request('POST', `/api/v1/regions/${VILLAGE}/grids`, { token: county.token, body: { name: '第二村民小组' } });
    expect(second.body.code).toBe(`${VILLAGE}002`);

    const again = await t.request('POST', `/api/v1/regions/${VILLAGE}/grids`, { token: county.token, body: { name: '第一村民小组' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('GRID_NAME_TAKEN');

    const children = await t.request('GET', '/api/v1/regions', { query: { parent: VILLAGE } });
    expect(children.body.items.map((r: { code: string }) => r.code)).toEqual([`${VILLAGE}001`, `${VILLAGE}002`]);

    const audit = await t.dataSource.query(`SELECT action, actor_account_id, region_code FROM audit_logs WHERE entity_id = $1`, [`${VILLAGE}001`]);
    expect(audit).toEqual([{ action: 'region.create-grid', actor_account_id: county.account.id, region_code: `${VILLAGE}001` }]);
  });

  it('refuses grids outside the caller scope, under a non-village, and to other roles', async () => {
    const county = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: '530129' });
    const outside = await t.request('POST', `/api/v1/regions/${OTHER_COUNTY_VILLAGE}/grids`, { token: county.token, body: { name: '一组' } });
    expect(outside.status).toBe(404);
    const township = await t.request('POST', '/api/v1/regions/530129103/grids', { token: county.token, body: { name: '一组' } });
    expect(township.status).toBe(400);
    expect(township.body.code).toBe('REGION_NOT_A_VILLAGE');
    const village = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: VILLAGE });
    const refused = await t.request('POST', `/api/v1/regions/${VILLAGE}/grids`, { token: village.token, body: { name: '一组' } });
    expect(refused.status).toBe(403);
    const anonymous = await t.request('POST', `/api/v1/regions/${VILLAGE}/grids`, { body: { name: '一组' } });
    expect(anonymous.status).toBe(401);
    const admin = await createAccount(t, { role: Role.ADMIN, regionCode: '53' });
    const empty = await t.request('POST', `/api/v1/regions/${VILLAGE}/grids`, { token: admin.token, body: { name: ' ', extra: 1 } });
    expect(empty.status).toBe(400);
  });

  it('has an index that a LIKE prefix search on the code can use', async () => {
    const plan: { 'QUERY PLAN': string }[] = await t.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      return manager.query(`EXPLAIN SELECT code FROM regions WHERE code LIKE '530129%'`);
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('IDX_regions_code_pattern');
  });
});
