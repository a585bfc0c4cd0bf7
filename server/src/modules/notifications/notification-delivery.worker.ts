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
    const outcomes = await Promise.all(
      claimed.map((row) => this.sendOne(row, notificationById.get(row.notification_id), recipientByNotification.get(row.notification_id))),
    );
    return this.record(claimed, outcomes);
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

  /**
   * Writes the batch's outcomes in one statement (one commit, not one per delivery), each only while the claim is
   * still this run's: a row whose lease ran out and was claimed again is left to the newer claim.
   */
  private async record(rows: ClaimedRow[], outcomes: DeliveryOutcome[]): Promise<DeliveryStatus[]> {
    const now = this.clock.now();
    const maxAttempts = this.config.get('NOTIFICATION_MAX_ATTEMPTS');
    const results = rows.map((row, i) => {
      const outcome = outcomes[i];
      if (outcome.status === 'SENT') return { status: DeliveryStatus.SENT, next: now, error: null, sentAt: now };
      if (outcome.status === 'SKIPPED') return { status: DeliveryStatus.SKIPPED, next: now, error: outcome.reason, sentAt: null };
      if (outcome.status === 'FAILED') return { status: DeliveryStatus.FAILED, next: now, error: outcome.reason, sentAt: null };
      const exhausted = row.attempts >= maxAttempts;
      return {
        status: exhausted ? DeliveryStatus.FAILED : DeliveryStatus.PENDING,
        next: exhausted ? now : new Date(now.getTime() + this.backoffMs(row.attempts)),
        error: outcome.reason,
        sentAt: null,
      };
    });
    const [updated]: [{ id: string }[], number] = await this.dataSource.query(
      `UPDATE notification_deliveries d
          SET status = o.status, next_attempt_at = o.next, last_error = o.error, sent_at = o.sent_at, claim_token = NULL, updated_at = now()
         FROM unnest($1::uuid[], $2::uuid[], $3::varchar[], $4::timestamptz[], $5::varchar[], $6::timestamptz[])
              AS o(id, claim_token, status, next, error, sent_at)
        WHERE d.id = o.id AND d.claim_token = o.claim_token
        RETURNING d.id`,
      [
        rows.map((row) => row.id),
        rows.map((row) => row.claim_token),
        results.map((r) => r.status),
        results.map((r) => r.next),
        results.map((r) => r.error?.slice(0, 500) ?? null),
        results.map((r) => r.sentAt),
      ],
    );
    const written = new Set(updated.map((row) => row.id));
    rows.forEach((row, i) => {
      if (!written.has(row.id)) this.logger.warn(`delivery ${row.id}: the claim ran out before the answer came; the row was claimed again`);
      else if (results[i].status === DeliveryStatus.FAILED) {
        this.logger.warn(`delivery ${row.id} (${row.channel}) failed after ${row.attempts} tries: ${results[i].error}`);
      }
    });
    return results.map((r) => r.status);
  }
}
