import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';
import { Notification } from './notification.entity.js';

/** Where a notification is delivered. IN_APP is the inbox itself (no delivery row is written for it today). */
export enum DeliveryChannel {
  IN_APP = 'IN_APP',
  WECHAT_SUBSCRIBE = 'WECHAT_SUBSCRIBE',
  WECOM = 'WECOM',
}

export enum DeliveryStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  FAILED = 'FAILED',
  /** not sent and not to be retried: the person refused the subscription, or has no address on that channel now */
  SKIPPED = 'SKIPPED',
}

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * One notification on one external channel: the outbox row the delivery worker claims (FOR UPDATE SKIP LOCKED),
 * sends, and marks. A PENDING row whose next_attempt_at has passed is due: either waiting for its first try, for a
 * retry after a failure, or claimed by a worker that died (the claim is a lease that ends at next_attempt_at).
 */
@Entity({ name: 'notification_deliveries' })
@Unique('UQ_notification_deliveries_channel', ['notificationId', 'channel'])
@Check('CHK_notification_deliveries_channel', `"channel" IN (${list(Object.values(DeliveryChannel))})`)
@Check('CHK_notification_deliveries_status', `"status" IN (${list(Object.values(DeliveryStatus))})`)
@Check('CHK_notification_deliveries_attempts', `"attempts" >= 0`)
@Check('CHK_notification_deliveries_sent_at', `("status" = 'SENT') = ("sent_at" IS NOT NULL)`)
// the worker's queue: only pending rows are indexed, in due order
@Index('IDX_notification_deliveries_due', ['nextAttemptAt'], { where: `"status" = 'PENDING'` })
export class NotificationDelivery {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'notification_id', type: 'uuid' })
  notificationId: string;

  @ManyToOne(() => Notification, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'notification_id', foreignKeyConstraintName: 'FK_notification_deliveries_notification' })
  notification?: Notification;

  @Column({ type: 'varchar', length: 24 })
  channel: DeliveryChannel;

  @Column({ type: 'varchar', length: 16, default: DeliveryStatus.PENDING })
  status: DeliveryStatus;

  /** tries started so far (a claim counts as a try, so a worker that dies mid-send uses one up) */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** when the row is next due: the first try, the retry after a backoff, or the end of a worker's claim */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** set by the worker that claimed the row; its result is written only while the claim is still its own */
  @Column({ name: 'claim_token', type: 'uuid', nullable: true })
  claimToken: string | null;

  @Column({ name: 'last_error', type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
