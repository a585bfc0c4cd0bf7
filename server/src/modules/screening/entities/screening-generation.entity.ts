import { Check, Column, Entity, PrimaryColumn } from 'typeorm';
import { MONTH_CHECK } from './screening-round.entity.js';

/**
 * That a county's rounds of a month were generated, when and by whom (null: the monthly job), with the counts of
 * the last run. The hourly job skips the counties listed here; an administrator's trigger always runs (and picks
 * up households that came into scope since).
 */
@Entity({ name: 'screening_generations' })
@Check('CHK_screening_generations_month', MONTH_CHECK('month'))
export class ScreeningGeneration {
  @PrimaryColumn({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @PrimaryColumn({ type: 'varchar', length: 7 })
  month: string;

  @Column({ name: 'rounds_created', type: 'integer' })
  roundsCreated: number;

  @Column({ name: 'tasks_created', type: 'integer' })
  tasksCreated: number;

  @Column({ name: 'generated_by', type: 'uuid', nullable: true })
  generatedBy: string | null;

  @Column({ name: 'first_generated_at', type: 'timestamptz' })
  firstGeneratedAt: Date;

  @Column({ name: 'last_generated_at', type: 'timestamptz' })
  lastGeneratedAt: Date;
}
