import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { FailedJob, JobsBackend } from './jobs.types.js';

export const QUEUE_NAME = 'jobs';
// how long a call may wait for Redis before it fails (an unreachable Redis must not hang requests or a shutdown)
const REDIS_WAIT_MS = 10_000;
const CLOSE_WAIT_MS = 10_000;
const ERROR_LOG_EVERY_MS = 60_000;

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: Redis did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Jobs in Redis through BullMQ (REDIS_URL set): they survive a restart of every server, retries follow the same
 * exponential backoff, and a repeatable job runs once per period across all servers.
 */
export class BullMqBackend implements JobsBackend {
  readonly mode = 'redis' as const;
  private readonly logger = new Logger('Jobs');
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | null = null;
  private workerConnection: Redis | null = null;
  private lastErrorLog = 0;

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly concurrency: number,
  ) {
    // BullMQ's blocking commands need maxRetriesPerRequest: null
    this.connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', (error) => this.logError(error));
    this.queue = new Queue(QUEUE_NAME, { connection: this.connection, prefix });
  }

  async start(run: (name: string, data: unknown) => Promise<void>): Promise<void> {
    this.workerConnection = this.connection.duplicate();
    this.workerConnection.on('error', (error) => this.logError(error));
    this.worker = new Worker(QUEUE_NAME, async (job) => run(job.name, job.data), {
      connection: this.workerConnection,
      prefix: this.prefix,
      concurrency: this.concurrency,
    });
    this.worker.on('failed', (job, error) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1)) {
        this.logger.warn(`job ${job.name} failed after ${job.attemptsMade} tries: ${error.message}`);
      }
    });
    this.worker.on('error', (error) => this.logError(error));
  }

  async add(name: string, data: unknown, options: { attempts: number; backoffMs: number; delayMs: number; jobId?: string }): Promise<void> {
    await withTimeout(this.queue.add(name, data, {
      delay: options.delayMs || undefined,
      attempts: options.attempts,
      backoff: options.backoffMs ? { type: 'exponential', delay: options.backoffMs } : undefined,
      jobId: options.jobId,
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    }), REDIS_WAIT_MS, `enqueue ${name}`);
  }

  async schedule(name: string, everyMs: number): Promise<void> {
    await withTimeout(
      this.queue.upsertJobScheduler(name, { every: everyMs }, { name, data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } }),
      REDIS_WAIT_MS,
      `schedule ${name}`,
    );
  }

  async idle(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const counts = await this.queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
      const left = Object.values(counts).reduce((a, b) => a + b, 0);
      if (!left) return;
      if (Date.now() > until) throw new Error(`jobs still pending after ${timeoutMs} ms: ${JSON.stringify(counts)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async failures(): Promise<FailedJob[]> {
    const jobs = await this.queue.getFailed(0, 999);
    return jobs.map((job) => ({
      id: String(job.id),
      name: job.name,
      data: job.data,
      attemptsMade: job.attemptsMade,
      error: job.failedReason,
    }));
  }

  async close(): Promise<void> {
    // the worker finishes its running jobs first; waiting and delayed jobs stay in Redis for the next start.
    // With Redis unreachable there is nothing to finish: drop the connections at once.
    const reachable = this.connection.status === 'ready';
    try {
      if (reachable) await withTimeout(Promise.all([this.worker?.close(), this.queue.close()]), CLOSE_WAIT_MS, 'close');
    } catch (error) {
      this.logger.warn((error as Error).message);
    } finally {
      if (!reachable) void this.worker?.close(true).catch(() => undefined);
      for (const connection of [this.workerConnection, this.connection]) {
        if (!connection) continue;
        if (reachable) await connection.quit().catch(() => connection.disconnect());
        else connection.disconnect();
      }
    }
  }

  private logError(error: Error): void {
    if (Date.now() - this.lastErrorLog < ERROR_LOG_EVERY_MS) return;
    this.lastErrorLog = Date.now();
    this.logger.warn(`redis: ${error.message}`);
  }
}
