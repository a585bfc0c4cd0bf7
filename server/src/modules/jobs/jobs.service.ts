import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfigService } from '../../config/app-config.service.js';
import { BullMqBackend } from './bullmq.backend.js';
import { InProcessBackend } from './in-process.backend.js';
import type { EnqueueOptions, FailedJob, JobHandler, JobsBackend } from './jobs.types.js';

export type { EnqueueOptions, FailedJob, JobHandler } from './jobs.types.js';

const DEFAULTS = { attempts: 3, backoffMs: 1000, concurrency: 4, prefix: 'jiuzhu' };

const positive = (value: unknown, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * Background jobs by name: `register` a handler (in onModuleInit), `enqueue` work, `schedule` a repeatable job.
 * With REDIS_URL they live in Redis through BullMQ (they survive restarts, run once across servers); without it
 * they run in this process with the same retry rules. Handlers must be safe to run twice (a crash mid-job retries).
 * Scheduled jobs do not run when JOBS_SCHEDULER=off (the default under NODE_ENV=test): tests call runNow.
 */
@Injectable()
export class JobsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobsService.name);
  private readonly handlers = new Map<string, JobHandler>();
  private readonly schedules = new Map<string, number>();
  private readonly backend: JobsBackend;
  private started = false;

  constructor(private readonly config: AppConfigService) {
    const url = this.config.get('REDIS_URL');
    this.backend = url
      ? new BullMqBackend(url, String(this.config.get('JOBS_QUEUE_PREFIX') ?? DEFAULTS.prefix), positive(this.config.get('JOBS_CONCURRENCY'), DEFAULTS.concurrency))
      : new InProcessBackend();
  }

  /** 'redis' (BullMQ) or 'in-process' */
  get mode(): JobsBackend['mode'] {
    return this.backend.mode;
  }

  get schedulerEnabled(): boolean {
    const setting = this.config.get('JOBS_SCHEDULER');
    if (setting === 'on' || setting === 'off') return setting === 'on';
    return this.config.get('NODE_ENV') !== 'test';
  }

  register(name: string, handler: JobHandler): void {
    if (this.handlers.has(name)) throw new Error(`job ${name} already has a handler`);
    this.handlers.set(name, handler);
  }

  async enqueue(name: string, data: unknown = {}, options: EnqueueOptions = {}): Promise<void> {
    if (options.jobId !== undefined && (!options.jobId || options.jobId.includes(':'))) {
      throw new Error(`job id must be non-empty and without ':': ${options.jobId}`);
    }
    await this.backend.add(name, data ?? {}, {
      delayMs: Math.max(0, options.delayMs ?? 0),
      attempts: Math.max(1, Math.floor(options.attempts ?? positive(this.config.get('JOBS_DEFAULT_ATTEMPTS'), DEFAULTS.attempts))),
      backoffMs: Math.max(0, options.backoffMs ?? positive(this.config.get('JOBS_DEFAULT_BACKOFF_MS'), DEFAULTS.backoffMs)),
      jobId: options.jobId,
    });
  }

  /** A repeatable job every `everyMs` (one per period across all servers with Redis). Off when JOBS_SCHEDULER=off. */
  async schedule(name: string, everyMs: number): Promise<void> {
    if (!(everyMs > 0)) throw new Error(`schedule of ${name}: everyMs must be > 0`);
    this.schedules.set(name, everyMs);
    if (this.started && this.schedulerEnabled) await this.backend.schedule(name, everyMs);
  }

  /** Runs a job's handler now, in the caller's flow (tests, admin tools); errors reach the caller. */
  async runNow(name: string, data: unknown = {}): Promise<void> {
    await this.handlerOf(name)(data ?? {});
  }

  /** Resolves when no job waits, is delayed or runs (tests). */
  async whenIdle(timeoutMs = 10_000): Promise<void> {
    await this.backend.idle(timeoutMs);
  }

  /** Jobs that failed every try (the latest ones). */
  async failures(): Promise<FailedJob[]> {
    return this.backend.failures();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.backend.start((name, data) => this.handlerOf(name)(data));
    this.started = true;
    if (this.schedulerEnabled) {
      // not awaited: an unreachable Redis must not stop the server from starting (retried at the next start)
      for (const [name, everyMs] of this.schedules) {
        this.backend.schedule(name, everyMs).catch((error: Error) => this.logger.error(`schedule ${name}: ${error.message}`));
      }
    }
    this.logger.log(`jobs: ${this.backend.mode}, scheduler ${this.schedulerEnabled ? 'on' : 'off'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.backend.close();
  }

  private handlerOf(name: string): JobHandler {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`no handler registered for job ${name}`);
    return handler;
  }
}
