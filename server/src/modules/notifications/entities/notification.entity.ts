import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Account } from '../../accounts/entities/account.entity.js';

/** A notification kind: lower-case words joined by dots, e.g. 'case.step', 'notice.objection'. */
export const NOTIFICATION_KIND_PATTERN = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
export const NOTIFICATION_TITLE_MAX = 100;
export const NOTIFICATION_BODY_MAX = 1000;

/**
 * One message to one account: the in-app inbox row (both apps list it), and the outbox record that the delivery
 * worker sends through the external channels (NotificationDelivery). Written in the transaction of the change it
 * tells about, so it exists exactly when the change does.
 */
@Entity({ name: 'notifications' })
@Check('CHK_notifications_county_code', `"county_code" IS NULL OR "county_code" ~ '^[0-9]{6}$'`)
@Check('CHK_notifications_kind', `"kind" ~ '^[a-z][a-z0-9-]*([.][a-z][a-z0-9-]*)+$'`)
@Check('CHK_notifications_data', `jsonb_typeof("data") = 'object'`)
// the inbox: newest first per account
@Index('IDX_notifications_recipient_created', ['recipientAccountId', 'createdAt'])
// the unread badge: only unread rows are indexed
@Index('IDX_notifications_recipient_unread', ['recipientAccountId'], { where: '"read_at" IS NULL' })
export class Notification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'recipient_account_id', type: 'uuid' })
  recipientAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'recipient_account_id', foreignKeyConstraintName: 'FK_notifications_recipient' })
  recipient?: Account;

  /** the county the notification is about (its region's first 6 digits), when known */
  @Column({ name: 'county_code', type: 'varchar', length: 6, nullable: true })
  countyCode: string | null;

  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'varchar', length: NOTIFICATION_TITLE_MAX })
  title: string;

  /** Chinese text for the person; never an ID number or a phone number (masked on the way in) */
  @Column({ type: 'varchar', length: NOTIFICATION_BODY_MAX })
  body: string;

  /** what the apps need to open the subject, e.g. { caseId } */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;
}
