import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export enum QualityRunStatus {
  QUEUED = 'QUEUED',
  RUNNING = 'RUNNING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

export const QualityRunStatusLabel: Record<QualityRunStatus, string> = {
  [QualityRunStatus.QUEUED]: '排队中',
  [QualityRunStatus.RUNNING]: '检查中',
  [QualityRunStatus.DONE]: '已完成',
  [QualityRunStatus.FAILED]: '失败',
};

/** Who started a run: a cadre (POST /quality/runs) or the monthly job. */
export enum QualityRunTrigger {
  MANUAL = 'MANUAL',
  MONTHLY = 'MONTHLY',
}

export const QualityRunTriggerLabel: Record<QualityRunTrigger, string> = {
  [QualityRunTrigger.MANUAL]: '手动检查',
  [QualityRunTrigger.MONTHLY]: '每月检查',
};

/**
 * One data-quality run 账账相符、账实相符 over the registry of a region: its findings (the 问题清单) are in
 * quality_findings. One run per region, China day and trigger: asking again the same day runs the same run again
 * (its findings replaced, never doubled). `attempt` grows with each new request, so a stale job is ignored.
 */
@Entity({ name: 'quality_runs' })
@Unique('UQ_quality_runs_region_date_trigger', ['regionCode', 'runDate', 'trigger'])
@Check('CHK_quality_runs_status', `"status" IN (${list(Object.values(QualityRunStatus))})`)
@Check('CHK_quality_runs_trigger', `"trigger" IN (${list(Object.values(QualityRunTrigger))})`)
@Check('CHK_quality_runs_region', `"region_code" ~ '^([0-9]{2}|[0-9]{4}|[0-9]{6}|[0-9]{9}|[0-9]{12}|[0-9]{15})?$'`)
@Index('IDX_quality_runs_created', ['createdAt'])
export class QualityRun {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** the region checked (prefix); '' for the whole registry (an administrator without a region) */
  @Column({ name: 'region_code', type: 'varchar', length: 15 })
  regionCode: string;

  /** China date the run was asked for */
  @Column({ name: 'run_date', type: 'date' })
  runDate: string;

  @Column({ type: 'varchar', length: 16 })
  trigger: QualityRunTrigger;

  @Column({ type: 'varchar', length: 16 })
  status: QualityRunStatus;

  /** also decrypt every ID number of the region and re-check it (GB 11643), audited; off for the monthly run */
  @Column({ name: 'recheck_id_numbers', type: 'boolean', default: false })
  recheckIdNumbers: boolean;

  /** 1 at creation, +1 each time the run is asked for again */
  @Column({ type: 'integer', default: 1 })
  attempt: number;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'counties_total', type: 'integer', default: 0 })
  countiesTotal: number;

  @Column({ name: 'counties_done', type: 'integer', default: 0 })
  countiesDone: number;

  /** findings per check code over the whole run region (set when DONE) */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  counts: Record<string, number>;

  @Column({ type: 'integer', default: 0 })
  total: number;

  /** ID numbers decrypted by the re-check (0 when it was not asked for) */
  @Column({ name: 'id_numbers_rechecked', type: 'integer', default: 0 })
  idNumbersRechecked: number;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
