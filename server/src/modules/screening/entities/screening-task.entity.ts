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
import { Household } from '../../households/entities/household.entity.js';
import { MONTH_CHECK, ScreeningRound } from './screening-round.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export enum ScreeningTaskStatus {
  TODO = 'TODO',
  DONE = 'DONE',
  /** a result waits for the worker to keep or discard it (household changed since download, or screened twice) */
  CONFLICT = 'CONFLICT',
}

export const ScreeningTaskStatusLabel: Record<ScreeningTaskStatus, string> = {
  [ScreeningTaskStatus.TODO]: '待筛查',
  [ScreeningTaskStatus.DONE]: '已筛查',
  [ScreeningTaskStatus.CONFLICT]: '待处理冲突',
};

/** Why a household is in the month's screening (the first rule that matched, in this order). */
export enum ScreeningReason {
  MONITORED = 'MONITORED',
  WARNING = 'WARNING',
  EARLIER_FINDING = 'EARLIER_FINDING',
  OUT_OF_POVERTY = 'OUT_OF_POVERTY',
}

export const ScreeningReasonLabel: Record<ScreeningReason, string> = {
  [ScreeningReason.MONITORED]: '监测对象',
  [ScreeningReason.WARNING]: '部门预警',
  [ScreeningReason.EARLIER_FINDING]: '近期筛查发现风险',
  [ScreeningReason.OUT_OF_POVERTY]: '脱贫户',
};

/** One household to visit or call in one month's round. */
@Entity({ name: 'screening_tasks' })
@Unique('UQ_screening_tasks_county_id', ['countyCode', 'id'])
@Unique('UQ_screening_tasks_county_month_household', ['countyCode', 'month', 'householdId'])
@Check('CHK_screening_tasks_month', MONTH_CHECK('month'))
@Check('CHK_screening_tasks_grid', `length("grid_code") = 15 AND "county_code" = left("grid_code", 6)`)
@Check('CHK_screening_tasks_status', `"status" IN (${list(Object.values(ScreeningTaskStatus))})`)
@Check('CHK_screening_tasks_reason', `"reason" IN (${list(Object.values(ScreeningReason))})`)
@Index('IDX_screening_tasks_round', ['countyCode', 'roundId'])
// (county_code, month, grid_code varchar_pattern_ops, status), created by hand in the migration: the worker's
// download and the progress counts filter by a grid or village prefix inside one county and month
@Index('IDX_screening_tasks_grid_pattern', { synchronize: false })
export class ScreeningTask {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ name: 'round_id', type: 'uuid' })
  roundId: string;

  @ManyToOne(() => ScreeningRound, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_screening_tasks_round' },
    { name: 'round_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_screening_tasks_round' },
  ])
  round?: ScreeningRound;

  /** the household's grid when the task was issued (the round's grid) */
  @Column({ name: 'grid_code', type: 'varchar', length: 15 })
  gridCode: string;

  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_screening_tasks_household' },
    { name: 'household_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_screening_tasks_household' },
  ])
  household?: Household;

  @Column({ type: 'varchar', length: 16, default: ScreeningTaskStatus.TODO })
  status: ScreeningTaskStatus;

  @Column({ type: 'varchar', length: 24 })
  reason: ScreeningReason;

  /** households.version when the task was issued (the worker's download carries the version of that moment) */
  @Column({ name: 'household_version_at_issue', type: 'integer' })
  householdVersionAtIssue: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
