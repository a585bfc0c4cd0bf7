import { Logger } from '@nestjs/common';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { FailedJob, JobsBackend } from './jobs.types.js';

export const QUEUE_NAME = 'jobs';

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

  constructor(
    url: string,
    private readonly prefix: string,
    private readonly concurrency: number,
  ) {
    // BullMQ's blocking commands need maxRetriesPerRequest: null
    this.connection = new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
    this.connection.on('error', (error) => this.logger.warn(`redis: ${error.message}`));
    this.queue = new Queue(QUEUE_NAME, { connection: this.connection, prefix });
  }

  async start(run: (name: string, data: unknown) => Promise<void>): Promise<void> {
    this.workerConnection = this.connection.duplicate();
    this.workerConnection.on('error', (error) => this.logger.warn(`redis: ${error.message}`));
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
    this.worker.on('error', (error) => this.logger.warn(`worker: ${error.message}`));
  }

  async add(name: string, data: unknown, options: { attempts: number; backoffMs: number; delayMs: number; jobId?: string }): Promise<void> {
    await this.queue.add(name, data, {
      delay: options.delayMs || undefined,
      attempts: options.attempts,
      backoff: options.backoffMs ? { type: 'exponential', delay: options.backoffMs } : undefined,
      jobId: options.jobId,
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 5000 },
    });
  }

  async schedule(name: string, everyMs: number): Promise<void> {
    await this.queue.upsertJobScheduler(name, { every: everyMs }, { name, data: {}, opts: { removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } });
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
    // the worker finishes its running jobs first; waiting and delayed jobs stay in Redis for the next start
    await this.worker?.close();
    await this.queue.close();
    for (const connection of [this.workerConnection, this.connection]) {
      if (connection) await connection.quit().catch(() => connection.disconnect());
    }
  }
}
