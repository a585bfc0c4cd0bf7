import { Role } from '@jiuzhu/shared';
import { createAccount, CreatedAccount } from '../../../../test/factories/accounts.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { CalendarService } from '../calendar.service.js';
import { SettingsService } from '../settings.service.js';

describe('settings: monitoring lines, workflow deadlines, working-day calendar', () => {
  let t: TestApp;
  let settings: SettingsService;
  let calendar: CalendarService;
  let admin: CreatedAccount;
  let prefectureAdmin: CreatedAccount;
  let county: CreatedAccount;

  beforeAll(async () => {
    t = await createTestApp();
    settings = t.app.get(SettingsService);
    calendar = t.app.get(CalendarService);
    admin = await createAccount(t, { role: Role.ADMIN, regionCode: '53' });
    prefectureAdmin = await createAccount(t, { role: Role.ADMIN, regionCode: '5301' });
    county = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: '530102' });
  });
  afterAll(async () => t.close());

  describe('the monitoring line in force', () => {
    it('is seeded with Yunnan lines: 7000 for 2022 (still in force in 2023), 8700 for 2024 and 2025', async () => {
      expect(await settings.monitoringLineAt(null, '530102001001', '2022-03-01')).toEqual({ year: 2022, amount: 7000, regionCode: '53' });
      expect(await settings.monitoringLineAt(null, '530102001001', '2023-12-31')).toEqual({ year: 2022, amount: 7000, regionCode: '53' });
      expect(await settings.monitoringLineAt(null, '530102', '2024-01-01')).toEqual({ year: 2024, amount: 8700, regionCode: '53' });
      expect(await settings.monitoringLineAt(null, '53', '2025-06-30')).toEqual({ year: 2025, amount: 8700, regionCode: '53' });
      // no 2026 row yet: 2025's line stays in force
      expect(await settings.monitoringLineAt(null, '5301', '2026-11-22')).toEqual({ year: 2025, amount: 8700, regionCode: '53' });
    });

    it('has none before the first year: 409 with a Chinese message, not a 500', async () => {
      const res = await t.request('GET', '/api/v1/settings/monitoring-lines/in-force', {
        token: county.token,
        query: { region: '530102', date: '2021-05-01' },
      });
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('SETTINGS_MONITORING_LINE_MISSING');
      expect(res.body.message).toMatch(/监测线/);
    });

    it('prefers the county over the prefecture over the province, within the latest year', async () => {
      const put = (regionCode: string, year: number, amount: number) =>
        t.request('PUT', '/api/v1/settings/monitoring-lines', { token: admin.token, body: { regionCode, year, amount } });
      expect((await put('5301', 2025, 9000)).status).toBe(200);
      expect((await put('530102', 2025, 9500)).status).toBe(200);
      expect((await put('530103', 2024, 9900)).status).toBe(200);
      expect(await settings.monitoringLineAt(null, '530102001001001', '2025-07-01')).toEqual({ year: 2025, amount: 9500, regionCode: '530102' });
      expect(await settings.monitoringLineAt(null, '530111001', '2025-07-01')).toEqual({ year: 2025, amount: 9000, regionCode: '5301' });
      expect(await settings.monitoringLineAt(null, '530302', '2025-07-01')).toEqual({ year: 2025, amount: 8700, regionCode: '53' });
      // a county's 2024 override does not outlive the province's 2025 line: the latest year wins first
      expect(await settings.monitoringLineAt(null, '530103', '2024-07-01')).toEqual({ year: 2024, amount: 9900, regionCode: '530103' });
      expect(await settings.monitoringLineAt(null, '530103', '2025-07-01')).toEqual({ year: 2025, amount: 9000, regionCode: '5301' });
      const inForce = await t.request('GET', '/api/v1/settings/monitoring-lines/in-force', {
        token: county.token,
        query: { region: '530102001', date: '2025-03-15' },
      });
      expect(inForce.body).toEqual({ year: 2025, amount: 9500, regionCode: '530102' });
    });

    it('lists the lines that apply to a region, paginated, to cadres', async () => {
      const res = await t.request('GET', '/api/v1/settings/monitoring-lines', { token: county.token, query: { region: '530102', pageSize: 2 } });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(5); // 53 x3, 5301/2025, 530102/2025 (not 530103)
      expect(res.body.items).toHaveLength(2);
      expect(res.body.items[0]).toMatchObject({ year: 2025, regionCode: '53', regionName: '云南省', amount: 8700 });
      const byYear = await t.request('GET', '/api/v1/settings/monitoring-lines', { token: county.token, query: { year: 2022 } });
      expect(byYear.body.items.map((l: { amount: number }) => l.amount)).toEqual([7000]);
    });

    it('is changed by admins only, inside their region, audited; bad input is a 400 naming each field', async () => {
      const denied = await t.request('PUT', '/api/v1/settings/monitoring-lines', {
        token: county.token,
        body: { regionCode: '530102', year: 2026, amount: 9000 },
      });
      expect(denied.status).toBe(403);
      const outside = await t.request('PUT', '/api/v1/settings/monitoring-lines', {
        token: prefectureAdmin.token,
        body: { regionCode: '5303', year: 2026, amount: 9000 },
      });
      expect(outside.status).toBe(403);
      const bad = await t.request('PUT', '/api/v1/settings/monitoring-lines', {
        token: admin.token,
        body: { regionCode: '5301001', year: 1999, amount: -5, extra: 1 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['amount', 'extra', 'regionCode', 'year']);
      const unknown = await t.request('PUT', '/api/v1/settings/monitoring-lines', {
        token: admin.token,
        body: { regionCode: '5399', year: 2026, amount: 9000 },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.body.details[0]).toMatchObject({ field: 'regionCode' });

      const created = await t.request('PUT', '/api/v1/settings/monitoring-lines', {
        token: prefectureAdmin.token,
        body: { regionCode: '5301', year: 2026, amount: 9100, note: '昆明市 2026 年' },
      });
      expect(created.status).toBe(200);
      const changed = await t.request('PUT', '/api/v1/settings/monitoring-lines', {
        token: prefectureAdmin.token,
        body: { regionCode: '5301', year: 2026, amount: 9200 },
      });
      expect(changed.body).toMatchObject({ id: created.body.id, amount: 9200, note: null, updatedBy: prefectureAdmin.account.id });
      const audit: { action: string; before: any; after: any }[] = await t.dataSource.query(
        `SELECT action, before, after FROM audit_logs WHERE entity_type = 'monitoring_line' AND entity_id = $1 ORDER BY id`,
        [created.body.id],
      );
      expect(audit.map((a) => a.action)).toEqual(['monitoring-line.create', 'monitoring-line.update']);
      expect(audit[1].before.amount).toBe(9100);
      expect(audit[1].after.amount).toBe(9200);

      const removed = await t.request('DELETE', `/api/v1/settings/monitoring-lines/${created.body.id}`, { token: prefectureAdmin.token });
      expect(removed.status).toBe(204);
      expect(await settings.monitoringLineAt(null, '5301', '2026-03-01')).toMatchObject({ year: 2025, amount: 9000 });
      const again = await t.request('DELETE', `/api/v1/settings/monitoring-lines/${created.body.id}`, { token: prefectureAdmin.token });
      expect(again.status).toBe(404);
    });

    it('is not readable by citizens', async () => {
      const { createCitizen } = await import('../../../../test/factories/accounts.js');
      const citizen = await createCitizen(t);
      const res = await t.request('GET', '/api/v1/settings/monitoring-lines', { token: citizen.token });
      expect(res.status).toBe(403);
    });
  });

  describe('workflow deadlines', () => {
    it('are seeded as the province defaults', async () => {
      expect(await settings.workflowSettingsFor(null, '530102001001')).toEqual({
        decisionDays: 15,
        analysisWorkingDays: 2,
        minNoticeDays: 5,
        escalateAfterDays: 10,
        ticketAckWorkingDays: 1,
      });
    });

    it('are overridden per prefecture and county, key by key, and a null gives the key back to the level above', async () => {
      const put = (token: string, regionCode: string, values: Record<string, number | null>) =>
        t.request('PUT', '/api/v1/settings/workflow', { token, body: { regionCode, values } });
      expect((await put(prefectureAdmin.token, '5301', { decisionDays: 12, minNoticeDays: 7 })).status).toBe(200);
      const countyPut = await put(admin.token, '530102', { decisionDays: 10 });
      expect(countyPut.status).toBe(200);
      expect(countyPut.body.settings).toMatchObject({ decisionDays: 10, minNoticeDays: 7, analysisWorkingDays: 2 });
      expect(countyPut.body.items.find((i: { key: string }) => i.key === 'minNoticeDays')).toMatchObject({
        sourceRegionCode: '5301',
        own: false,
        label: expect.stringMatching(/公示/),
      });
      expect(await settings.workflowSettingsFor(null, '530103001')).toMatchObject({ decisionDays: 12, minNoticeDays: 7 });
      expect(await settings.workflowSettingsFor(null, '530302')).toMatchObject({ decisionDays: 15, minNoticeDays: 5 });

      const cleared = await put(admin.token, '530102', { decisionDays: null });
      expect(cleared.body.settings.decisionDays).toBe(12);
      const read = await t.request('GET', '/api/v1/settings/workflow', { token: county.token, query: { region: '530102' } });
      expect(read.status).toBe(200);
      expect(read.body.settings.decisionDays).toBe(12);

      const audit: { before: any; after: any }[] = await t.dataSource.query(
        `SELECT before, after FROM audit_logs WHERE entity_type = 'workflow_settings' AND entity_id = '530102' ORDER BY id`,
      );
      expect(audit).toHaveLength(2);
      expect(audit[1].before).toEqual({ decisionDays: 10 });
      expect(audit[1].after).toEqual({ changedFields: ['decisionDays'] });
    });

    it('refuse bad input with every field, a cleared province default, non-admins and other regions', async () => {
      const bad = await t.request('PUT', '/api/v1/settings/workflow', {
        token: admin.token,
        body: { regionCode: '53', values: { decisionDays: 0, minNoticeDays: 'five', escalateAfterDays: 1000, other: 1 } },
      });
      expect(bad.status).toBe(400);
      expect([...new Set(bad.body.details.map((d: { field: string }) => d.field))].sort()).toEqual([
        'values.decisionDays',
        'values.escalateAfterDays',
        'values.minNoticeDays',
        'values.other',
      ]);
      expect(bad.body.message).toMatch(/期限/);
      const province = await t.request('PUT', '/api/v1/settings/workflow', {
        token: admin.token,
        body: { regionCode: '53', values: { decisionDays: null } },
      });
      expect(province.status).toBe(400);
      expect(province.body.code).toBe('SETTINGS_PROVINCE_VALUE_REQUIRED');
      const empty = await t.request('PUT', '/api/v1/settings/workflow', { token: admin.token, body: { regionCode: '53', values: {} } });
      expect(empty.status).toBe(400);
      const notAdmin = await t.request('PUT', '/api/v1/settings/workflow', {
        token: county.token,
        body: { regionCode: '530102', values: { decisionDays: 9 } },
      });
      expect(notAdmin.status).toBe(403);
      const outside = await t.request('PUT', '/api/v1/settings/workflow', {
        token: prefectureAdmin.token,
        body: { regionCode: '53', values: { decisionDays: 9 } },
      });
      expect(outside.status).toBe(403);
      const noRegion = await t.request('GET', '/api/v1/settings/workflow', { token: county.token });
      expect(noRegion.status).toBe(400);
    });
  });

  describe('working days', () => {
    it('follow the weekdays, the holidays and the make-up working days of the seeded schedule', async () => {
      expect(await calendar.isWorkingDay(null, '2025-10-08')).toBe(false); // National Day + Mid-Autumn, a Wednesday
      expect(await calendar.isWorkingDay(null, '2025-09-28')).toBe(true); // a Sunday worked
      expect(await calendar.isWorkingDay(null, '2025-10-11')).toBe(true); // a Saturday worked
      expect(await calendar.isWorkingDay(null, '2025-10-12')).toBe(false); // an ordinary Sunday
      expect(await calendar.isWorkingDay(null, '2026-02-23')).toBe(false); // Spring Festival, a Monday
      expect(await calendar.isWorkingDay(null, '2026-02-28')).toBe(true); // a Saturday worked
    });

    it('are added across the 2025 National Day holiday and its make-up days', async () => {
      // Fri 26 Sep + 1 = Sun 28 Sep (worked); + 2 = Mon 29; + 3 = Tue 30; + 4 = Thu 9 Oct (1-8 Oct off)
      expect(await calendar.addWorkingDays(null, '2025-09-26', 1)).toBe('2025-09-28');
      expect(await calendar.addWorkingDays(null, '2025-09-26', 2)).toBe('2025-09-29');
      expect(await calendar.addWorkingDays(null, '2025-09-30', 1)).toBe('2025-10-09');
      expect(await calendar.addWorkingDays(null, '2025-09-30', 2)).toBe('2025-10-10');
      expect(await calendar.addWorkingDays(null, '2025-09-30', 3)).toBe('2025-10-11'); // a Saturday worked
      expect(await calendar.addWorkingDays(null, '2025-09-30', 4)).toBe('2025-10-13');
      expect(await calendar.addWorkingDays(null, '2025-10-03', 0)).toBe('2025-10-03');
    });

    it('are added across the 2026 Spring Festival', async () => {
      // Fri 13 Feb + 1 = Sat 14 Feb (worked); + 2 = Tue 24 Feb (15-23 off); Sat 28 Feb worked
      expect(await calendar.addWorkingDays(null, '2026-02-13', 1)).toBe('2026-02-14');
      expect(await calendar.addWorkingDays(null, '2026-02-13', 2)).toBe('2026-02-24');
      expect(await calendar.addWorkingDays(null, '2026-02-26', 2)).toBe('2026-02-28');
      expect(await calendar.addWorkingDays(null, '2026-02-26', 3)).toBe('2026-03-02');
      expect(await calendar.workingDaysBetween(null, '2026-02-13', '2026-02-28')).toBe(6); // 14, 24, 25, 26, 27, 28
      // a long span reads the table in several windows
      expect(await calendar.addWorkingDays(null, '2025-01-01', 250)).toBe(await stepByStep('2025-01-01', 250));
    });

    async function stepByStep(from: string, n: number): Promise<string> {
      let day = from;
      while (n > 0) {
        const d = new Date(`${day}T00:00:00Z`);
        d.setUTCDate(d.getUTCDate() + 1);
        day = d.toISOString().slice(0, 10);
        if (await calendar.isWorkingDay(null, day)) n--;
      }
      return day;
    }

    it('are edited through the calendar API by a province admin, audited, and the change counts at once', async () => {
      const list = await t.request('GET', '/api/v1/settings/calendar', { token: county.token, query: { year: 2026, kind: 'WORKDAY' } });
      expect(list.status).toBe(200);
      expect(list.body.items.map((d: { date: string }) => d.date)).toEqual([
        '2026-01-04',
        '2026-02-14',
        '2026-02-28',
        '2026-05-09',
        '2026-09-20',
        '2026-10-10',
      ]);
      expect(list.body.items[0]).toMatchObject({ kindLabel: '调休上班', weekday: 7 });
      const all2025 = await t.request('GET', '/api/v1/settings/calendar', { token: county.token, query: { year: 2025, kind: 'HOLIDAY' } });
      expect(all2025.body.total).toBe(1 + 8 + 3 + 5 + 3 + 8);

      // a local extra day off (e.g. an ethnic festival) on a Monday
      const put = await t.request('PUT', '/api/v1/settings/calendar', {
        token: admin.token,
        body: { date: '2026-03-02', kind: 'HOLIDAY', name: '测试假日' },
      });
      expect(put.status).toBe(200);
      expect(await calendar.addWorkingDays(null, '2026-02-26', 3)).toBe('2026-03-03');
      const denied = await t.request('PUT', '/api/v1/settings/calendar', {
        token: prefectureAdmin.token,
        body: { date: '2026-03-03', kind: 'HOLIDAY', name: '测试' },
      });
      expect(denied.status).toBe(403);
      const bad = await t.request('PUT', '/api/v1/settings/calendar', {
        token: admin.token,
        body: { date: '2026-02-30', kind: 'DAY_OFF', name: '' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['kind', 'name']);
      const impossible = await t.request('PUT', '/api/v1/settings/calendar', {
        token: admin.token,
        body: { date: '2026-02-30', kind: 'HOLIDAY', name: '测试' },
      });
      expect(impossible.status).toBe(400);
      expect((await t.request('DELETE', '/api/v1/settings/calendar/2026-03-02', { token: admin.token })).status).toBe(204);
      expect(await calendar.addWorkingDays(null, '2026-02-26', 3)).toBe('2026-03-02');
      const audit: { action: string }[] = await t.dataSource.query(
        `SELECT action FROM audit_logs WHERE entity_type = 'calendar_day' AND entity_id = '2026-03-02' ORDER BY id`,
      );
      expect(audit.map((a) => a.action)).toEqual(['calendar-day.create', 'calendar-day.delete']);
    });
  });
});
