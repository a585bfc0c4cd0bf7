import {
  ALL_CASE_ACTIONS,
  ALL_CASE_STATUSES,
  canTransition,
  CaseAction,
  CaseSource,
  CaseStatus,
  IDENTIFICATION_WORKFLOW,
  Role,
} from '@jiuzhu/shared';
import { createAccount } from '../../../../test/factories/accounts.js';
import { createGrids } from '../../../../test/factories/households.js';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { Clock } from '../../../common/clock.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { ESCALATION_JOB } from '../case-escalation.service.js';
import {
  act,
  actOk,
  BoundHousehold,
  Cadres,
  chinaMorning,
  claimBody,
  createBoundHousehold,
  createCadres,
  fields,
  publicizeBody,
  submitClaim,
  surveyBody,
  VILLAGE_A,
  VILLAGE_B,
} from './case-fixtures.js';

describe('cases: rules of the workflow', () => {
  let t: TestApp;
  let clock: Clock;
  let gridA: string;
  let cadres: Cadres;
  let family: BoundHousehold;
  let seq = 0;

  /** Puts a case straight into a status (the walk of the table needs every status). */
  const setStatus = async (id: string, status: CaseStatus) => {
    await t.dataSource.query(`UPDATE cases SET status = $2 WHERE id = $1`, [id, status]);
  };
  const versionOf = async (id: string) => (await t.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0].version as number;
  const freshFamily = async () => {
    seq++;
    return createBoundHousehold(t, cadres.village.token, gridA, { headName: `测试户${'甲乙丙丁戊己庚辛壬癸'[seq % 10]}${seq}`, phone: `1370000${String(1000 + seq)}` });
  };

  beforeAll(async () => {
    t = await createTestApp();
    clock = t.app.get(Clock);
    clock.set(chinaMorning('2025-06-03'));
    [gridA] = await createGrids(t, [VILLAGE_A, VILLAGE_B]);
    cadres = await createCadres(t, gridA);
    family = await createBoundHousehold(t, cadres.village.token, gridA);
  });
  afterAll(async () => {
    t.app.get(Clock).set(null);
    await t.close();
  });

  it('walks the table: every status x action x role is allowed, 403 (role) or 409 (status)', async () => {
    const claim = await submitClaim(t, family.citizen.token);
    const admin = await createAccount(t, { role: Role.ADMIN, regionCode: '53' });
    const actors: [Role, string][] = [
      [Role.CITIZEN, family.citizen.token],
      [Role.GRID_WORKER, cadres.gridWorker.token],
      [Role.VILLAGE_CADRE, cadres.village.token],
      [Role.TOWNSHIP_REVIEWER, cadres.township.token],
      [Role.COUNTY_OFFICER, cadres.county.token],
    ];
    const takes = (role: Role, action: CaseAction) => IDENTIFICATION_WORKFLOW.some((r) => r.action === action && (r.roles as readonly Role[]).includes(role));
    let checked = 0;
    for (const status of ALL_CASE_STATUSES) {
      await setStatus(claim.id, status);
      for (const action of ALL_CASE_ACTIONS) {
        for (const [role, token] of actors) {
          // the bare action: an allowed one then fails on its payload (400) or its own rule, never on role or status
          const res = await act(t, token, claim.id, { action, version: 1 });
          const where = `${status} ${action} ${role}: ${res.status} ${res.body.code}`;
          if (canTransition(status, action, role)) {
            expect([where, res.body.code]).not.toEqual([where, 'ROLE_NOT_ALLOWED']);
            expect([where, res.body.code]).not.toEqual([where, 'ACTION_NOT_ALLOWED_IN_STATUS']);
            expect([where, res.status < 500]).toEqual([where, true]);
          } else if (!takes(role, action)) {
            expect([where, res.status, res.body.code]).toEqual([where, 403, 'ROLE_NOT_ALLOWED']);
          } else {
            expect([where, res.status, res.body.code]).toEqual([where, 409, 'ACTION_NOT_ALLOWED_IN_STATUS']);
          }
          checked++;
        }
        // roles outside the workflow never reach it
        const byAdmin = await act(t, admin.token, claim.id, { action, version: 1 });
        expect(byAdmin.status).toBe(403);
      }
    }
    expect(checked).toBe(ALL_CASE_STATUSES.length * ALL_CASE_ACTIONS.length * actors.length);
    // nothing moved: every refused action left the case and its timeline as they were
    expect(await versionOf(claim.id)).toBe(1);
    const events = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [claim.id]);
    expect(events[0].n).toBe(1);
    await t.dataSource.query(`UPDATE cases SET status = 'WITHDRAWN', closed_at = now() WHERE id = $1`, [claim.id]);
  });

  it('refuses a stale version with 409 CASE_VERSION_CONFLICT', async () => {
    const f = await freshFamily();
    const claim = await submitClaim(t, f.citizen.token, claimBody({ contactPhone: f.phone }));
    await actOk(t, cadres.village.token, claim.id, { action: CaseAction.ANALYZE_PROCEED, version: 1, reason: '需入户核实' });
    const stale = await act(t, cadres.township.token, claim.id, { action: CaseAction.WITHDRAW, version: 1, reason: 'x' });
    expect(stale.status).toBe(403); // township never withdraws: the role is checked before the version
    const staleVillage = await act(t, cadres.village.token, claim.id, { action: CaseAction.WITHDRAW, version: 1, reason: '重复申请' });
    expect(staleVillage.status).toBe(409);
    expect(staleVillage.body.code).toBe('CASE_VERSION_CONFLICT');
    expect(staleVillage.body.details[0]).toMatchObject({ field: 'version', currentVersion: 2 });
  });

  it('lets exactly one of two township reviewers acting at once win', async () => {
    for (const [first, second] of [
      [CaseAction.TOWNSHIP_APPROVE, CaseAction.TOWNSHIP_APPROVE],
      [CaseAction.TOWNSHIP_APPROVE, CaseAction.TOWNSHIP_RETURN],
    ]) {
      const f = await freshFamily();
      const claim = await submitClaim(t, f.citizen.token, claimBody({ contactPhone: f.phone }));
      await setStatus(claim.id, CaseStatus.TOWNSHIP_REVIEW);
      const body = (action: CaseAction) =>
        action === CaseAction.TOWNSHIP_APPROVE ? { action, version: 1, opinion: '同意' } : { action, version: 1, reason: '退回补充材料' };
      const results = await Promise.all([
        act(t, cadres.township.token, claim.id, body(first)),
        act(t, cadres.township2.token, claim.id, body(second)),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(results.find((r) => r.status === 409)!.body.code).toBe('CASE_VERSION_CONFLICT');
      const events = await t.dataSource.query(`SELECT action FROM case_events WHERE case_id = $1 ORDER BY id`, [claim.id]);
      expect(events.length).toBe(2);
      expect(await versionOf(claim.id)).toBe(2);
    }
  });

  it('stores a claim once however often it is retried with the same Idempotency-Key', async () => {
    const f = await freshFamily();
    const key = `retry-${Date.now()}`;
    const body = claimBody({ contactPhone: f.phone });
    const send = () => t.request('POST', '/api/v1/claims', { token: f.citizen.token, body, headers: { 'idempotency-key': key } });
    const concurrent = await Promise.all(Array.from({ length: 5 }, send));
    const sequential = [];
    for (let i = 0; i < 5; i++) sequential.push(await send());
    const all = [...concurrent, ...sequential];
    expect(all.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(all.map((r) => r.body.id)).size).toBe(1);
    expect(all.filter((r) => r.headers['idempotency-replayed'] === 'false').length).toBe(1);
    const stored = await t.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE household_id = $1`, [f.household.id]);
    expect(stored[0].n).toBe(1);
    const events = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [all[0].body.id]);
    expect(events[0].n).toBe(1);
    // the same key with another body is refused
    const reused = await t.request('POST', '/api/v1/claims', {
      token: f.citizen.token,
      body: { ...body, description: '另一件事' },
      headers: { 'idempotency-key': key },
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('shows due date, days left and overdue by the Clock, and escalates once per level', async () => {
    clock.set(chinaMorning('2025-06-03'));
    const f = await freshFamily();
    const claim = await submitClaim(t, f.citizen.token, claimBody({ contactPhone: f.phone }));
    const list = (query: Record<string, string | boolean>) =>
      t.request('GET', '/api/v1/cases', { token: cadres.township.token, query: { ...query, pageSize: 100 } });
    const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id);
    const escalations = async (token: string) =>
      (await t.request('GET', '/api/v1/notifications', { token, query: { pageSize: 100 } })).body.items.filter(
        (n: { kind: string; data: { caseId?: string } }) => n.kind === 'case.escalated' && n.data?.caseId === claim.id,
      ).length;
    const jobs = t.app.get(JobsService);

    clock.set(chinaMorning('2025-06-06'));
    let row = (await list({})).body.items.find((c: { id: string }) => c.id === claim.id);
    expect(row).toMatchObject({ dueDate: '2025-06-18', daysLeft: 12, overdue: false, analysisOverdue: true });
    await jobs.runNow(ESCALATION_JOB, {});
    expect(await escalations(cadres.township.token)).toBe(0);

    // open more than 10 days: escalated to the township, once
    clock.set(chinaMorning('2025-06-13') );
    clock.advance(60 * 60 * 1000);
    await jobs.runNow(ESCALATION_JOB, {});
    await jobs.runNow(ESCALATION_JOB, {});
    expect(await escalations(cadres.township.token)).toBe(1);
    expect(await escalations(cadres.county.token)).toBe(0);
    row = (await list({})).body.items.find((c: { id: string }) => c.id === claim.id);
    expect(row.escalationLevel).toBe('TOWNSHIP');

    // at the township's step: escalated again, to the county, once
    await setStatus(claim.id, CaseStatus.TOWNSHIP_REVIEW);
    await jobs.runNow(ESCALATION_JOB, {});
    await jobs.runNow(ESCALATION_JOB, {});
    expect(await escalations(cadres.county.token)).toBe(1);
    expect(await escalations(cadres.township.token)).toBe(1);
    const detail = (await t.request('GET', `/api/v1/cases/${claim.id}`, { token: cadres.county.token })).body;
    expect(detail.escalationLevel).toBe('COUNTY');
    expect(detail.timeline.filter((e: { action: string }) => e.action === 'escalate').map((e: { payload: { level: string } }) => e.payload.level)).toEqual([
      'TOWNSHIP',
      'COUNTY',
    ]);
    expect(detail.version).toBe(1); // escalation does not make the cadres' open forms stale

    // due today: 0 days left, not overdue; the day after: overdue, listed by overdue=true
    clock.set(chinaMorning('2025-06-18'));
    row = (await list({})).body.items.find((c: { id: string }) => c.id === claim.id);
    expect(row).toMatchObject({ daysLeft: 0, overdue: false });
    expect(ids(await list({ overdue: true }))).not.toContain(claim.id);
    clock.set(chinaMorning('2025-06-19'));
    expect(ids(await list({ overdue: true }))).toContain(claim.id);
    expect(ids(await list({ overdue: false }))).not.toContain(claim.id);
    row = (await list({ overdue: true })).body.items.find((c: { id: string }) => c.id === claim.id);
    expect(row).toMatchObject({ daysLeft: -1, overdue: true });
    // overdue cases come first in the list
    const all = (await list({})).body.items as { id: string; overdue: boolean }[];
    const firstOnTime = all.findIndex((c) => !c.overdue);
    expect(all.slice(0, firstOnTime).map((c) => c.id)).toContain(claim.id);
    expect(all.slice(firstOnTime).filter((c) => c.overdue)).toEqual([]);
    const mine = await t.request('GET', '/api/v1/my/claims', { token: f.citizen.token });
    expect(mine.body.items[0]).toMatchObject({ overdue: true, daysLeft: -1 });
    await setStatus(claim.id, CaseStatus.WITHDRAWN);
    await t.dataSource.query(`UPDATE cases SET closed_at = now() WHERE id = $1`, [claim.id]);
    clock.set(chinaMorning('2025-06-03'));
  });

  it('hides a case from the cadres of another township, who cannot act on it either', async () => {
    const f = await freshFamily();
    const claim = await submitClaim(t, f.citizen.token, claimBody({ contactPhone: f.phone }));
    const { otherTownship, otherVillage } = cadres;
    for (const cadre of [otherTownship, otherVillage]) {
      expect((await t.request('GET', `/api/v1/cases/${claim.id}`, { token: cadre.token })).status).toBe(404);
      const list = await t.request('GET', '/api/v1/cases', { token: cadre.token, query: { pageSize: 100 } });
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(claim.id);
    }
    const byVillage = await act(t, otherVillage.token, claim.id, { action: CaseAction.ANALYZE_PROCEED, version: 1, reason: '越权' });
    expect(byVillage.status).toBe(404);
    await setStatus(claim.id, CaseStatus.TOWNSHIP_REVIEW);
    const byTownship = await act(t, otherTownship.token, claim.id, { action: CaseAction.TOWNSHIP_APPROVE, version: 1, opinion: '越权' });
    expect(byTownship.status).toBe(404);
    expect(await versionOf(claim.id)).toBe(1);
    const wrongRegion = await t.request('GET', '/api/v1/cases', { token: otherTownship.token, query: { region: VILLAGE_A } });
    expect(wrongRegion.status).toBe(403);
    // a cadre cannot enter a case outside their region either
    const outside = await t.request('POST', '/api/v1/cases', {
      token: otherVillage.token,
      body: { source: CaseSource.CADRE, householdId: f.household.id, description: '走访发现' },
    });
    expect(outside.status).toBe(400);
    expect(fields(outside.body)).toEqual(['householdId']);
    await t.dataSource.query(`UPDATE cases SET status = 'WITHDRAWN', closed_at = now() WHERE id = $1`, [claim.id]);
  });

  it('answers bad payloads with 400 listing each field, and writes nothing', async () => {
    clock.set(chinaMorning('2025-06-03'));
    const f = await freshFamily();
    const claim = await submitClaim(t, f.citizen.token, claimBody({ contactPhone: f.phone }));
    const missing = await act(t, cadres.village.token, claim.id, { action: CaseAction.ANALYZE_PROCEED, version: 1 });
    expect(missing.status).toBe(400);
    expect(fields(missing.body)).toEqual(['reason']);
    const unknown = await act(t, cadres.village.token, claim.id, { action: CaseAction.ANALYZE_PROCEED, version: 1, reason: '核实', colour: 'red' });
    expect(fields(unknown.body)).toEqual(['colour']);
    const noAction = await act(t, cadres.village.token, claim.id, { action: 'approve.everything', version: 1 });
    expect(noAction.status).toBe(400);
    expect(fields(noAction.body)).toEqual(['action']);
    await actOk(t, cadres.village.token, claim.id, { action: CaseAction.ANALYZE_PROCEED, version: 1, reason: '需入户核实' });

    const badSurvey = surveyBody(2, [cadres.gridWorker.account.id], '2025-06-30');
    (badSurvey.survey as any).income = { wage: -5, business: 'many', property: 0, transfer: 0, businessCost: 1.234 };
    (badSurvey.survey as any).checklist.HOUSING_SAFETY = { status: 'PROBLEM' };
    delete (badSurvey.survey as any).checklist.DRINKING_WATER;
    (badSurvey.survey as any).memberCount = 0;
    const res = await act(t, cadres.gridWorker.token, claim.id, badSurvey);
    expect(res.status).toBe(400);
    expect([...new Set(fields(res.body))]).toEqual([
      'survey.checklist.DRINKING_WATER',
      'survey.checklist.HOUSING_SAFETY.note',
      'survey.income.business',
      'survey.income.businessCost',
      'survey.income.wage',
      'survey.memberCount',
      'survey.surveyorIds',
    ]);
    // business rules after the shape: surveyors in scope, dates against the Clock
    const outsider = await act(
      t,
      cadres.gridWorker.token,
      claim.id,
      surveyBody(2, [cadres.gridWorker.account.id, cadres.otherVillage.account.id], '2025-06-30'),
    );
    expect(outsider.status).toBe(400);
    expect(fields(outsider.body)).toEqual(['survey.surveyorIds.1', 'survey.visitDate']);
    await actOk(t, cadres.gridWorker.token, claim.id, surveyBody(2, [cadres.gridWorker.account.id, cadres.village2.account.id], '2025-06-03'));
    const shortNotice = await act(t, cadres.village.token, claim.id, publicizeBody(3, '2025-06-03', { noticeDays: 3, noticeStartDate: '2025-06-01' }));
    expect(shortNotice.status).toBe(400);
    expect(fields(shortNotice.body)).toEqual(['noticeDays', 'noticeStartDate', 'noticeStartDate']);
    expect(await versionOf(claim.id)).toBe(3);
    const events = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_events WHERE case_id = $1`, [claim.id]);
    expect(events[0].n).toBe(3);
  });

  it('refuses a claim without the consent, and lists every bad field of a claim', async () => {
    const f = await freshFamily();
    const refused = await t.request('POST', '/api/v1/claims', { token: f.citizen.token, body: claimBody({ consent: false, contactPhone: f.phone }) });
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(['consent']);
    const { consent, ...withoutConsent } = claimBody({ contactPhone: f.phone });
    const absent = await t.request('POST', '/api/v1/claims', { token: f.citizen.token, body: withoutConsent });
    expect(absent.status).toBe(400);
    expect(fields(absent.body)).toContain('consent');
    const bad = await t.request('POST', '/api/v1/claims', {
      token: f.citizen.token,
      body: claimBody({ source: CaseSource.PROXY, contactPhone: '12345', difficultyKind: 'RICH', fileIds: Array(10).fill('x') }),
    });
    expect(bad.status).toBe(400);
    expect([...new Set(fields(bad.body))]).toEqual(['contactPhone', 'difficultyKind', 'fileIds', 'subject']);
    const stored = await t.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE household_id = $1`, [f.household.id]);
    expect(stored[0].n).toBe(0);
  });

  it('takes a proxy request for a named person, linked to the registry when the ID number matches', async () => {
    clock.set(chinaMorning('2025-06-03'));
    const helper = await freshFamily();
    const target = await freshFamily();
    const unregistered = await submitClaim(
      t,
      helper.citizen.token,
      claimBody({
        source: CaseSource.PROXY,
        contactPhone: helper.phone,
        subject: { name: '孙老汉', relation: '邻居', phone: '13600001234', regionCode: VILLAGE_A, address: '大村5号' },
      }),
    );
    expect(unregistered).toMatchObject({ source: 'PROXY', relation: 'CLAIMANT', subjectName: '孙老汉', status: 'DECLARED' });
    const detail = (await t.request('GET', `/api/v1/cases/${unregistered.id}`, { token: cadres.village.token })).body;
    expect(detail).toMatchObject({ householdId: null, regionCode: VILLAGE_A, proxyRelation: '邻居', subjectPhoneMasked: '136****1234', proposedAddress: '大村5号' });

    const linked = await submitClaim(
      t,
      helper.citizen.token,
      claimBody({
        source: CaseSource.PROXY,
        contactPhone: helper.phone,
        subject: { name: target.headName, relation: '亲戚', regionCode: VILLAGE_A, idNumber: target.headIdNumber },
      }),
    );
    const linkedDetail = (await t.request('GET', `/api/v1/cases/${linked.id}`, { token: cadres.village.token })).body;
    expect(linkedDetail).toMatchObject({ householdId: target.household.id, regionCode: gridA });
    expect(JSON.stringify(linkedDetail)).not.toContain(target.headIdNumber);
    // the household sees the case about it; the claimant too
    const theirs = await t.request('GET', '/api/v1/my/claims', { token: target.citizen.token });
    expect(theirs.body.items.map((c: { id: string; relation: string }) => `${c.id}:${c.relation}`)).toEqual([`${linked.id}:HOUSEHOLD`]);
    const helperClaims = await t.request('GET', '/api/v1/my/claims', { token: helper.citizen.token });
    expect(helperClaims.body.total).toBe(2);
    // a survey of the unregistered person needs the household registered first
    await actOk(t, cadres.village.token, unregistered.id, { action: CaseAction.ANALYZE_PROCEED, version: 1, reason: '入户核实' });
    const noHousehold = await act(t, cadres.village.token, unregistered.id, surveyBody(2, [cadres.village.account.id, cadres.village2.account.id], '2025-06-03'));
    expect(fields(noHousehold.body)).toEqual(['survey.householdId']);
  });

  it('attaches the photos the claimant uploaded; an upload of someone else is refused by field', async () => {
    const f = await freshFamily();
    const other = await freshFamily();
    const upload = async (token: string, name: string, content: Buffer) => {
      const boundary = `----cases${Date.now()}`;
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="${name}"\r\nContent-Type: image/jpeg\r\n\r\n`),
        content,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const res = await t.request('POST', '/api/v1/files', { token, body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
      expect(res.status).toBe(201);
      return res.body[0].id as string;
    };
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]), Buffer.alloc(300, 7)]);
    const mine = [await upload(f.citizen.token, '病历.jpg', jpeg), await upload(f.citizen.token, '房屋.jpg', jpeg)];
    const theirs = await upload(other.citizen.token, '别人的.jpg', jpeg);
    const refused = await t.request('POST', '/api/v1/claims', {
      token: f.citizen.token,
      body: claimBody({ contactPhone: f.phone, fileIds: [mine[0], theirs] }),
    });
    expect(refused.status).toBe(400);
    expect(fields(refused.body)).toEqual(['fileIds[1]']);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE household_id = $1`, [f.household.id]))[0].n).toBe(0);

    const claim = await submitClaim(t, f.citizen.token, claimBody({ contactPhone: f.phone, fileIds: mine }));
    const detail = (await t.request('GET', `/api/v1/cases/${claim.id}`, { token: cadres.village.token })).body;
    expect(detail.attachments.map((a: { id: string; mime: string }) => `${a.id}:${a.mime}`).sort()).toEqual(mine.map((id) => `${id}:image/jpeg`).sort());
    expect(detail.timeline[0].payload.fileIds).toEqual(mine);
    const download = await t.request('GET', `/api/v1/files/${mine[0]}`, { token: cadres.village.token });
    expect(download.status).toBe(200);
    const outside = await t.request('GET', `/api/v1/files/${mine[0]}`, { token: cadres.otherVillage.token });
    expect(outside.status).toBe(404);
  });

  it('lets cadres enter cases of any source and filter the list', async () => {
    const f = await freshFamily();
    const created = await t.request('POST', '/api/v1/cases', {
      token: cadres.gridWorker.token,
      body: { source: CaseSource.SCREENING, householdId: f.household.id, description: '月度排查发现因病支出大', consent: true },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ source: 'SCREENING', assignedAccountId: cadres.gridWorker.account.id, consentVersion: 'PAPER' });
    const bySource = await t.request('GET', '/api/v1/cases', { token: cadres.village.token, query: { source: 'SCREENING' } });
    expect(bySource.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const mine = await t.request('GET', '/api/v1/cases', { token: cadres.gridWorker.token, query: { assignedToMe: true } });
    expect(mine.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
    const byStep = await t.request('GET', '/api/v1/cases', { token: cadres.village.token, query: { step: 'ANALYZE', q: created.body.caseNumber } });
    expect(byStep.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const byName = await t.request('GET', '/api/v1/cases', { token: cadres.village.token, query: { q: f.headName } });
    expect(byName.body.items.map((c: { id: string }) => c.id)).toEqual([created.body.id]);
    const badQuery = await t.request('GET', '/api/v1/cases', { token: cadres.village.token, query: { status: 'NOPE', pageSize: 500 } });
    expect(badQuery.status).toBe(400);
    expect(fields(badQuery.body)).toEqual(['pageSize', 'status']);
    const citizenList = await t.request('GET', '/api/v1/cases', { token: f.citizen.token });
    expect(citizenList.status).toBe(403);
  });
});

