import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CaseKind, MonitoringType } from '@jiuzhu/shared';
import { Account } from '../../accounts/entities/account.entity.js';
import { Household } from '../../households/entities/household.entity.js';
import { Region } from '../../regions/entities/region.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/** 评议公示 (the publicity of a case) or 结果公告 (the county's decision), posted in one village. */
export enum NoticeKind {
  PUBLICITY = 'PUBLICITY',
  RESULT = 'RESULT',
}

export const NoticeKindLabel: Record<NoticeKind, string> = {
  [NoticeKind.PUBLICITY]: '评议公示',
  [NoticeKind.RESULT]: '结果公告',
};

/** What the county decided, as a result notice announces it. */
export enum NoticeDecision {
  CONFIRMED = 'CONFIRMED',
  REJECTED = 'REJECTED',
}

/**
 * A public notice of a village. It holds only what may be posted on the village board: the head's masked name,
 * the household size, the (proposed) monitoring type and a brief reason; never an ID number, phone, bank account
 * or health detail (DOMAIN.md step 4). The dates are China calendar dates; the period runs from start_date to
 * end_date inclusive.
 */
@Entity({ name: 'notices' })
@Unique('UQ_notices_county_id', ['countyCode', 'id'])
@Check('CHK_notices_kind', `"kind" IN (${list(Object.values(NoticeKind))})`)
@Check('CHK_notices_case_kind', `"case_kind" IN (${list(Object.values(CaseKind))})`)
@Check('CHK_notices_county_of_village', `"county_code" = left("village_code", 6) AND length("village_code") = 12`)
@Check('CHK_notices_period', `"end_date" >= "start_date"`)
@Check(
  'CHK_notices_decision',
  `("kind" = 'RESULT') = ("decision" IS NOT NULL) AND ("decision" IS NULL OR "decision" IN (${list(Object.values(NoticeDecision))}))`,
)
@Check(
  'CHK_notices_monitoring_type',
  `"monitoring_type" IS NULL OR "monitoring_type" IN (${list(Object.values(MonitoringType))})`,
)
@Check('CHK_notices_household_size', `"household_size" >= 0`)
@Index('IDX_notices_case', ['caseId', 'kind'])
// (village_code varchar_pattern_ops, start_date), created by hand in the migration: the cadres' prefix scope
@Index('IDX_notices_village_pattern', { synchronize: false })
export class Notice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  /** the village (12 digits) whose board carries the notice */
  @Column({ name: 'village_code', type: 'varchar', length: 12 })
  villageCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'village_code', foreignKeyConstraintName: 'FK_notices_village' })
  village?: Region;

  /** the case the notice belongs to (cases module); no foreign key: the cases table is that module's */
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_notices_household' },
    { name: 'household_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_notices_household' },
  ])
  household?: Household;

  @Column({ type: 'varchar', length: 16 })
  kind: NoticeKind;

  /** identification 识别 or risk elimination 风险消除: only the title differs */
  @Column({ name: 'case_kind', type: 'varchar', length: 16, default: CaseKind.IDENTIFICATION })
  caseKind: CaseKind;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  /** the head's name masked with the shared maskName (张*三); the plain name is never stored here */
  @Column({ name: 'subject_name_masked', type: 'varchar', length: 50 })
  subjectNameMasked: string;

  @Column({ name: 'household_size', type: 'smallint' })
  householdSize: number;

  /** publicity: the type proposed; result: the type decided (null when rejected or for risk elimination) */
  @Column({ name: 'monitoring_type', type: 'varchar', length: 32, nullable: true })
  monitoringType: MonitoringType | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  decision: NoticeDecision | null;

  @Column({ name: 'reason_brief', type: 'varchar', length: 200 })
  reasonBrief: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  /** last day of the period (inclusive) */
  @Column({ name: 'end_date', type: 'date' })
  endDate: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'FK_notices_created_by' })
  creator?: Account;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
