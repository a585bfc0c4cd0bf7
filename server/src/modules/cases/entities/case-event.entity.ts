import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { CaseStatus } from '@jiuzhu/shared';
import { Case } from './case.entity.js';

/**
 * One entry of a case's timeline: who (account, role), did what (an action of the workflow table, `create` or
 * `escalate`), from which status to which, with what (the step's payload, masked), when (Clock). Written in the
 * same transaction as the case and the audit row.
 */
@Entity({ name: 'case_events' })
@Unique('UQ_case_events_county_id', ['countyCode', 'id'])
@Index('IDX_case_events_case', ['countyCode', 'caseId', 'id'])
export class CaseEvent {
  /** increasing: the timeline's order (events of one transaction, or under a frozen test clock, share `at`) */
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_case_events_case' },
    { name: 'case_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_case_events_case' },
  ])
  case?: Case;

  /** null for the system (the escalation job) */
  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  /** a CaseAction value, or 'create' / 'escalate' */
  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ name: 'from_status', type: 'varchar', length: 24, nullable: true })
  fromStatus: CaseStatus | null;

  @Column({ name: 'to_status', type: 'varchar', length: 24 })
  toStatus: CaseStatus;

  /** what the step recorded, masked (no ID number or phone in the clear) */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  payload: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at: Date;
}
