import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { createTestApp, TestApp } from '../../../../test/helpers/test-app.js';
import { JobsService } from '../jobs.service.js';

const REDIS = 'redis://127.0.0.1:6379';

async function redisAnswers(): Promise<boolean> {
  const redis = new Redis(REDIS, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 1000, retryStrategy: () => null });
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

/** Runs `body` with some environment variables set, then puts them back. */
async function withEnv<T>(values: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(values).map((k) => [k, process.env[k]]));
  for (const [k, v] of Object.entries(values)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  try {
    return await body();
  } finally {
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
}

/** A handler that fails its first `failures` runs, recording when each run happened. */
function flaky(failures: number) {
  const runs: { at: number; data: unknown }[] = [];
  const handler = async (data: unknown) => {
    runs.push({ at: Date.now(), data });
    if (runs.length <= failures) throw new Error(`failure ${runs.length}`);
  };
  return { runs, handler };
}

const waitFor = async (check: () => boolean, timeoutMs = 10_000) => {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('jobs in process (no REDIS_URL)', () => {
  let t: TestApp;
  let jobs: JobsService;
  beforeAll(async () => {
    t = await withEnv({ REDIS_URL: undefined }, () => createTestApp());
    jobs = t.app.get(JobsService);
  });
  afterAll(async () => t.close());

  it('runs in process, with the scheduler off under NODE_ENV=test', () => {
    expect(jobs.mode).toBe('in-process');
    expect(jobs.schedulerEnabled).toBe(false);
  });

  it('retries a failing job with exponential backoff until it succeeds', async () => {
    const { runs, handler } = flaky(2);
    jobs.register('test.flaky', handler);
    await jobs.enqueue('test.flaky', { n: 1 }, { attempts: 3, backoffMs: 40 });
    await jobs.whenIdle();
    expect(runs).toHaveLength(3);
    expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(38);
    expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(78);
    expect(runs[2].data).toEqual({ n: 1 });
    expect(await jobs.failures()).toEqual([]);
  });

  it('gives up after the last attempt and keeps the failure', async () => {
    const { runs, handler } = flaky(10);
    jobs.register('test.hopeless', handler);
    await jobs.enqueue('test.hopeless', { n: 2 }, { attempts: 2, backoffMs: 10 });
    await jobs.whenIdle();
    expect(runs).toHaveLength(2);
    expect(await jobs.failures()).toEqual([expect.objectContaining({ name: 'test.hopeless', attemptsMade: 2, error: 'failure 2' })]);
  });

  it('waits for the delay, and ignores a second job with the same id while the first waits', async () => {
    const { runs, handler } = flaky(0);
    jobs.register('test.delayed', handler);
    const start = Date.now();
    await jobs.enqueue('test.delayed', { n: 1 }, { delayMs: 100, jobId: 'once' });
    await jobs.enqueue('test.delayed', { n: 2 }, { delayMs: 0, jobId: 'once' });
    await jobs.whenIdle();
    expect(runs).toHaveLength(1);
    expect(runs[0].data).toEqual({ n: 1 });
    expect(runs[0].at - start).toBeGreaterThanOrEqual(95);
  });

  it('runs a handler now on request, errors included; an unknown job is an error', async () => {
    const { runs, handler } = flaky(1);
    jobs.register('test.now', handler);
    await expect(jobs.runNow('test.now', { x: 1 })).rejects.toThrow('failure 1');
    await jobs.runNow('test.now', { x: 2 });
    expect(runs.map((r) => r.data)).toEqual([{ x: 1 }, { x: 2 }]);
    await expect(jobs.runNow('test.nobody')).rejects.toThrow(/no handler/);
    expect(() => jobs.register('test.now', handler)).toThrow(/already/);
  });

  it('starts and stops at once when REDIS_URL points at a Redis that does not answer', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const down = await withEnv({ REDIS_URL: `redis://127.0.0.1:${port}`, JOBS_SCHEDULER: 'on' }, () => createTestApp({ reset: false }));
    expect(down.app.get(JobsService).mode).toBe('redis');
    const closing = Date.now();
    await down.close();
    expect(Date.now() - closing).toBeLessThan(5_000);
  });

  it('does not run scheduled jobs in tests, but does with JOBS_SCHEDULER=on', async () => {
    const { runs, handler } = flaky(0);
    jobs.register('test.repeat', handler);
    await jobs.schedule('test.repeat', 20);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(runs).toHaveLength(0);

    const on = await withEnv({ REDIS_URL: undefined, JOBS_SCHEDULER: 'on' }, () => createTestApp({ reset: false }));
    try {
      const scheduled = flaky(0);
      const onJobs = on.app.get(JobsService);
      onJobs.register('test.repeat', scheduled.handler);
      await onJobs.schedule('test.repeat', 20);
      await waitFor(() => scheduled.runs.length >= 3);
    } finally {
      await on.close();
    }
  });
});

// the BullMQ part needs the Redis of the test machine; without one it is reported as skipped
const redisUp = await redisAnswers();

(redisUp ? describe : describe.skip)('jobs on BullMQ (REDIS_URL, the real Redis on 127.0.0.1:6379)', () => {
  const prefix = `jiuzhu-test-${randomUUID().slice(0, 8)}`;
  const env = { REDIS_URL: REDIS, JOBS_QUEUE_PREFIX: prefix };

  afterAll(async () => {
    const redis = new Redis(REDIS);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('enqueues, retries with backoff, and keeps a delayed job across a restart of the app', async () => {
    await withEnv(env, async () => {
      const first = await createTestApp();
      const jobs = first.app.get(JobsService);
      expect(jobs.mode).toBe('redis');
      const { runs, handler } = flaky(2);
      jobs.register('test.flaky', handler);
      await jobs.enqueue('test.flaky', { n: 1 }, { attempts: 3, backoffMs: 50 });
      await waitFor(() => runs.length === 3);
      expect(runs[1].at - runs[0].at).toBeGreaterThanOrEqual(45);
      expect(runs[2].at - runs[1].at).toBeGreaterThanOrEqual(95);
      await jobs.whenIdle();

      const hopeless = flaky(10);
      jobs.register('test.hopeless', hopeless.handler);
      await jobs.enqueue('test.hopeless', { n: 2 }, { attempts: 2, backoffMs: 10 });
      await waitFor(() => hopeless.runs.length === 2);
      await jobs.whenIdle();
      expect((await jobs.failures()).find((f) => f.name === 'test.hopeless')).toMatchObject({ attemptsMade: 2 });

      // a job due after the app has stopped runs in the next one
      const late = flaky(0);
      jobs.register('test.late', late.handler);
      await jobs.enqueue('test.late', { survived: true }, { delayMs: 800 });
      await first.close();
      expect(late.runs).toHaveLength(0);

      const second = await createTestApp({ reset: false });
      try {
        const again = flaky(0);
        second.app.get(JobsService).register('test.late', again.handler);
        await waitFor(() => again.runs.length === 1);
        expect(again.runs[0].data).toEqual({ survived: true });
      } finally {
        await second.close();
      }
    });
  });
});
