import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Region } from '../../regions/entities/region.entity.js';

/** 'YYYY-MM' as a CHECK expression on a column. */
export const MONTH_CHECK = (column: string) => `"${column}" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`;

/**
 * One month's screening 一月一筛查 of one grid: created (with its tasks) by the monthly job or an administrator's
 * trigger, never twice (the unique key). county_code is the distribution column of the scale-out plan.
 */
@Entity({ name: 'screening_rounds' })
@Unique('UQ_screening_rounds_county_id', ['countyCode', 'id'])
@Unique('UQ_screening_rounds_county_month_grid', ['countyCode', 'month', 'gridCode'])
@Check('CHK_screening_rounds_month', MONTH_CHECK('month'))
@Check('CHK_screening_rounds_grid', `length("grid_code") = 15 AND "county_code" = left("grid_code", 6)`)
export class ScreeningRound {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  /** 'YYYY-MM' (China calendar month) */
  @Column({ type: 'varchar', length: 7 })
  month: string;

  @Column({ name: 'grid_code', type: 'varchar', length: 15 })
  gridCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'grid_code', foreignKeyConstraintName: 'FK_screening_rounds_grid' })
  grid?: Region;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
