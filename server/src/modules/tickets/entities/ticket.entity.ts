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
import { TicketKind } from '@jiuzhu/shared';
import { Account } from '../../accounts/entities/account.entity.js';
import { Region } from '../../regions/entities/region.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export enum TicketStatus {
  /** waiting for the first answer of a cadre */
  OPEN = 'OPEN',
  /** a cadre has answered (受理) */
  ACKNOWLEDGED = 'ACKNOWLEDGED',
  CLOSED = 'CLOSED',
}

export const TicketStatusLabel: Record<TicketStatus, string> = {
  [TicketStatus.OPEN]: '待受理',
  [TicketStatus.ACKNOWLEDGED]: '办理中',
  [TicketStatus.CLOSED]: '已办结',
};

/**
 * A hotline ticket 热线工单 (求助申请 / 投诉举报 / 政策咨询): raised by a citizen in the mini-program, or entered by
 * a cadre for a phone call (the caller's name and phone then stored encrypted). handler_region_code is the region
 * whose cadres handle it: the ticket's region, or for a complaint about a cadre the level above that cadre's region.
 */
@Entity({ name: 'tickets' })
@Unique('UQ_tickets_county_id', ['countyCode', 'id'])
@Check('CHK_tickets_kind', `"kind" IN (${list(Object.values(TicketKind))})`)
@Check('CHK_tickets_status', `"status" IN (${list(Object.values(TicketStatus))})`)
@Check('CHK_tickets_county_of_region', `"county_code" = left("region_code", 6) AND length("region_code") IN (6, 9, 12)`)
@Check('CHK_tickets_source', `("author_account_id" IS NULL) <> ("entered_by" IS NULL)`)
@Check('CHK_tickets_about_complaint', `"about_account_id" IS NULL OR "kind" = 'COMPLAINT'`)
@Check('CHK_tickets_case_help', `"case_id" IS NULL OR "kind" = 'HELP'`)
@Check('CHK_tickets_closed', `("status" = 'CLOSED') = ("closed_at" IS NOT NULL)`)
@Check('CHK_tickets_acknowledged', `"status" = 'OPEN' OR "status" = 'CLOSED' OR "acknowledged_at" IS NOT NULL`)
// (handler_region_code varchar_pattern_ops, status, ack_due_at), created by hand in the migration: the work lists' prefix scope
@Index('IDX_tickets_handler_pattern', { synchronize: false })
@Index('IDX_tickets_entered_by', ['enteredBy'])
@Index('IDX_tickets_author', ['authorAccountId', 'createdAt'])
@Index('IDX_tickets_assigned', ['assignedTo'])
export class Ticket {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ type: 'varchar', length: 16 })
  kind: TicketKind;

  @Column({ type: 'varchar', length: 100 })
  subject: string;

  @Column({ type: 'varchar', length: 2000 })
  content: string;

  /** hidden from the village (and township): county officers, administrators and the audit see who */
  @Column({ type: 'boolean', default: false })
  anonymous: boolean;

  /** the citizen who raised it in the mini-program */
  @Column({ name: 'author_account_id', type: 'uuid', nullable: true })
  authorAccountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'author_account_id', foreignKeyConstraintName: 'FK_tickets_author' })
  author?: Account;

  /** the cadre who entered a phone call */
  @Column({ name: 'entered_by', type: 'uuid', nullable: true })
  enteredBy: string | null;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'entered_by', foreignKeyConstraintName: 'FK_tickets_entered_by' })
  enterer?: Account;

  /** phone calls: the caller's name, AES-GCM ciphertext */
  @Column({ name: 'caller_name_encrypted', type: 'text', nullable: true })
  callerNameEncrypted: string | null;

  /** the number to call back (citizen's choice or the caller's), AES-GCM ciphertext */
  @Column({ name: 'contact_phone_encrypted', type: 'text', nullable: true })
  contactPhoneEncrypted: string | null;

  /** where it is about: the citizen's village, or the region a cadre gave (county, township or village) */
  @Column({ name: 'region_code', type: 'varchar', length: 12 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_tickets_region' })
  region?: Region;

  /** the household a HELP ticket is for (the citizen's bound household, or one a cadre named) */
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  /** a complaint about this cadre: routed above them, never shown to them */
  @Column({ name: 'about_account_id', type: 'uuid', nullable: true })
  aboutAccountId: string | null;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'about_account_id', foreignKeyConstraintName: 'FK_tickets_about' })
  about?: Account;

  /** region whose cadres handle the ticket (prefix scope); 2 to 12 digits */
  @Column({ name: 'handler_region_code', type: 'varchar', length: 12 })
  handlerRegionCode: string;

  @Column({ type: 'varchar', length: 16, default: TicketStatus.OPEN })
  status: TicketStatus;

  /** a cadre the ticket was handed to (sees it even outside the handler region, e.g. the grid worker) */
  @Column({ name: 'assigned_to', type: 'uuid', nullable: true })
  assignedTo: string | null;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'assigned_to', foreignKeyConstraintName: 'FK_tickets_assigned_to' })
  assignee?: Account;

  /** end of the last working day allowed for the first answer (ticketAckWorkingDays, CalendarService) */
  @Column({ name: 'ack_due_at', type: 'timestamptz' })
  ackDueAt: Date;

  /** the first answer of a cadre (reply, close or conversion to a case) */
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null;

  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ name: 'closed_by', type: 'uuid', nullable: true })
  closedBy: string | null;

  @Column({ name: 'close_reason', type: 'varchar', length: 500, nullable: true })
  closeReason: string | null;

  /** the case a HELP ticket became (cases module; no foreign key: that table is the cases module's) */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
