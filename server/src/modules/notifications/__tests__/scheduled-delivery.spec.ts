// The delivery worker runs by itself as a scheduled job (JOBS_SCHEDULER=on), in process and through Redis
// (BullMQ), sending through the real adapters to the fake server. The settings are read when an app starts.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { TestApp } from '../../../../test/helpers/test-app.js';
import { JobsService } from '../../jobs/jobs.service.js';
import { NotificationsService } from '../notifications.service.js';
import { startFakeMessageServer, type FakeMessageServer } from './fake-message-server.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

describe('the delivery worker as a scheduled job', () => {
  let fake: FakeMessageServer;
  let createTestApp: (options?: { reset?: boolean }) => Promise<TestApp>;
  const redis = redisAnswers();

  beforeAll(async () => {
    fake = await startFakeMessageServer();
    Object.assign(process.env, {
      WECHAT_APP_ID: fake.wechatApp.appId,
      WECHAT_APP_SECRET: fake.wechatApp.secret,
      WECHAT_API_BASE: fake.url,
      WECHAT_SUBSCRIBE_TEMPLATE_ID: 'tmpl-scheduled',
      JOBS_SCHEDULER: 'on',
      NOTIFICATION_WORKER_INTERVAL_MS: '200',
    });
    ({ createTestApp } = await import('../../../../test/helpers/test-app.js'));
  });

  afterAll(async () => {
    await fake?.close();
  });

  async function deliversWithoutBeingAsked(t: TestApp, openid: string): Promise<void> {
    const [{ id }] = await t.dataSource.query(
      `INSERT INTO accounts (display_name, role, wechat_openid) VALUES ('微信用户', 'CITIZEN', $1) RETURNING id`,
      [openid],
    );
    await t.dataSource.transaction((manager) =>
      t.app.get(NotificationsService).enqueue(manager, [{ to: { accountId: id }, kind: 'case.step', title: '申请已受理', body: '村里已受理您的申请。' }]),
    );
    const deadline = Date.now() + 10_000;
    while (!fake.delivered(openid).length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.delivered(openid)).toHaveLength(1);
    // the row is marked right after the send
    const status = async () =>
      (
        await t.dataSource.query(
          `SELECT d.status FROM notification_deliveries d JOIN notifications n ON n.id = d.notification_id WHERE n.recipient_account_id = $1`,
          [id],
        )
      )[0].status;
    while ((await status()) !== 'SENT' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await status()).toBe('SENT');
  }

  it('in process (no REDIS_URL)', async () => {
    delete process.env.REDIS_URL;
    const t = await createTestApp();
    try {
      expect(t.app.get(JobsService).mode).toBe('in-process');
      await deliversWithoutBeingAsked(t, 'o-scheduled-in-process');
    } finally {
      await t.close();
    }
  });

  it('through Redis (BullMQ), once per period across servers', async () => {
    if (!(await redis)) {
      process.stdout.write(`# no Redis at ${REDIS_URL}: the BullMQ case is not run\n`);
      return;
    }
    Object.assign(process.env, { REDIS_URL, JOBS_QUEUE_PREFIX: `jiuzhu-test-${randomUUID().slice(0, 8)}` });
    const t = await createTestApp({ reset: false });
    try {
      expect(t.app.get(JobsService).mode).toBe('redis');
      await deliversWithoutBeingAsked(t, 'o-scheduled-redis');
    } finally {
      await t.close();
      const cleanup = new Redis(REDIS_URL);
      const keys = await cleanup.keys(`${process.env.JOBS_QUEUE_PREFIX}:*`);
      if (keys.length) await cleanup.del(...keys);
      cleanup.disconnect();
      delete process.env.REDIS_URL;
    }
  });
});
