import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { RiskType, WarningSeverity, WarningStatus } from '@jiuzhu/shared';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A department warning 部门预警: a household, the rule a department record fired, the evidence and the month; the
 * village verifies it (dismiss with a reason, or open a case). One open warning (NEW/VERIFYING) per household, rule
 * and month: the partial unique index, which INSERT ... ON CONFLICT DO NOTHING relies on. county_code leads every
 * key (scale-out plan).
 */
@Entity({ name: 'warnings' })
@Check('CHK_warnings_status', `"status" IN (${list(Object.values(WarningStatus))})`)
@Check('CHK_warnings_severity', `"severity" IN (${list(Object.values(WarningSeverity))})`)
@Check('CHK_warnings_risk_type', `"risk_type" IN (${list(Object.values(RiskType))})`)
@Check('CHK_warnings_county_of_region', `"county_code" = left("region_code", 6)`)
@Check('CHK_warnings_dismissed', `"status" <> 'DISMISSED' OR "dismiss_reason" IS NOT NULL`)
@Index('UQ_warnings_open', ['countyCode', 'householdId', 'ruleId', 'month'], { unique: true, where: `"status" IN ('NEW', 'VERIFYING')` })
@Index('IDX_warnings_batch', ['batchId'])
@Index('IDX_warnings_household', ['countyCode', 'householdId'])
@Index('IDX_warnings_county_status', ['countyCode', 'status', 'createdAt'])
// region_code varchar_pattern_ops, created by hand in the migration: the cadre's prefix scope
@Index('IDX_warnings_region_pattern', { synchronize: false })
export class Warning {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  /** the household's grid */
  @Column({ name: 'region_code', type: 'varchar', length: 15 })
  regionCode: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  /** the member the department record is about */
  @Column({ name: 'member_id', type: 'uuid', nullable: true })
  memberId: string | null;

  @Column({ name: 'rule_id', type: 'uuid' })
  ruleId: string;

  @Column({ name: 'rule_version', type: 'integer' })
  ruleVersion: number;

  @Column({ type: 'varchar', length: 40 })
  dataset: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId: string;

  @Column({ name: 'record_id', type: 'bigint' })
  recordId: string;

  /** the row of the department's file */
  @Column({ name: 'row_number', type: 'integer' })
  rowNumber: number;

  /** the data month 'YYYY-MM' */
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Column({ type: 'varchar', length: 8 })
  severity: WarningSeverity;

  @Column({ name: 'risk_type', type: 'varchar', length: 32 })
  riskType: RiskType;

  /** the department record's fields by key, with the ID number masked (idMasked) and the name as sent */
  @Column({ type: 'jsonb' })
  evidence: Record<string, unknown>;

  @Column({ type: 'varchar', length: 16, default: WarningStatus.NEW })
  status: WarningStatus;

  @Column({ name: 'dismiss_reason', type: 'varchar', length: 500, nullable: true })
  dismissReason: string | null;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @Column({ name: 'handled_by_account_id', type: 'uuid', nullable: true })
  handledByAccountId: string | null;

  @Column({ name: 'handled_at', type: 'timestamptz', nullable: true })
  handledAt: Date | null;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
