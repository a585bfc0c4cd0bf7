import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock.js';
import { AppConfigService } from '../../config/app-config.service.js';
import { NotificationChannels } from './channels/notification-channels.js';
import { type DeliveryOutcome, describeError, type RecipientAccount } from './channels/notification-channel.js';
import { DeliveryChannel, DeliveryStatus, NotificationDelivery } from './entities/notification-delivery.entity.js';
import { Notification } from './entities/notification.entity.js';

export interface DeliveryRunSummary {
  claimed: number;
  sent: number;
  retried: number;
  failed: number;
  skipped: number;
}

interface ClaimedRow {
  id: string;
  notification_id: string;
  channel: DeliveryChannel;
  attempts: number;
  claim_token: string;
}

interface RecipientRow {
  notification_id: string;
  id: string;
  role: RecipientAccount['role'];
  display_name: string;
  is_active: boolean;
  wechat_openid: string | null;
  wecom_userid: string | null;
}

// a run claims batch after batch while they come back full, up to this many (the next tick continues)
const MAX_BATCHES_PER_RUN = 50;

/**
 * Sends the outbox: claims due PENDING deliveries in small batches (`FOR UPDATE SKIP LOCKED`, so any number of
 * workers in any number of processes share the queue without sending a row twice), sends each through its channel
 * outside any transaction, and marks it SENT, SKIPPED or FAILED, or schedules a retry with exponential backoff.
 * A claim is a lease: it moves next_attempt_at to the end of the lease, so a row claimed by a process that died is
 * due again when the lease ends. Nothing lives only in memory: a restart picks up every PENDING row.
 */
@Injectable()
export class NotificationDeliveryWorker {
  private readonly logger = new Logger(NotificationDeliveryWorker.name);
  private running: Promise<DeliveryRunSummary> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfigService,
    private readonly channels: NotificationChannels,
  ) {}

  /** One pass over what is due now. Overlapping calls in one process share the pass in progress. */
  runOnce(): Promise<DeliveryRunSummary> {
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Retry n waits base * 2^(n-1), at most the maximum. */
  backoffMs(attempts: number): number {
    const base = this.config.get('NOTIFICATION_RETRY_BASE_MS');
    return Math.min(base * 2 ** Math.max(0, attempts - 1), this.config.get('NOTIFICATION_RETRY_MAX_MS'));
  }

  private async run(): Promise<DeliveryRunSummary> {
    const summary: DeliveryRunSummary = { claimed: 0, sent: 0, retried: 0, failed: 0, skipped: 0 };
    const batchSize = this.config.get('NOTIFICATION_BATCH_SIZE');
    summary.failed += await this.failAbandoned();
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const claimed = await this.claim(batchSize);
      summary.claimed += claimed.length;
      if (!claimed.length) break;
      const outcomes = await this.deliver(claimed);
      for (const outcome of outcomes) {
        if (outcome === DeliveryStatus.SENT) summary.sent++;
        else if (outcome === DeliveryStatus.SKIPPED) summary.skipped++;
        else if (outcome === DeliveryStatus.FAILED) summary.failed++;
        else if (outcome === DeliveryStatus.PENDING) summary.retried++;
      }
      if (claimed.length < batchSize) break;
    }
    return summary;
  }

  /** Claims up to `limit` due rows for this run: one statement, rows locked by another worker are skipped. */
  private async claim(limit: number): Promise<ClaimedRow[]> {
    const now = this.clock.now();
    const leaseEnd = new Date(now.getTime() + this.config.get('NOTIFICATION_LEASE_MS'));
    const token = randomUUID();
    const [rows]: [ClaimedRow[], number] = await this.dataSource.query(
      `WITH due AS (
         SELECT id FROM notification_deliveries
          WHERE status = 'PENDING' AND next_attempt_at <= $1 AND attempts < $4
          ORDER BY next_attempt_at
          LIMIT $5
          FOR UPDATE SKIP LOCKED
       )
       UPDATE notification_deliveries d
          SET attempts = d.attempts + 1, next_attempt_at = $2, claim_token = $3, updated_at = now()
         FROM due WHERE d.id = due.id
       RETURNING d.id, d.notification_id, d.channel, d.attempts, d.claim_token`,
      [now, leaseEnd, token, this.config.get('NOTIFICATION_MAX_ATTEMPTS'), limit],
    );
    return rows;
  }

  /**
   * A row whose last allowed try was claimed by a worker that died (its lease ended, no tries left) would wait for
   * ever: it is FAILED instead.
   */
  private async failAbandoned(): Promise<number> {
    const [, count]: [unknown, number] = await this.dataSource.query(
      `WITH lost AS (
         SELECT id FROM notification_deliveries
          WHERE status = 'PENDING' AND next_attempt_at <= $1 AND attempts >= $2
          LIMIT 500
          FOR UPDATE SKIP LOCKED
       )
       UPDATE notification_deliveries d
          SET status = 'FAILED', claim_token = NULL, updated_at = now(),
              last_error = left(coalesce(d.last_error || '; ', '') || 'the last try did not finish (worker stopped)', 500)
         FROM lost WHERE d.id = lost.id`,
      [this.clock.now(), this.config.get('NOTIFICATION_MAX_ATTEMPTS')],
    );
    return count;
  }

  private async deliver(claimed: ClaimedRow[]): Promise<DeliveryStatus[]> {
    const notificationIds = [...new Set(claimed.map((row) => row.notification_id))];
    const [notifications, recipients] = await Promise.all([
      this.dataSource.getRepository(Notification).createQueryBuilder('n').where('n.id = ANY(:ids)', { ids: notificationIds }).getMany(),
      this.dataSource.query(
        `SELECT n.id AS notification_id, a.id, a.role, a.display_name, a.is_active, a.wechat_openid, a.wecom_userid
           FROM notifications n JOIN accounts a ON a.id = n.recipient_account_id WHERE n.id = ANY($1::uuid[])`,
        [notificationIds],
      ) as Promise<RecipientRow[]>,
    ]);
    const notificationById = new Map(notifications.map((n) => [n.id, n]));
    const recipientByNotification = new Map(recipients.map((r) => [r.notification_id, r]));
    return Promise.all(
      claimed.map(async (row) => {
        const outcome = await this.sendOne(row, notificationById.get(row.notification_id), recipientByNotification.get(row.notification_id));
        return this.record(row, outcome);
      }),
    );
  }

  private async sendOne(row: ClaimedRow, notification: Notification | undefined, recipient: RecipientRow | undefined): Promise<DeliveryOutcome> {
    // the notification and account are deleted together with their deliveries (ON DELETE CASCADE): gone means gone
    if (!notification || !recipient) return { status: 'SKIPPED', reason: 'notification or recipient no longer exists' };
    if (!recipient.is_active) return { status: 'SKIPPED', reason: 'account disabled' };
    const channel = this.channels.get(row.channel);
    if (!channel) return { status: 'SKIPPED', reason: `channel ${row.channel} is not configured` };
    const delivery = Object.assign(new NotificationDelivery(), {
      id: row.id,
      notificationId: row.notification_id,
      channel: row.channel,
      attempts: row.attempts,
      claimToken: row.claim_token,
    });
    const account: RecipientAccount = {
      id: recipient.id,
      role: recipient.role,
      displayName: recipient.display_name,
      isActive: recipient.is_active,
      wechatOpenid: recipient.wechat_openid,
      wecomUserid: recipient.wecom_userid,
    };
    try {
      return await channel.send(delivery, notification, account);
    } catch (error) {
      return { status: 'RETRY', reason: describeError(error) };
    }
  }

  /** Writes the outcome, only while the claim is still this run's (a lease that ran out was claimed again). */
  private async record(row: ClaimedRow, outcome: DeliveryOutcome): Promise<DeliveryStatus> {
    const now = this.clock.now();
    let status: DeliveryStatus;
    let nextAttemptAt = now;
    let lastError: string | null = null;
    switch (outcome.status) {
      case 'SENT':
        status = DeliveryStatus.SENT;
        break;
      case 'SKIPPED':
        status = DeliveryStatus.SKIPPED;
        lastError = outcome.reason;
        break;
      case 'FAILED':
        status = DeliveryStatus.FAILED;
        lastError = outcome.reason;
        break;
      case 'RETRY': {
        const exhausted = row.attempts >= this.config.get('NOTIFICATION_MAX_ATTEMPTS');
        status = exhausted ? DeliveryStatus.FAILED : DeliveryStatus.PENDING;
        lastError = outcome.reason;
        if (!exhausted) nextAttemptAt = new Date(now.getTime() + this.backoffMs(row.attempts));
        break;
      }
    }
    const [, updated]: [unknown, number] = await this.dataSource.query(
      `UPDATE notification_deliveries
          SET status = $3, next_attempt_at = $4, last_error = $5, sent_at = $6, claim_token = NULL, updated_at = now()
        WHERE id = $1 AND claim_token = $2`,
      [row.id, row.claim_token, status, nextAttemptAt, lastError?.slice(0, 500) ?? null, status === DeliveryStatus.SENT ? now : null],
    );
    if (!updated) this.logger.warn(`delivery ${row.id}: the claim ran out before the answer came; the row was claimed again`);
    if (status === DeliveryStatus.FAILED) this.logger.warn(`delivery ${row.id} (${row.channel}) failed after ${row.attempts} tries: ${lastError}`);
    return status;
  }
}
