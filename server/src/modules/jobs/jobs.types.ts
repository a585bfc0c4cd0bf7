export type JobData = Record<string, unknown>;
export type JobHandler = (data: any) => Promise<void>;

export interface EnqueueOptions {
  /** run no earlier than this many milliseconds from now */
  delayMs?: number;
  /** tries in all, the first one included (default JOBS_DEFAULT_ATTEMPTS) */
  attempts?: number;
  /** retry n waits backoffMs * 2^(n-1) (default JOBS_DEFAULT_BACKOFF_MS) */
  backoffMs?: number;
  /** a job with the same id that is still waiting or running makes this one a no-op (no ':' in it) */
  jobId?: string;
}

export interface FailedJob {
  id: string;
  name: string;
  data: unknown;
  attemptsMade: number;
  error: string;
}

/** Where jobs wait and run: Redis (BullMQ) or this process. */
export interface JobsBackend {
  readonly mode: 'redis' | 'in-process';
  start(run: (name: string, data: unknown) => Promise<void>): Promise<void>;
  add(name: string, data: unknown, options: Required<Pick<EnqueueOptions, 'attempts' | 'backoffMs' | 'delayMs'>> & { jobId?: string }): Promise<void>;
  schedule(name: string, everyMs: number): Promise<void>;
  idle(timeoutMs: number): Promise<void>;
  failures(): Promise<FailedJob[]>;
  close(): Promise<void>;
}

/** Exponential backoff, the same formula as BullMQ's 'exponential': base * 2^(attemptsMade - 1). */
export const backoffDelay = (baseMs: number, attemptsMade: number) => Math.round(baseMs * 2 ** (attemptsMade - 1));
