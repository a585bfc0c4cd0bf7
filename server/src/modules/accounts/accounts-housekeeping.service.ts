import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

const EVERY_MS = 60 * 60 * 1000;
const BATCH = 5000;
// kept a day longer than the refusal windows need, for questions about yesterday
const BINDING_ATTEMPTS_KEPT = '1 day';

/**
 * Deletes what no longer matters: sessions past their expiry (a rotated session is kept until then, for reuse
 * detection) and old binding tries. Hourly in every server process, in small batches; running it twice at once
 * is harmless. Moves to the job queue when there is one.
 */
@Injectable()
export class AccountsHousekeepingService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AccountsHousekeepingService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.purge().catch((error) => this.logger.warn(`housekeeping failed: ${(error as Error).message}`));
    }, EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Returns how many rows went. */
  async purge(): Promise<{ sessions: number; bindingAttempts: number }> {
    const sessions = await this.deleteInBatches(
      `DELETE FROM auth_sessions WHERE id IN (SELECT id FROM auth_sessions WHERE expires_at < now() LIMIT ${BATCH})`,
    );
    const bindingAttempts = await this.deleteInBatches(
      `DELETE FROM binding_attempts WHERE id IN
         (SELECT id FROM binding_attempts WHERE created_at < now() - interval '${BINDING_ATTEMPTS_KEPT}' LIMIT ${BATCH})`,
    );
    return { sessions, bindingAttempts };
  }

  private async deleteInBatches(sql: string): Promise<number> {
    let total = 0;
    for (;;) {
      // TypeORM answers a DELETE with [rows, affected]
      const [, affected]: [unknown, number] = await this.dataSource.query(sql);
      total += affected;
      if (affected < BATCH) return total;
    }
  }
}
