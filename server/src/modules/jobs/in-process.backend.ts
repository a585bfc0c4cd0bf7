import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { backoffDelay, FailedJob, JobsBackend } from './jobs.types.js';

interface Job {
  id: string;
  name: string;
  data: unknown;
  attempts: number;
  backoffMs: number;
  attemptsMade: number;
  /** the first run's delay (kept until the backend starts) */
  delayMs: number;
  timer: NodeJS.Timeout | null;
}

const KEPT_FAILURES = 1000;

/**
 * Jobs in this process (no REDIS_URL): timers, the same retry and backoff rules as BullMQ. Jobs waiting here are
 * lost when the process stops; production with Redis keeps them (docs/configuration.md).
 */
export class InProcessBackend implements JobsBackend {
  readonly mode = 'in-process' as const;
  private readonly logger = new Logger('Jobs');
  private readonly jobs = new Map<string, Job>();
  private readonly running = new Set<Promise<void>>();
  private readonly intervals: NodeJS.Timeout[] = [];
  private readonly failed: FailedJob[] = [];
  private run: ((name: string, data: unknown) => Promise<void>) | null = null;
  private closed = false;

  async start(run: (name: string, data: unknown) => Promise<void>): Promise<void> {
    this.run = run;
    // jobs added before the start (during module init) wait for it
    for (const job of this.jobs.values()) if (!job.timer) this.arm(job, job.delayMs);
  }

  async add(name: string, data: unknown, options: { attempts: number; backoffMs: number; delayMs: number; jobId?: string }): Promise<void> {
    if (this.closed) throw new Error('the job queue is closed');
    const id = options.jobId ?? randomUUID();
    if (this.jobs.has(id)) return;
    const job: Job = { id, name, data, attempts: options.attempts, backoffMs: options.backoffMs, attemptsMade: 0, delayMs: options.delayMs, timer: null };
    this.jobs.set(id, job);
    if (this.run) this.arm(job, options.delayMs);
  }

  async schedule(name: string, everyMs: number): Promise<void> {
    const timer = setInterval(() => void this.add(name, {}, { attempts: 1, backoffMs: 0, delayMs: 0, jobId: `scheduled-${name}` }), everyMs);
    timer.unref();
    this.intervals.push(timer);
  }

  async idle(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.jobs.size || this.running.size) {
      if (Date.now() > until) throw new Error(`jobs still pending after ${timeoutMs} ms: ${[...this.jobs.values()].map((j) => j.name).join(', ')}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  async failures(): Promise<FailedJob[]> {
    return [...this.failed];
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.intervals) clearInterval(timer);
    for (const job of this.jobs.values()) if (job.timer) clearTimeout(job.timer);
    this.jobs.clear();
    await Promise.allSettled([...this.running]);
  }

  private arm(job: Job, delayMs: number): void {
    job.timer = setTimeout(() => this.execute(job), Math.max(0, delayMs));
    job.timer.unref();
  }

  private execute(job: Job): void {
    if (this.closed || !this.run) return;
    job.attemptsMade++;
    const running = this.run(job.name, job.data).then(
      () => {
        this.jobs.delete(job.id);
      },
      (error: Error) => {
        if (job.attemptsMade < job.attempts && !this.closed) {
          this.arm(job, backoffDelay(job.backoffMs, job.attemptsMade));
          return;
        }
        this.jobs.delete(job.id);
        this.logger.warn(`job ${job.name} failed after ${job.attemptsMade} tries: ${error?.message}`);
        this.failed.push({ id: job.id, name: job.name, data: job.data, attemptsMade: job.attemptsMade, error: String(error?.message ?? error) });
        if (this.failed.length > KEPT_FAILURES) this.failed.shift();
      },
    );
    this.running.add(running);
    void running.finally(() => this.running.delete(running));
  }
}
