// The delivery worker with the real WeChat and WeCom adapters configured, talking to a fake server on 127.0.0.1
// (no network): success, token expiry and refresh, refusal (43101), retries with backoff, leases, several workers,
// and a restart. The settings must be in the environment before the app's modules load.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Role } from '@jiuzhu/shared';
import type { TestApp } from '../../../../test/helpers/test-app.js';
import { Clock } from '../../../common/clock.js';
import { NotificationDeliveryWorker } from '../notification-delivery.worker.js';
import { type NotificationRequest, NotificationsService } from '../notifications.service.js';
import { startFakeMessageServer, type FakeMessageServer } from './fake-message-server.js';

// the embedded database lives in one process at a time: a restart needs it on disk, two instances cannot share it
const EMBEDDED = process.env.JIUZHU_TEST_DATABASE === 'pglite';

const START = new Date('2026-03-02T02:00:00.000Z'); // 10:00 in China
const RETRY_BASE_MS = 60_000;
const LEASE_MS = 120_000;
const MAX_ATTEMPTS = 3;

describe('notification delivery through the real channel adapters', () => {
  let fake: FakeMessageServer;
  let t: TestApp;
  let createTestApp: (options?: { reset?: boolean }) => Promise<TestApp>;
  let wecomCadre: { id: string; userid: string };

  let dataDir: string | null = null;
  const service = (app = t) => app.app.get(NotificationsService);
  const worker = (app = t) => app.app.get(NotificationDeliveryWorker);

  /** A citizen who logged in through WeChat (the openid is what the channel needs). */
  async function citizenWithOpenid(openid: string): Promise<string> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO accounts (display_name, role, wechat_openid) VALUES ('微信用户', 'CITIZEN', $1) RETURNING id`,
      [openid],
    );
    return id;
  }

  const enqueue = (items: NotificationRequest[], app = t) => app.dataSource.transaction((manager) => service(app).enqueue(manager, items));
  const delivery = async (accountId: string, app = t) => {
    const [row] = await app.dataSource.query(
      `SELECT d.* FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
        WHERE n.recipient_account_id = $1 ORDER BY d.created_at DESC LIMIT 1`,
      [accountId],
    );
    return row;
  };
  const note = (accountId: string, title = '您的申请已进入乡镇审核阶段，请耐心等待结果'): NotificationRequest => ({
    to: { accountId },
    kind: 'case.step',
    title,
    body: '村里已完成评议公示，申请已报送乡镇审核。',
    data: { caseId: 'case-1', step: '乡镇审核' },
  });

  beforeAll(async () => {
    fake = await startFakeMessageServer();
    Object.assign(process.env, {
      WECHAT_APP_ID: fake.wechatApp.appId,
      WECHAT_APP_SECRET: fake.wechatApp.secret,
      WECHAT_API_BASE: fake.url,
      WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl-case-progress',
      WECHAT_SUBSCRIBE_FIELDS: 'thing1=title,phrase2=data.step,time3=time',
      WECHAT_SUBSCRIBE_PAGE: 'packages/notifications/pages/detail/index',
      WECOM_CORP_ID: fake.wecomCorp.corpId,
      WECOM_SECRET: fake.wecomCorp.secret,
      WECOM_API_BASE: fake.url,
      WECOM_AGENT_ID: '1000002',
      NOTIFICATION_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      NOTIFICATION_RETRY_BASE_MS: String(RETRY_BASE_MS),
      NOTIFICATION_LEASE_MS: String(LEASE_MS),
      NOTIFICATION_SEND_TIMEOUT_MS: '1000',
      NOTIFICATION_BATCH_SIZE: '5',
    });
    if (EMBEDDED) {
      dataDir = mkdtempSync(join(tmpdir(), 'jiuzhu-notifications-'));
      process.env.DATA_DIR = dataDir;
    }
    ({ createTestApp } = await import('../../../../test/helpers/test-app.js'));
    t = await createTestApp();
    t.app.get(Clock).set(START);
    const { RegionsService } = await import('../../regions/regions.service.js');
    await t.app.get(RegionsService).importIfEmpty();
    const { createAccount } = await import('../../../../test/factories/accounts.js');
    const cadre = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: '530129103', wecomUserid: 'LiShenHe' });
    wecomCadre = { id: cadre.account.id, userid: 'LiShenHe' };
  });

  // each test counts what the worker claims: retries left over from an earlier test are not its business
  beforeEach(async () => {
    await t.dataSource.query(`DELETE FROM notification_deliveries WHERE status = 'PENDING'`);
  });

  afterAll(async () => {
    await t?.close();
    await fake?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('sends a subscribe message to a citizen and an app message to a cadre, and marks both SENT', async () => {
    const citizen = await citizenWithOpenid('o-citizen-ok');
    await enqueue([note(citizen), { ...note(wecomCadre.id, '有一件申请待您审核'), kind: 'case.waiting' }]);
    const summary = await worker().runOnce();
    expect(summary).toMatchObject({ claimed: 2, sent: 2, retried: 0, failed: 0, skipped: 0 });

    const [message] = fake.delivered('o-citizen-ok');
    const [notification] = await t.dataSource.query(`SELECT id FROM notifications WHERE recipient_account_id = $1`, [citizen]);
    expect(message.query.access_token).toMatch(/^wechat-token-/);
    expect(message.body).toEqual({
      touser: 'o-citizen-ok',
      template_id: 'tmpl-case-progress',
      page: `packages/notifications/pages/detail/index?notificationId=${notification.id}`,
      miniprogram_state: 'formal',
      lang: 'zh_CN',
      data: {
        // thing.DATA takes 20 characters, phrase.DATA 5: longer values are cut, not refused
        thing1: { value: '您的申请已进入乡镇审核阶段，请耐心等待…' },
        phrase2: { value: '乡镇审核' },
        time3: { value: '2026年3月2日 10:00' },
      },
    });
    expect(Array.from(message.body.data.thing1.value)).toHaveLength(20);

    const [appMessage] = fake.delivered('LiShenHe');
    expect(appMessage.body).toEqual({
      touser: 'LiShenHe',
      agentid: 1000002,
      msgtype: 'text',
      text: { content: '有一件申请待您审核\n村里已完成评议公示，申请已报送乡镇审核。' },
      safe: 0,
      enable_duplicate_check: 1,
      duplicate_check_interval: 14400,
    });
    expect(await delivery(citizen)).toMatchObject({ channel: 'WECHAT_SUBSCRIBE', status: 'SENT', attempts: 1, last_error: null, claim_token: null });
    expect((await delivery(citizen)).sent_at.toISOString()).toBe(START.toISOString());
    expect(await delivery(wecomCadre.id)).toMatchObject({ channel: 'WECOM', status: 'SENT', attempts: 1 });
  });

  it('keeps the access tokens until they expire (one token call per channel for many messages)', async () => {
    const before = { wechat: fake.callsTo('/cgi-bin/token').length, wecom: fake.callsTo('/cgi-bin/gettoken').length };
    const citizens = await Promise.all(['o-many-1', 'o-many-2', 'o-many-3'].map(citizenWithOpenid));
    await enqueue([...citizens.map((id) => note(id)), note(wecomCadre.id)]);
    expect((await worker().runOnce()).sent).toBe(4);
    expect(fake.callsTo('/cgi-bin/token').length - before.wechat).toBe(0);
    expect(fake.callsTo('/cgi-bin/gettoken').length - before.wecom).toBe(0);
  });

  it('fetches a new token and sends again when WeChat or WeCom says the token expired (42001)', async () => {
    const citizen = await citizenWithOpenid('o-after-expiry');
    const before = { wechat: fake.callsTo('/cgi-bin/token').length, wecom: fake.callsTo('/cgi-bin/gettoken').length };
    fake.expireWechatTokens();
    fake.expireWecomTokens();
    await enqueue([note(citizen), note(wecomCadre.id)]);
    expect((await worker().runOnce()).sent).toBe(2);
    expect(fake.callsTo('/cgi-bin/token').length - before.wechat).toBe(1);
    expect(fake.callsTo('/cgi-bin/gettoken').length - before.wecom).toBe(1);
    const sends = fake.callsTo('/cgi-bin/message/subscribe/send').filter((c) => c.body.touser === 'o-after-expiry');
    expect(sends).toHaveLength(2);
    expect(sends[0].query.access_token).not.toBe(sends[1].query.access_token);
    expect(await delivery(citizen)).toMatchObject({ status: 'SENT', attempts: 1 });
  });

  it('fetches a new token when the cached one reaches its expires_in', async () => {
    fake.wechatApp.expiresIn = 1; // renewed a tenth early: after 0.9 s
    try {
      fake.expireWechatTokens();
      const first = await citizenWithOpenid('o-short-token-1');
      await enqueue([note(first)]);
      await worker().runOnce();
      const before = fake.callsTo('/cgi-bin/token').length;
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const second = await citizenWithOpenid('o-short-token-2');
      await enqueue([note(second)]);
      await worker().runOnce();
      expect(fake.callsTo('/cgi-bin/token').length - before).toBe(1);
      expect(await delivery(second)).toMatchObject({ status: 'SENT' });
      // no send was refused on the way: the token was renewed before WeChat saw an expired one
      expect(fake.callsTo('/cgi-bin/message/subscribe/send').filter((c) => c.body.touser === 'o-short-token-2')).toHaveLength(1);
    } finally {
      fake.wechatApp.expiresIn = 7200;
    }
  });

  it('skips a citizen who refused the subscription (43101) and never retries', async () => {
    const citizen = await citizenWithOpenid('o-refuses');
    fake.behaviour.set('o-refuses', 'refuse');
    await enqueue([note(citizen)]);
    expect(await worker().runOnce()).toMatchObject({ claimed: 1, skipped: 1 });
    const row = await delivery(citizen);
    expect(row).toMatchObject({ status: 'SKIPPED', attempts: 1, sent_at: null });
    expect(row.last_error).toContain('43101');
    t.app.get(Clock).advance(24 * 3600 * 1000);
    expect((await worker().runOnce()).claimed).toBe(0);
    expect(fake.callsTo('/cgi-bin/message/subscribe/send').filter((c) => c.body.touser === 'o-refuses')).toHaveLength(1);
    // the inbox still has it
    const [{ count }] = await t.dataSource.query(`SELECT count(*)::int AS count FROM notifications WHERE recipient_account_id = $1`, [citizen]);
    expect(count).toBe(1);
  });

  it('retries an HTTP 500 with exponential backoff, and marks it FAILED after the last allowed try', async () => {
    const clock = t.app.get(Clock);
    const citizen = await citizenWithOpenid('o-server-error');
    fake.behaviour.set('o-server-error', 'http-500');
    await enqueue([note(citizen)]);
    const tries = () => fake.callsTo('/cgi-bin/message/subscribe/send').filter((c) => c.body.touser === 'o-server-error').length;

    const t0 = clock.now().getTime();
    expect(await worker().runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    let row = await delivery(citizen);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 1, claim_token: null });
    expect(row.last_error).toContain('HTTP 500');
    expect(row.next_attempt_at.getTime() - t0).toBe(RETRY_BASE_MS); // 1st retry after the base

    expect((await worker().runOnce()).claimed).toBe(0); // not due yet
    clock.advance(RETRY_BASE_MS);
    const t1 = clock.now().getTime();
    expect(await worker().runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    row = await delivery(citizen);
    expect(row).toMatchObject({ status: 'PENDING', attempts: 2 });
    expect(row.next_attempt_at.getTime() - t1).toBe(2 * RETRY_BASE_MS); // then twice as long

    clock.advance(2 * RETRY_BASE_MS - 1);
    expect((await worker().runOnce()).claimed).toBe(0);
    clock.advance(1);
    expect(await worker().runOnce()).toMatchObject({ claimed: 1, failed: 1 });
    row = await delivery(citizen);
    expect(row).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS, sent_at: null });
    expect(tries()).toBe(MAX_ATTEMPTS);

    clock.advance(24 * 3600 * 1000);
    expect((await worker().runOnce()).claimed).toBe(0);
    expect(tries()).toBe(MAX_ATTEMPTS);
  });

  it('retries a provider that does not answer in time', async () => {
    const citizen = await citizenWithOpenid('o-slow');
    fake.behaviour.set('o-slow', 'slow');
    await enqueue([note(citizen)]);
    const started = Date.now();
    expect(await worker().runOnce()).toMatchObject({ retried: 1 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await delivery(citizen)).last_error).toMatch(/no answer within 1000 ms/);
  });

  it('fails at once for an address that does not exist (WeChat 40003, WeCom invaliduser)', async () => {
    const citizen = await citizenWithOpenid('o-not-a-user');
    fake.behaviour.set('o-not-a-user', 'invalid');
    const { createAccount } = await import('../../../../test/factories/accounts.js');
    const leaver = await createAccount(t, { role: Role.TOWNSHIP_REVIEWER, regionCode: '530129103', wecomUserid: 'LeftTheOrg' });
    fake.behaviour.set('LeftTheOrg', 'invalid');
    await enqueue([note(citizen), note(leaver.account.id)]);
    expect(await worker().runOnce()).toMatchObject({ claimed: 2, failed: 2 });
    expect(await delivery(citizen)).toMatchObject({ status: 'FAILED', attempts: 1 });
    expect((await delivery(leaver.account.id)).last_error).toContain('企业微信成员无效');
  });

  it('skips a delivery whose account was disabled, or lost its address, before it was sent', async () => {
    const citizen = await citizenWithOpenid('o-disabled-later');
    const other = await citizenWithOpenid('o-unlinked-later');
    await enqueue([note(citizen), note(other)]);
    await t.dataSource.query(`UPDATE accounts SET is_active = false WHERE id = $1`, [citizen]);
    await t.dataSource.query(`UPDATE accounts SET wechat_openid = NULL WHERE id = $1`, [other]);
    expect(await worker().runOnce()).toMatchObject({ claimed: 2, skipped: 2 });
    expect(fake.delivered('o-disabled-later')).toHaveLength(0);
    expect(fake.delivered('o-unlinked-later')).toHaveLength(0);
  });

  it('claims again a delivery whose worker died mid-send, once its lease ends, and ignores the dead worker\'s late answer', async () => {
    const clock = t.app.get(Clock);
    const citizen = await citizenWithOpenid('o-orphaned');
    await enqueue([note(citizen)]);
    const row = await delivery(citizen);
    // what a claim by a worker that then died leaves behind
    const deadClaim = randomUUID();
    await t.dataSource.query(
      `UPDATE notification_deliveries SET attempts = 1, claim_token = $2, next_attempt_at = $3 WHERE id = $1`,
      [row.id, deadClaim, new Date(clock.now().getTime() + LEASE_MS)],
    );
    expect((await worker().runOnce()).claimed).toBe(0);
    clock.advance(LEASE_MS);
    expect(await worker().runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(await delivery(citizen)).toMatchObject({ status: 'SENT', attempts: 2, claim_token: null });
    // the dead worker's outcome, had it come back late, is written only under its own claim: nothing matches
    const [, late] = await t.dataSource.query(
      `UPDATE notification_deliveries SET status = 'FAILED', sent_at = NULL WHERE id = $1 AND claim_token = $2`,
      [row.id, deadClaim],
    );
    expect(late).toBe(0);
  });

  it('fails a delivery whose last allowed try was lost with its worker', async () => {
    const clock = t.app.get(Clock);
    const citizen = await citizenWithOpenid('o-lost-last-try');
    await enqueue([note(citizen)]);
    const row = await delivery(citizen);
    await t.dataSource.query(
      `UPDATE notification_deliveries SET attempts = $2, claim_token = gen_random_uuid(), next_attempt_at = $3 WHERE id = $1`,
      [row.id, MAX_ATTEMPTS, new Date(clock.now().getTime() + LEASE_MS)],
    );
    clock.advance(LEASE_MS);
    expect(await worker().runOnce()).toMatchObject({ claimed: 0, failed: 1 });
    expect(await delivery(citizen)).toMatchObject({ status: 'FAILED', claim_token: null, sent_at: null });
    expect(fake.delivered('o-lost-last-try')).toHaveLength(0);
  });

  (EMBEDDED ? it.skip : it)('lets two server instances share the queue without sending anything twice', async () => {
    const second = await createTestApp({ reset: false });
    try {
      second.app.get(Clock).set(t.app.get(Clock).now());
      const openids = Array.from({ length: 30 }, (_, i) => `o-shared-${i}`);
      const citizens = await Promise.all(openids.map(citizenWithOpenid));
      await enqueue(citizens.map((id) => note(id)));
      const [a, b] = await Promise.all([worker().runOnce(), worker(second).runOnce()]);
      expect(a.claimed + b.claimed).toBe(30);
      expect(a.sent + b.sent).toBe(30);
      for (const openid of openids) expect(fake.delivered(openid)).toHaveLength(1);
      const [{ pending }] = await t.dataSource.query(
        `SELECT count(*)::int AS pending FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id
          WHERE n.recipient_account_id = ANY($1::uuid[]) AND (d.status <> 'SENT' OR d.attempts <> 1)`,
        [citizens],
      );
      expect(pending).toBe(0);
    } finally {
      await second.close();
    }
  });

  it('sends after a restart what was still pending when the server stopped', async () => {
    const citizens = await Promise.all(['o-restart-1', 'o-restart-2'].map(citizenWithOpenid));
    await enqueue([note(citizens[0]), note(citizens[1]), note(wecomCadre.id, '重启前的待办')]);
    const now = t.app.get(Clock).now();
    await t.close(); // stops with three deliveries PENDING

    t = await createTestApp({ reset: false });
    t.app.get(Clock).set(now);
    expect(await worker().runOnce()).toMatchObject({ claimed: 3, sent: 3 });
    expect(fake.delivered('o-restart-1')).toHaveLength(1);
    expect(fake.delivered('o-restart-2')).toHaveLength(1);
    expect(fake.delivered('LiShenHe').at(-1)!.body.text.content).toContain('重启前的待办');
  });
});
