// The outbox (NotificationsService.enqueue inside the caller's transaction) and the in-app inbox API, with the
// development channels (no WeChat / WeCom configured).
import { Role } from '@jiuzhu/shared';
import { createAccount, createCitizen, type CreatedAccount, type CreatedCitizen } from '../../../../test/factories/accounts.js';
import { residentId } from '../../../../test/factories/households.js';
import { createTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { RegionsService } from '../../regions/regions.service.js';
import { NotificationDeliveryWorker } from '../notification-delivery.worker.js';
import { type NotificationRequest, NotificationsService } from '../notifications.service.js';

describe('notifications: outbox and inbox', () => {
  let t: TestApp;
  let service: NotificationsService;
  let citizen: CreatedCitizen;
  let other: CreatedCitizen;
  let reviewerA1: CreatedAccount;
  let reviewerA2: CreatedAccount;
  let reviewerB: CreatedAccount;
  let reviewerGone: CreatedAccount;
  let villageCadre: CreatedAccount;
  let countyOfficer: CreatedAccount;

  const YANGJIE = '530129103'; // 羊街镇
  const KEDU = '530129104'; // 柯渡镇, the township next door
  const YANGJIE_VILLAGE = '530129103201';

  const enqueue = (items: NotificationRequest[]) => t.dataSource.transaction((manager) => service.enqueue(manager, items));
  const rowsFor = (accountId: string) =>
    t.dataSource.query(`SELECT * FROM notifications WHERE recipient_account_id = $1 ORDER BY created_at, id`, [accountId]);
  const deliveriesFor = (accountId: string) =>
    t.dataSource.query(
      `SELECT d.* FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.recipient_account_id = $1`,
      [accountId],
    );
  const step = (accountId: string, title = '您的申请已进入实地调查'): NotificationRequest => ({
    to: { accountId },
    kind: 'case.step',
    title,
    body: '村里将在两个工作日内上门调查。',
    data: { caseId: '6f1c1b8e-0000-4000-8000-000000000001' },
  });

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(RegionsService).importIfEmpty();
    service = t.app.get(NotificationsService);
    citizen = await createCitizen(t);
    other = await createCitizen(t);
    reviewerA1 = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: YANGJIE, wecomUserid: 'YangJieShenHe1' });
    reviewerA2 = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: YANGJIE });
    reviewerB = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: KEDU, wecomUserid: 'KeDuShenHe' });
    reviewerGone = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: YANGJIE });
    await t.dataSource.query(`UPDATE accounts SET is_active = false WHERE id = $1`, [reviewerGone.account.id]);
    villageCadre = await createAccount(t, { role: Role.VILLAGE_CADRE, regionCode: YANGJIE_VILLAGE });
    countyOfficer = await createAccount(t, { role: Role.COUNTY_OFFICER, regionCode: '530129', wecomUserid: 'XunDianXian' });
  });

  afterAll(async () => {
    await t?.close();
  });

  describe('enqueue (the outbox)', () => {
    it('writes nothing when the caller\'s transaction rolls back', async () => {
      const failing = t.dataSource.transaction(async (manager) => {
        await service.enqueue(manager, [step(other.accountId), { to: { regionCode: YANGJIE, roles: [Role.TOWNSHIP_REVIEWER] }, kind: 'case.waiting', title: '有一件待审核', body: '请审核' }]);
        throw new Error('the change itself failed');
      });
      await expect(failing).rejects.toThrow('the change itself failed');
      expect(await rowsFor(other.accountId)).toEqual([]);
      expect(await rowsFor(reviewerA1.account.id)).toEqual([]);
      const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM notification_deliveries`);
      expect(count).toBe(0);
    });

    it('commits with the caller\'s change: the inbox row, and a delivery per external channel the account has', async () => {
      await t.dataSource.transaction(async (manager) => {
        await manager.query(`UPDATE accounts SET display_name = display_name WHERE id = $1`, [citizen.accountId]);
        await service.enqueue(manager, [step(citizen.accountId), step(reviewerA1.account.id, '有一件申请待您审核'), step(reviewerA2.account.id)]);
      });
      const [row] = await rowsFor(citizen.accountId);
      expect(row).toMatchObject({
        kind: 'case.step',
        title: '您的申请已进入实地调查',
        body: '村里将在两个工作日内上门调查。',
        data: { caseId: '6f1c1b8e-0000-4000-8000-000000000001' },
        read_at: null,
        county_code: null,
      });
      // a citizen with a WeChat openid: a subscribe message; a cadre with a WeCom userid: an app message;
      // a cadre without one: the inbox only
      expect((await deliveriesFor(citizen.accountId)).map((d: any) => [d.channel, d.status, d.attempts])).toEqual([['WECHAT_SUBSCRIBE', 'PENDING', 0]]);
      expect((await deliveriesFor(reviewerA1.account.id)).map((d: any) => d.channel)).toEqual(['WECOM']);
      expect(await deliveriesFor(reviewerA2.account.id)).toEqual([]);
      expect(await rowsFor(reviewerA2.account.id)).toHaveLength(1);
    });

    it('resolves a region and roles to the cadres responsible for it: this township\'s reviewers, not the next one\'s', async () => {
      await enqueue([
        {
          to: { regionCode: `${YANGJIE_VILLAGE}001`, roles: [Role.TOWNSHIP_REVIEWER] },
          kind: 'case.waiting',
          title: '有一件申请待乡镇审核',
          body: '羊街村张*国户的申请已公示期满，请审核。',
          data: { caseId: 'c-1' },
        },
      ]);
      const waiting = async (accountId: string) => (await rowsFor(accountId)).filter((r: any) => r.kind === 'case.waiting');
      expect(await waiting(reviewerA1.account.id)).toHaveLength(1);
      expect(await waiting(reviewerA2.account.id)).toHaveLength(1);
      expect(await waiting(reviewerB.account.id)).toHaveLength(0); // another township
      expect(await waiting(reviewerGone.account.id)).toHaveLength(0); // disabled
      expect(await waiting(villageCadre.account.id)).toHaveLength(0); // another role
      expect(await waiting(countyOfficer.account.id)).toHaveLength(0); // above, but not asked for
      // the county of the region the notification is about
      expect((await waiting(reviewerA1.account.id))[0].county_code).toBe('530129');

      await enqueue([
        { to: { regionCode: YANGJIE_VILLAGE, roles: [Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.VILLAGE_CADRE] }, kind: 'case.escalated', title: '一件申请已超过10天', body: '请督办。' },
      ]);
      const escalated = await t.dataSource.query(`SELECT recipient_account_id FROM notifications WHERE kind = 'case.escalated'`);
      expect(escalated.map((r: any) => r.recipient_account_id).sort()).toEqual(
        [reviewerA1.account.id, reviewerA2.account.id, villageCadre.account.id, countyOfficer.account.id].sort(),
      );
    });

    it('sends one notification per account and request, and leaves out unknown and disabled accounts', async () => {
      await enqueue([
        {
          to: { regionCode: YANGJIE, roles: [Role.TOWNSHIP_REVIEWER, Role.TOWNSHIP_REVIEWER] },
          kind: 'ticket.assigned',
          title: '新的求助申请',
          body: '请在1个工作日内受理。',
        },
        { to: { accountId: '00000000-0000-4000-8000-000000000000' }, kind: 'ticket.assigned', title: '无人', body: '无人' },
        { to: { accountId: reviewerGone.account.id }, kind: 'ticket.assigned', title: '已停用', body: '已停用' },
      ]);
      const rows = await t.dataSource.query(`SELECT recipient_account_id FROM notifications WHERE kind = 'ticket.assigned'`);
      expect(rows.map((r: any) => r.recipient_account_id).sort()).toEqual([reviewerA1.account.id, reviewerA2.account.id].sort());
    });

    it('masks an ID number or mobile number that slips into the text, and clips an over-long title', async () => {
      const id = residentId();
      await enqueue([
        {
          to: { accountId: other.accountId },
          kind: 'ticket.reply',
          title: `回复${'很长的标题'.repeat(30)}`,
          body: `证件号码 ${id}，电话13812345678，户编号 5301291032010010001 保持原样。`,
        },
      ]);
      const [row] = (await rowsFor(other.accountId)).filter((r: any) => r.kind === 'ticket.reply');
      expect(row.body).toBe(`证件号码 ${id.slice(0, 4)}**********${id.slice(-4)}，电话138****5678，户编号 5301291032010010001 保持原样。`);
      expect(Array.from(row.title)).toHaveLength(100);
      expect(row.title.endsWith('…')).toBe(true);
    });

    it('refuses a malformed request (a programming error, so the caller\'s transaction rolls back)', async () => {
      const bad: NotificationRequest[] = [
        { ...step(other.accountId), kind: 'Case Step' },
        { ...step(other.accountId), title: '  ' },
        { ...step(other.accountId), to: { accountId: 'not-a-uuid' } },
        { ...step(other.accountId), to: { regionCode: '53x', roles: [Role.TOWNSHIP_REVIEWER] } },
        { ...step(other.accountId), to: { regionCode: YANGJIE, roles: [] } },
      ];
      for (const request of bad) await expect(enqueue([request])).rejects.toThrow();
    });

    it('costs the caller one statement whatever the number of requests and recipients', async () => {
      const queries: string[] = [];
      await t.dataSource.transaction(async (manager) => {
        const original = manager.query.bind(manager);
        manager.query = (async (sql: string, parameters?: unknown[]) => {
          queries.push(sql);
          return original(sql, parameters);
        }) as typeof manager.query;
        await service.enqueue(manager, [
          step(citizen.accountId),
          step(other.accountId),
          { to: { regionCode: YANGJIE, roles: [Role.TOWNSHIP_REVIEWER] }, kind: 'case.waiting', title: '待审核', body: '请审核' },
          { to: { regionCode: KEDU, roles: [Role.TOWNSHIP_REVIEWER] }, kind: 'case.waiting', title: '待审核', body: '请审核' },
        ]);
      });
      expect(queries).toHaveLength(1);
    });
  });

  describe('the inbox API', () => {
    let reader: CreatedCitizen;

    beforeAll(async () => {
      reader = await createCitizen(t);
      const requests: NotificationRequest[] = [];
      for (let i = 1; i <= 25; i++) {
        requests.push({ to: { accountId: reader.accountId }, kind: i % 5 === 0 ? 'notice.result' : 'case.step', title: `第${i}条`, body: `内容${i}`, data: { n: i } });
      }
      // one transaction per notification so that created_at orders them
      for (const request of requests) await enqueue([request]);
    });

    it('lists the caller\'s own notifications newest first, paginated, with the unread count', async () => {
      const first = await t.request('GET', '/api/v1/notifications', { token: reader.token, query: { pageSize: 10 } });
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ total: 25, page: 1, pageSize: 10, unreadCount: 25 });
      expect(first.body.items.map((n: any) => n.title)).toEqual(Array.from({ length: 10 }, (_, i) => `第${25 - i}条`));
      expect(first.body.items[0]).toEqual({
        id: expect.any(String),
        kind: 'notice.result',
        title: '第25条',
        body: '内容25',
        data: { n: 25 },
        read: false,
        readAt: null,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      const third = await t.request('GET', '/api/v1/notifications', { token: reader.token, query: { pageSize: 10, page: 3 } });
      expect(third.body.items.map((n: any) => n.title)).toEqual(['第5条', '第4条', '第3条', '第2条', '第1条']);
      // someone else's inbox does not include them
      const others = await t.request('GET', '/api/v1/notifications', { token: other.token });
      expect(others.body.items.every((n: any) => !n.title.startsWith('第'))).toBe(true);
    });

    it('works for cadres too', async () => {
      const response = await t.request('GET', '/api/v1/notifications', { token: reviewerA1.token, query: { kind: 'case' } });
      expect(response.status).toBe(200);
      expect(response.body.items.map((n: any) => n.kind).sort()).toEqual(['case.escalated', 'case.step', 'case.waiting', 'case.waiting']);
    });

    it('filters by kind (exact or a dotted prefix) and by unread', async () => {
      const results = await t.request('GET', '/api/v1/notifications', { token: reader.token, query: { kind: 'notice.result' } });
      expect(results.body.total).toBe(5);
      const prefix = await t.request('GET', '/api/v1/notifications', { token: reader.token, query: { kind: 'notice' } });
      expect(prefix.body.total).toBe(5);
      const none = await t.request('GET', '/api/v1/notifications', { token: reader.token, query: { kind: 'notic' } });
      expect(none.body.total).toBe(0);
      const read = await t.request('GET', '/api/v1/notifications', { token: reader.token, query: { unread: false } });
      expect(read.body).toMatchObject({ total: 0, unreadCount: 25 });
    });

    it('answers bad filters with 400 naming each field', async () => {
      const response = await t.request('GET', '/api/v1/notifications', {
        token: reader.token,
        query: { unread: 'yes', pageSize: 101, kind: 'DROP TABLE', page: 0 },
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.details.map((d: any) => d.field).sort()).toEqual(['kind', 'page', 'pageSize', 'unread']);
      expect(response.body.details.every((d: any) => /[\u4e00-\u9fff]/.test(d.message))).toBe(true);
    });

    it('needs a login', async () => {
      expect((await t.request('GET', '/api/v1/notifications')).status).toBe(401);
    });

    it('marks one read, once (the audit log has one row), and the unread count follows', async () => {
      const list = await t.request('GET', '/api/v1/notifications', { token: reader.token, query: { pageSize: 1 } });
      const id = list.body.items[0].id;
      const marked = await t.request('POST', `/api/v1/notifications/${id}/read`, { token: reader.token });
      expect(marked.status).toBe(200);
      expect(marked.body).toMatchObject({ id, read: true, readAt: expect.any(String) });
      const again = await t.request('POST', `/api/v1/notifications/${id}/read`, { token: reader.token });
      expect(again.status).toBe(200);
      expect(again.body.readAt).toBe(marked.body.readAt);
      const audit = await t.dataSource.query(`SELECT action, actor_account_id FROM audit_logs WHERE entity_type = 'notification' AND entity_id = $1`, [id]);
      expect(audit).toEqual([{ action: 'notification.read', actor_account_id: reader.accountId }]);
      const unread = await t.request('GET', '/api/v1/notifications', { token: reader.token, query: { unread: true } });
      expect(unread.body).toMatchObject({ total: 24, unreadCount: 24 });
      const read = await t.request('GET', '/api/v1/notifications', { token: reader.token, query: { unread: false } });
      expect(read.body.items.map((n: any) => n.id)).toEqual([id]);
    });

    it('answers 404 for another account\'s notification and for a malformed id, and changes nothing', async () => {
      const list = await t.request('GET', '/api/v1/notifications', { token: reader.token, query: { unread: true, pageSize: 1 } });
      const id = list.body.items[0].id;
      const stranger = await t.request('POST', `/api/v1/notifications/${id}/read`, { token: other.token });
      expect(stranger.status).toBe(404);
      expect(stranger.body).toEqual({ code: 'NOTIFICATION_NOT_FOUND', message: '消息不存在', details: [] });
      const [row] = await t.dataSource.query(`SELECT read_at FROM notifications WHERE id = $1`, [id]);
      expect(row.read_at).toBeNull();
      expect((await t.request('POST', '/api/v1/notifications/not-an-id/read', { token: reader.token })).status).toBe(404);
    });

    it('marks all read; another account\'s stay unread', async () => {
      const othersBefore = (await t.request('GET', '/api/v1/notifications', { token: other.token })).body.unreadCount;
      expect(othersBefore).toBeGreaterThan(0);
      const response = await t.request('POST', '/api/v1/notifications/read-all', { token: reader.token });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ updated: 24, unreadCount: 0 });
      expect((await t.request('GET', '/api/v1/notifications', { token: reader.token })).body.unreadCount).toBe(0);
      expect((await t.request('GET', '/api/v1/notifications', { token: other.token })).body.unreadCount).toBe(othersBefore);
      const again = await t.request('POST', '/api/v1/notifications/read-all', { token: reader.token });
      expect(again.body).toEqual({ updated: 0, unreadCount: 0 });
      const audit = await t.dataSource.query(`SELECT after FROM audit_logs WHERE action = 'notification.read-all' AND actor_account_id = $1`, [reader.accountId]);
      expect(audit).toEqual([{ after: { count: 24 } }]);
    });

    it('marks read only the messages about one ticket when asked (one request when a thread opens)', async () => {
      const unread: { id: string }[] = await t.dataSource.query(
        `SELECT id FROM notifications WHERE recipient_account_id = $1 AND read_at IS NULL ORDER BY created_at LIMIT 2`,
        [other.accountId],
      );
      expect(unread.length).toBe(2);
      const ticketId = '0b7f6a8e-3c1d-4a5e-9f2b-6d8c7e1a2b3c';
      await t.dataSource.query(`UPDATE notifications SET data = data || jsonb_build_object('ticketId', $2::text) WHERE id = ANY($1)`, [
        unread.slice(0, 1).map((n) => n.id),
        ticketId,
      ]);
      const before = (await t.request('GET', '/api/v1/notifications', { token: other.token })).body.unreadCount;
      const response = await t.request('POST', '/api/v1/notifications/read-all', { token: other.token, body: { ticketId } });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ updated: 1, unreadCount: before - 1 });
      const bad = await t.request('POST', '/api/v1/notifications/read-all', { token: other.token, body: { ticketId: 'x' } });
      expect(bad.status).toBe(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['ticketId']);
    });
  });

  describe('delivery through the development channels', () => {
    it('sends every pending delivery and marks it SENT', async () => {
      const summary = await t.app.get(NotificationDeliveryWorker).runOnce();
      expect(summary.claimed).toBeGreaterThan(0);
      expect(summary.sent).toBe(summary.claimed);
      const pending = await t.dataSource.query(`SELECT count(*)::int AS count FROM notification_deliveries WHERE status <> 'SENT'`);
      expect(pending[0].count).toBe(0);
      const [citizenDelivery] = await deliveriesFor(citizen.accountId);
      expect(citizenDelivery).toMatchObject({ status: 'SENT', attempts: 1, claim_token: null, last_error: null });
      expect(citizenDelivery.sent_at).toBeInstanceOf(Date);
      expect((await t.app.get(NotificationDeliveryWorker).runOnce()).claimed).toBe(0);
    });
  });
});
