import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Household } from '../../households/entities/household.entity.js';
import { QualityRun } from './quality-run.entity.js';

/**
 * One line of the 问题清单: a household that failed one check in one run. `details` holds only what the list may
 * show (masked names, relations, counts, amounts, types, dates), never an ID number or phone. county_code is the
 * distribution column of the scale-out plan; the unique key makes a re-run unable to double a finding.
 */
@Entity({ name: 'quality_findings' })
@Unique('UQ_quality_findings_county_run_household_check', ['countyCode', 'runId', 'householdId', 'checkCode'])
@Check('CHK_quality_findings_region', `"county_code" = left("region_code", 6)`)
// the list, the counts and the export read one run's findings in a region (a code range: digits only, so the
// range [prefix, next prefix) is exactly the codes that start with the prefix) in household-number order
@Index('IDX_quality_findings_run_region', ['runId', 'regionCode', 'householdNumber', 'checkCode'])
export class QualityFinding {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'run_id', type: 'uuid' })
  runId: string;

  @ManyToOne(() => QualityRun, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn({ name: 'run_id', foreignKeyConstraintName: 'FK_quality_findings_run' })
  run?: QualityRun;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  /** the household's region (its grid) when the run found it */
  @Column({ name: 'region_code', type: 'varchar', length: 15 })
  regionCode: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  /** a deleted household takes its findings with it */
  @ManyToOne(() => Household, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_quality_findings_household' },
    { name: 'household_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_quality_findings_household' },
  ])
  household?: Household;

  /** the household number when the run found it (the list's order) */
  @Column({ name: 'household_number', type: 'varchar', length: 32 })
  householdNumber: string;

  /** a QualityCheckCode */
  @Column({ name: 'check_code', type: 'varchar', length: 40 })
  checkCode: string;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
