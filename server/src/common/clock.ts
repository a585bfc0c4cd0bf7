import { Global, Injectable, Module } from '@nestjs/common';

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * The time every rule reads (deadlines, escalation, notice periods, lockouts), injectable so tests can move it.
 * Production never calls `set`.
 */
@Injectable()
export class Clock {
  private fixed: Date | null = null;

  now(): Date {
    return this.fixed ? new Date(this.fixed) : new Date();
  }

  /** Tests only: freeze the clock at `at` (null: back to real time). */
  set(at: Date | null): void {
    this.fixed = at ? new Date(at) : null;
  }

  /** Tests only: move a frozen (or the real) clock forward. */
  advance(ms: number): void {
    this.fixed = new Date(this.now().getTime() + ms);
  }

  /** Today's date in China (UTC+8, no daylight saving), 'YYYY-MM-DD': dates on forms and deadlines are local. */
  today(): string {
    return chinaDate(this.now());
  }
}

/** The calendar date in China of an instant, 'YYYY-MM-DD'. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a China calendar date begins (00:00 UTC+8). */
export function chinaMidnight(date: string): Date {
  return new Date(new Date(`${date}T00:00:00.000Z`).getTime() - CHINA_OFFSET_MS);
}

/** 'YYYY-MM-DD' plus n calendar days. */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
