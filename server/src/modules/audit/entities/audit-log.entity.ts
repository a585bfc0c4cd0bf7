import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * Who did what to which record, append-only: a trigger (hand-written migration) refuses UPDATE and DELETE.
 * before/after are masked snapshots: never a plain ID number, phone or health detail.
 */
@Entity({ name: 'audit_logs' })
@Index('IDX_audit_logs_entity', ['entityType', 'entityId', 'at'])
@Index('IDX_audit_logs_actor', ['actorAccountId', 'at'])
@Index('IDX_audit_logs_at', ['at'])
// region_code varchar_pattern_ops, created by hand in the migration: the county officer's prefix filter
@Index('IDX_audit_logs_region_pattern', { synchronize: false })
export class AuditLog {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;

  /** null for actions of the system itself (imports, the demo seed) */
  @Column({ name: 'actor_account_id', type: 'uuid', nullable: true })
  actorAccountId: string | null;

  @Column({ name: 'actor_role', type: 'varchar', length: 32, nullable: true })
  actorRole: string | null;

  @Column({ name: 'actor_region', type: 'varchar', length: 15, nullable: true })
  actorRegion: string | null;

  /** `<entity>.<verb>`, e.g. household.create, member.view-id, account.login */
  @Column({ type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 32 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId: string | null;

  /** region of the record acted on (the household's grid, the account's region...) */
  @Column({ name: 'region_code', type: 'varchar', length: 15, nullable: true })
  regionCode: string | null;

  /** first 6 digits of region_code: the distribution column of the scale-out plan */
  @Column({ name: 'county_code', type: 'varchar', length: 6, nullable: true })
  countyCode: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  @Column({ name: 'request_id', type: 'varchar', length: 64, nullable: true })
  requestId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}
