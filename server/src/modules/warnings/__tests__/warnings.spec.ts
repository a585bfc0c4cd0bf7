import { MonitoringType } from '@jiuzhu/shared';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { ExchangePipelineService } from '../../exchange/exchange-pipeline.service.js';
import {
  createRegistry,
  csv,
  fields,
  MEDICAL_HEADER,
  MONTH,
  Person,
  Registry,
  Senders,
  sendCsv,
} from '../../exchange/__tests__/exchange-fixtures.js';

describe('department warnings: rules, raising, the village inbox, actions, feedback', () => {
  let t: TestApp;
  let registry: Registry;
  let senders: Senders;

  beforeAll(async () => {
    t = await createTestApp();
    ({ registry, senders } = await createRegistry(t));
    // a second monitored household (a 脱贫户 under monitoring)
    await t.dataSource.query(`UPDATE households SET monitoring_type = $2 WHERE id = $1`, [registry.poor.householdId, MonitoringType.UNSTABLE_OUT_OF_POVERTY]);
  });
  afterAll(async () => t.close());

  const warningsOf = (rule: string, month = MONTH): Promise<{ household_id: string; status: string }[]> =>
    t.dataSource.query(
      `SELECT w.household_id, w.status FROM warnings w JOIN warning_rules r ON r.id = w.rule_id WHERE r.code = $1 AND w.month = $2 ORDER BY w.created_at`,
      [rule, month],
    );
  const admin = () => senders.admin.token;
  const p = (person: Person) => [person.idNumber, person.name];

  /** Each seeded rule: a record that fires, one just under the threshold (or outside the rule's households). */
  const ruleCases: { rule: string; dataset: string; header: string[]; fires: () => [Person, unknown[]]; under: () => [Person, unknown[]] }[] = [
    {
      rule: 'MEDICAL_SELF_PAID_MONITORED',
      dataset: 'MEDICAL_SELF_PAID',
      header: MEDICAL_HEADER,
      fires: () => [registry.monitored, ['住院', '2025-06-01', '2025-06-09', 20000, 6000.01]],
      under: () => [registry.poor, ['住院', '2025-06-01', '2025-06-09', 20000, 6000]],
    },
    {
      rule: 'MEDICAL_SELF_PAID_OTHER',
      dataset: 'MEDICAL_SELF_PAID',
      header: MEDICAL_HEADER,
      fires: () => [registry.ordinary, ['住院', '2025-06-01', '2025-06-09', 30000, 10000.5]],
      under: () => [registry.ordinary2, ['住院', '2025-06-01', '2025-06-09', 30000, 10000]],
    },
    {
      rule: 'HOUSE_UNSAFE',
      dataset: 'HOUSE_SAFETY',
      header: ['身份证号', '姓名', '鉴定日期', '鉴定等级'],
      fires: () => [registry.ordinary, ['2025-06-03', 'C']],
      under: () => [registry.ordinary2, ['2025-06-03', 'B']],
    },
    {
      rule: 'SCHOOL_DROPOUT_POOR',
      dataset: 'SCHOOL_DROPOUT',
      header: ['身份证号', '姓名', '学校', '学段', '辍学日期'],
      fires: () => [registry.monitored, ['羊街中学', '初中', '2025-06-02']],
      under: () => [registry.ordinary, ['羊街中学', '初中', '2025-06-02']],
    },
    {
      rule: 'SCHOOL_COST_HIGH',
      dataset: 'SCHOOL_COST',
      header: ['身份证号', '姓名', '学年', '资助后自付费用'],
      fires: () => [registry.ordinary, ['2025-2026', 10000.01]],
      under: () => [registry.ordinary2, ['2025-2026', 10000]],
    },
    {
      rule: 'ACCIDENT_MAIN_EARNER',
      dataset: 'ACCIDENT_VICTIM',
      header: ['身份证号', '姓名', '事故日期', '伤亡情况', '是否主要劳动力'],
      fires: () => [registry.ordinary, ['2025-06-05', '致残', '是']],
      under: () => [registry.ordinary2, ['2025-06-05', '致残', '否']],
    },
    {
      rule: 'SOCIAL_ASSISTANCE_NEW',
      dataset: 'SOCIAL_ASSISTANCE_GRANT',
      header: ['身份证号', '姓名', '救助类型', '批准月份'],
      fires: () => [registry.ordinary, ['低保', MONTH]],
      under: () => [registry.ordinary2, ['低保', '2025-05']],
    },
    {
      rule: 'DISABILITY_NEW_OR_WORSE',
      dataset: 'DISABILITY_CERTIFICATE',
      header: ['身份证号', '姓名', '残疾类别', '残疾等级', '发证日期', '变更类型'],
      fires: () => [registry.ordinary, ['肢体残疾', '二级', '2025-06-01', '升级']],
      under: () => [registry.ordinary2, ['肢体残疾', '二级', '2025-06-01', '换领']],
    },
    {
      rule: 'DISASTER_HIT',
      dataset: 'DISASTER',
      header: ['身份证号', '姓名', '灾害类型', '受灾日期', '损失金额'],
      fires: () => [registry.ordinary, ['洪涝灾害', '2025-06-06', 3000]],
      under: () => [registry.stranger, ['洪涝灾害', '2025-06-06', 3000]],
    },
    {
      rule: 'JOB_LOSS_MAIN_EARNER',
      dataset: 'JOB_LOSS',
      header: ['身份证号', '姓名', '失业登记日期', '原单位'],
      fires: () => [registry.labour, ['2025-06-01', '昆明某厂']],
      under: () => [registry.ordinary2, ['2025-06-01', '昆明某厂']],
    },
    {
      rule: 'WATER_CUT',
      dataset: 'WATER_SUPPLY_CUT',
      header: ['身份证号', '姓名', '断水开始日期', '预计恢复日期'],
      fires: () => [registry.ordinary, ['2025-06-07', '2025-06-20']],
      under: () => [registry.stranger, ['2025-06-07', '']],
    },
  ];

  it('fires each seeded rule on its record and not on the one just under it', async () => {
    const rules = await t.request('GET', '/api/v1/warning-rules', { token: admin(), query: { pageSize: 100 } });
    expect(rules.body.items.map((r: any) => r.code).sort()).toEqual(ruleCases.map((c) => c.rule).sort());
    for (const c of ruleCases) {
      const [fire, fireRest] = c.fires();
      const [under, underRest] = c.under();
      const batch = await sendCsv(t, admin(), c.dataset, MONTH, csv(c.header, [[...p(fire), ...fireRest], [...p(under), ...underRest]] as (string | number)[][]));
      const raised = await warningsOf(c.rule);
      expect({ rule: c.rule, households: raised.map((w) => w.household_id) }).toEqual({ rule: c.rule, households: [fire.householdId] });
      expect(batch.counts.warnings).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps one open warning per household, rule and month; after a dismissal a new month raises again', async () => {
    // the same house twice in one file, and again in a second file of the month
    const rows = (date: string) => csv(['身份证号', '姓名', '鉴定日期', '鉴定等级'], [[registry.ordinary.idNumber, '张建国', date, 'D'], [registry.ordinary.idNumber, '张建国', date, 'C']]);
    const again = await sendCsv(t, admin(), 'HOUSE_SAFETY', MONTH, rows('2025-06-15'));
    expect(again.counts.warnings).toBe(0);
    expect(await warningsOf('HOUSE_UNSAFE')).toHaveLength(1);

    const [open] = await t.dataSource.query(`SELECT w.id, w.version FROM warnings w JOIN warning_rules r ON r.id = w.rule_id WHERE r.code = 'HOUSE_UNSAFE'`);
    const dismissed = await t.request('POST', `/api/v1/warnings/${open.id}/actions`, {
      token: senders.village.token,
      body: { action: 'dismiss', version: open.version, reason: '已核实：房屋已于上月加固，鉴定前已完成改造' },
    });
    expect(dismissed.status).toBe(200);
    expect(dismissed.body.status).toBe('DISMISSED');

    const july = await sendCsv(t, admin(), 'HOUSE_SAFETY', '2025-07', rows('2025-07-02'));
    expect(july.counts.warnings).toBe(1);
    expect(await warningsOf('HOUSE_UNSAFE', '2025-07')).toEqual([{ household_id: registry.ordinary.householdId, status: 'NEW' }]);
  });

  it('tells each village once per batch, not once per warning', async () => {
    const before = Number((await t.dataSource.query(`SELECT count(*) AS n FROM notifications WHERE kind = 'warning.new' AND recipient_account_id = $1`, [senders.village.account.id]))[0].n);
    const batch = await sendCsv(
      t,
      admin(),
      'WATER_SUPPLY_CUT',
      '2025-08',
      csv(['身份证号', '姓名', '断水开始日期', '预计恢复日期'], [
        [registry.ordinary.idNumber, '张建国', '2025-08-01', ''],
        [registry.ordinary2.idNumber, '李春生', '2025-08-01', ''],
        [registry.villageB.idNumber, '何德才', '2025-08-01', ''],
      ]),
    );
    expect(batch.counts.warnings).toBe(3);
    const after: { title: string; data: any }[] = await t.dataSource.query(
      `SELECT title, data FROM notifications WHERE kind = 'warning.new' AND recipient_account_id = $1 ORDER BY created_at DESC`,
      [senders.village.account.id],
    );
    expect(after.length - before).toBe(1);
    expect(after[0]).toMatchObject({ title: '部门预警：2条待核实', data: { batchId: batch.id, count: 2 } });
    const villageB: unknown[] = await t.dataSource.query(`SELECT 1 FROM notifications WHERE kind = 'warning.new' AND recipient_account_id = $1`, [senders.villageB.account.id]);
    expect(villageB.length).toBeGreaterThanOrEqual(1);
  });

  it('shows a village only its warnings (another village gets 404), masked, with filters', async () => {
    const mine = await t.request('GET', '/api/v1/warnings', { token: senders.village.token, query: { month: '2025-08' } });
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(2);
    const item = mine.body.items[0];
    expect(item).toMatchObject({ status: 'NEW', dataset: 'WATER_SUPPLY_CUT', departmentLabel: '水利', ruleName: '饮水中断', riskType: 'DRINKING_WATER', month: '2025-08', daysSinceRaised: 0 });
    expect(item.household.headName).toMatch(/\*/);
    const id = item.evidence.find((e: any) => e.key === 'idNumber').value;
    expect(id).toMatch(/^\d{4}\*{10}[\dX]{4}$/);
    expect(JSON.stringify(mine.body)).not.toContain(registry.ordinary.idNumber);
    expect(item.allowedActions).toEqual(['verify', 'dismiss', 'open-case']);

    const other = await t.request('GET', '/api/v1/warnings', { token: senders.villageB.token, query: { month: '2025-08' } });
    expect(other.body.total).toBe(1);
    expect((await t.request('GET', `/api/v1/warnings/${item.id}`, { token: senders.villageB.token })).status).toBe(404);
    expect((await t.request('GET', `/api/v1/warnings/${item.id}`, { token: senders.township.token })).status).toBe(200);
    expect((await t.request('GET', '/api/v1/warnings', { token: senders.village.token, query: { region: '530129104201' } })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/warnings', { token: senders.medical.token })).status).toBe(403);
    const high = await t.request('GET', '/api/v1/warnings', { token: senders.county.token, query: { severity: 'HIGH', status: 'NEW,VERIFYING', pageSize: 100 } });
    expect(high.body.items.every((w: any) => w.severity === 'HIGH' && ['NEW', 'VERIFYING'].includes(w.status))).toBe(true);
    const byName = await t.request('GET', '/api/v1/warnings', { token: senders.village.token, query: { q: '李春生', month: '2025-08' } });
    expect(byName.body.total).toBe(1);
  });

  it('verifies, refuses a dismissal without reason (400) and a stale version (409), opens a DEPARTMENT_WARNING case at DECLARED, links an open case', async () => {
    const list = await t.request('GET', '/api/v1/warnings', { token: senders.village.token, query: { month: '2025-08', q: '张建国' } });
    const warning = list.body.items[0];
    const act = (body: Record<string, unknown>, token = senders.village.token) => t.request('POST', `/api/v1/warnings/${warning.id}/actions`, { token, body });

    const verified = await act({ action: 'verify', version: warning.version });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ status: 'VERIFYING', version: warning.version + 1, allowedActions: ['dismiss', 'open-case'] });
    const stale = await act({ action: 'dismiss', version: warning.version, reason: '误报' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('WARNING_VERSION_CONFLICT');
    const noReason = await act({ action: 'dismiss', version: verified.body.version });
    expect(noReason.status).toBe(400);
    expect(fields(noReason.body)).toEqual(['reason']);
    expect((await act({ action: 'open-case', version: verified.body.version }, senders.grid.token)).status).toBe(403);

    const opened = await act({ action: 'open-case', version: verified.body.version, reason: '入户核实：停水已一周，家中老人需用水' });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'CASE_OPENED', linkedExistingCase: false });
    expect(opened.body.caseNumber).toMatch(/^530129-/);
    const [c] = await t.dataSource.query(`SELECT source, status, household_id, description FROM cases WHERE id = $1`, [opened.body.caseId]);
    expect(c).toMatchObject({ source: 'DEPARTMENT_WARNING', status: 'DECLARED', household_id: registry.ordinary.householdId });
    expect(c.description).toContain('饮水中断');
    expect(c.description).not.toContain(registry.ordinary.idNumber);
    const twice = await act({ action: 'verify', version: opened.body.version });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('WARNING_STATUS_CONFLICT');

    // another warning of the same household: linked to the case already open
    const [otherWarning] = await t.dataSource.query(
      `SELECT id, version FROM warnings WHERE household_id = $1 AND status = 'NEW' ORDER BY created_at LIMIT 1`,
      [registry.ordinary.householdId],
    );
    const linked = await t.request('POST', `/api/v1/warnings/${otherWarning.id}/actions`, { token: senders.township.token, body: { action: 'open-case', version: otherWarning.version } });
    expect(linked.status).toBe(200);
    expect(linked.body).toMatchObject({ status: 'CASE_OPENED', caseId: opened.body.caseId, linkedExistingCase: true });
    const audit: { action: string }[] = await t.dataSource.query(`SELECT action FROM audit_logs WHERE entity_type = 'warning' AND entity_id = $1 ORDER BY id`, [warning.id]);
    expect(audit.map((a) => a.action)).toEqual(['warning.verify', 'warning.open-case']);
  });

  it('gives the department its verdicts back (status, reason or case number and status, masked ID, row number) and nothing of another department', async () => {
    const water = await t.request('POST', '/api/v1/accounts', {
      token: admin(),
      body: { username: 'water-op', password: 'Water2025ok', role: 'DEPARTMENT_OPERATOR', regionCode: '530129', displayName: '县水务局', department: 'WATER' },
    });
    expect(water.status).toBe(201);
    const login = await t.request('POST', '/api/v1/auth/login', { body: { username: 'water-op', password: 'Water2025ok' } });
    const feedback = await t.request('GET', '/api/v1/exchange/feedback', { token: login.body.accessToken, query: { month: '2025-08' } });
    expect(feedback.status).toBe(200);
    expect(feedback.body.total).toBe(3);
    const opened = feedback.body.items.find((f: any) => f.status === 'CASE_OPENED');
    expect(opened).toMatchObject({ dataset: 'WATER_SUPPLY_CUT', month: '2025-08', ruleName: '饮水中断', caseStatus: 'DECLARED', statusLabel: '已立案' });
    expect(opened.verdict).toContain(opened.caseNumber);
    expect(opened.rowNumber).toBeGreaterThanOrEqual(2);
    expect(opened.idNumber).toMatch(/\*{10}/);
    expect(JSON.stringify(feedback.body)).not.toContain('householdId');

    const medical = await t.request('GET', '/api/v1/exchange/feedback', { token: senders.medical.token, query: { pageSize: 100 } });
    expect(medical.body.items.every((f: any) => f.dataset === 'MEDICAL_SELF_PAID')).toBe(true);
    const housing = await t.request('GET', '/api/v1/exchange/feedback', { token: admin(), query: { dataset: 'HOUSE_SAFETY', status: 'DISMISSED' } });
    expect(housing.body.items[0].verdict).toContain('已排除：已核实');
  });

  it('applies a rule change from the next batch only (rules are read when a batch starts matching)', async () => {
    const rule = (await t.request('GET', '/api/v1/warning-rules', { token: admin(), query: { dataset: 'SCHOOL_COST' } })).body.items[0];
    const pipeline = t.app.get(ExchangePipelineService);
    let patched: any = null;
    pipeline.hooks.afterRulesRead = async () => {
      if (patched) return;
      patched = await t.request('PATCH', `/api/v1/warning-rules/${rule.id}`, {
        token: admin(),
        body: { version: rule.version, condition: { all: [{ field: '资助后自付费用', op: '>', value: 5000 }] } },
      });
    };
    const header = ['身份证号', '姓名', '学年', '资助后自付费用'];
    try {
      const first = await sendCsv(t, admin(), 'SCHOOL_COST', '2025-09', csv(header, [[registry.ordinary2.idNumber, '李春生', '2025-2026', 8000]]));
      expect(patched.status).toBe(200);
      expect(patched.body.version).toBe(rule.version + 1);
      expect(first.counts.warnings).toBe(0);
      const [applied] = await t.dataSource.query(`SELECT applied_rules FROM exchange_batches WHERE id = $1`, [first.id]);
      expect(applied.applied_rules).toEqual([expect.objectContaining({ code: 'SCHOOL_COST_HIGH', version: rule.version })]);
    } finally {
      pipeline.hooks = {};
    }
    const second = await sendCsv(t, admin(), 'SCHOOL_COST', '2025-09', csv(header, [[registry.ordinary2.idNumber, '李春生', '2025秋', 8000]]));
    expect(second.counts.warnings).toBe(1);

    const stale = await t.request('PATCH', `/api/v1/warning-rules/${rule.id}`, { token: admin(), body: { version: rule.version, active: false } });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('WARNING_RULE_VERSION_CONFLICT');
  });

  it('lets administrators and county officers keep rules, checked against the dataset, scoped, audited', async () => {
    const bad = await t.request('POST', '/api/v1/warning-rules', {
      token: admin(),
      body: {
        code: 'BAD_RULE',
        dataset: 'MEDICAL_SELF_PAID',
        name: '写错的规则',
        condition: { all: [{ field: '不存在的列', op: '>', value: 1 }, { field: '自付费用', op: 'in', value: 3 }, { field: '就诊类型', op: '=', value: '急诊' }], householdIs: 'RICH' },
        severity: 'HIGH',
        riskType: 'ILLNESS',
        validFrom: '2025-01-01',
      },
    });
    expect(bad.status).toBe(400);
    expect(fields(bad.body)).toEqual(['condition.all[0].field', 'condition.all[1].op', 'condition.all[2].value', 'condition.householdIs']);

    const body = {
      code: 'MEDICAL_SELF_PAID_530129',
      dataset: 'MEDICAL_SELF_PAID',
      name: '本县门诊自付超过3000元',
      condition: { all: [{ field: '就诊类型', op: '=', value: '门诊' }, { field: 'selfPaid', op: '>=', value: 3000 }] },
      severity: 'LOW',
      riskType: 'ILLNESS',
      validFrom: '2025-01-01',
    };
    const outside = await t.request('POST', '/api/v1/warning-rules', { token: senders.county.token, body: { ...body, regionCode: '530102' } });
    expect(outside.status).toBe(400);
    expect(fields(outside.body)).toEqual(['regionCode']);
    const created = await t.request('POST', '/api/v1/warning-rules', { token: senders.county.token, body });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ regionCode: '530129', active: true, version: 1, conditionText: '就诊类型为门诊且自付费用不小于3000' });
    expect((await t.request('POST', '/api/v1/warning-rules', { token: senders.county.token, body })).status).toBe(409);
    // a county officer cannot change a province rule
    const province = (await t.request('GET', '/api/v1/warning-rules', { token: senders.county.token, query: { dataset: 'HOUSE_SAFETY' } })).body.items[0];
    expect((await t.request('PATCH', `/api/v1/warning-rules/${province.id}`, { token: senders.county.token, body: { version: province.version, active: false } })).status).toBe(404);
    expect((await t.request('GET', '/api/v1/warning-rules', { token: senders.village.token })).status).toBe(403);
    const deactivated = await t.request('PATCH', `/api/v1/warning-rules/${created.body.id}`, { token: senders.county.token, body: { version: 1, active: false } });
    expect(deactivated.body).toMatchObject({ active: false, version: 2 });
    const audit: { action: string }[] = await t.dataSource.query(`SELECT action FROM audit_logs WHERE entity_id = $1 ORDER BY id`, [created.body.id]);
    expect(audit.map((a) => a.action)).toEqual(['warning-rule.create', 'warning-rule.deactivate']);
  });
});
