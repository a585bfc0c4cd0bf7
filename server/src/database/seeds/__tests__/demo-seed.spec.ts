import { validateIdNumber } from '@jiuzhu/shared';
import { login } from '../../../../test/factories/accounts.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { CryptoService } from '../../../modules/crypto/crypto.service.js';
import { HouseholdsService } from '../../../modules/households/households.service.js';
import { RegionsService } from '../../../modules/regions/regions.service.js';
import { DEMO_CITIZEN, DEMO_PASSWORD, DemoSeedService, DemoSeedSummary, formatDemoSeedSummary } from '../demo-seed.service.js';

describe('demo seed', () => {
  let t: TestApp;
  let summary: DemoSeedSummary | null;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(RegionsService).importIfEmpty();
    summary = await t.app.get(DemoSeedService).seedIfEmpty();
  });
  afterAll(async () => t.close());

  it('creates grids, ~2,000 households and their members in the demo county, as the summary says', async () => {
    expect(summary).not.toBeNull();
    const s = summary!;
    expect(s.county).toEqual({ code: '530129', name: '寻甸回族彝族自治县' });
    const [counts] = await t.dataSource.query(`
      SELECT (SELECT count(*)::int FROM regions WHERE level = 'GRID') AS grids,
             (SELECT count(*)::int FROM regions WHERE level = 'GRID' AND code NOT LIKE '530129%') AS foreign_grids,
             (SELECT count(*)::int FROM households) AS households,
             (SELECT count(*)::int FROM households WHERE county_code <> '530129') AS foreign_households,
             (SELECT count(*)::int FROM households WHERE household_type = 'OUT_OF_POVERTY') AS out_of_poverty,
             (SELECT count(*)::int FROM households WHERE monitoring_type IS NOT NULL) AS monitored,
             (SELECT count(*)::int FROM members) AS members,
             (SELECT max(n)::int FROM (SELECT count(*) AS n FROM members GROUP BY household_id) x) AS largest,
             (SELECT count(*)::int FROM households h WHERE NOT EXISTS (SELECT 1 FROM members m WHERE m.household_id = h.id AND m.relation = 'HEAD' AND m.id = h.head_member_id)) AS headless`);
    expect(counts).toMatchObject({ foreign_grids: 0, foreign_households: 0, households: 2000, headless: 0 });
    expect(counts.grids).toBeGreaterThanOrEqual(176 * 3);
    expect(counts.grids).toBeLessThanOrEqual(176 * 8);
    expect(counts.out_of_poverty / counts.households).toBeGreaterThan(0.25);
    expect(counts.out_of_poverty / counts.households).toBeLessThan(0.36);
    expect(counts.monitored).toBeGreaterThan(20);
    expect(counts.members).toBeGreaterThan(2000 * 2.5);
    expect(counts.largest).toBeLessThanOrEqual(6);
    expect(s.counts).toEqual({
      grids: counts.grids,
      households: counts.households,
      members: counts.members,
      outOfPoverty: counts.out_of_poverty,
      monitored: counts.monitored,
    });
  });

  it('stores valid, unique, encrypted ID numbers of the county', async () => {
    const crypto = t.app.get(CryptoService);
    const sample: { id_number_encrypted: string; id_number_hash: string }[] = await t.dataSource.query(
      `SELECT id_number_encrypted, id_number_hash FROM members ORDER BY random() LIMIT 200`,
    );
    for (const row of sample) {
      const idNumber = crypto.decrypt(row.id_number_encrypted);
      expect(validateIdNumber(idNumber).valid).toBe(true);
      expect(idNumber.startsWith('530129')).toBe(true);
      expect(crypto.lookupHash(idNumber)).toBe(row.id_number_hash);
    }
  });

  it('creates one account per role that logs in with the demo password', async () => {
    const s = summary!;
    expect(s.accounts.map((a) => [a.username, a.role, a.regionCode.length])).toEqual([
      ['admin', 'ADMIN', 2],
      ['county', 'COUNTY_OFFICER', 6],
      ['township', 'TOWNSHIP_REVIEWER', 9],
      ['village', 'VILLAGE_CADRE', 12],
      ['grid', 'GRID_WORKER', 15],
      ['dept', 'DEPARTMENT_OPERATOR', 6],
    ]);
    const [, county, township, village, grid] = s.accounts.map((a) => a.regionCode);
    expect(township.startsWith(county)).toBe(true);
    expect(village.startsWith(township)).toBe(true);
    expect(grid.startsWith(village)).toBe(true);
    for (const account of s.accounts) {
      const { token } = await login(t, account.username, DEMO_PASSWORD);
      expect(token).toBeTruthy();
    }
    const { token } = await login(t, 'grid', DEMO_PASSWORD);
    const list = await t.request('GET', '/api/v1/households', { token, query: { pageSize: 100 } });
    expect(list.status).toBe(200);
    expect(list.body.total).toBeGreaterThanOrEqual(8);
    expect(list.body.items.every((h: { regionCode: string }) => h.regionCode === grid)).toBe(true);
  });

  it('has the fixed member a citizen binds to, in the village account\'s village, and prints it', async () => {
    const s = summary!;
    const found = await t.app.get(HouseholdsService).findMemberForBinding(t.dataSource.manager, DEMO_CITIZEN.name, DEMO_CITIZEN.idNumber);
    expect(found).toMatchObject({ memberName: '张明华', householdNumber: s.citizenMember.householdNumber });
    expect(found!.regionCode.startsWith(s.accounts.find((a) => a.username === 'village')!.regionCode)).toBe(true);
    const printed = formatDemoSeedSummary(s);
    expect(printed).toContain(DEMO_CITIZEN.idNumber);
    expect(printed).toContain(DEMO_PASSWORD);
    expect(printed).toContain('village');
  });

  it('gives the grid account this month\'s screening tasks', async () => {
    const s = summary!;
    expect(s.screening.tasks).toBeGreaterThanOrEqual(s.counts.outOfPoverty);
    expect(s.screening.demoGridTasks).toBeGreaterThanOrEqual(1);
    const { token } = await login(t, 'grid', DEMO_PASSWORD);
    const tasks = await t.request('GET', '/api/v1/screening/tasks', { token, query: { pageSize: 500 } });
    expect(tasks.status).toBe(200);
    expect(tasks.body.total).toBe(s.screening.demoGridTasks);
    expect(tasks.body.items[0].month).toBe(s.screening.month);
  });

  it('does nothing on the next start', async () => {
    expect(await t.app.get(DemoSeedService).seedIfEmpty()).toBeNull();
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM households`);
    expect(n).toBe(2000);
    expect(summary!.milliseconds).toBeGreaterThan(0);
    process.stdout.write(`# demo seed took ${summary!.milliseconds} ms (${process.env.JIUZHU_TEST_DATABASE})\n`);
  });
});
