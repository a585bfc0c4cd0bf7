import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/**
 * The monitoring line 防返贫监测线 of one year (DOMAIN.md "Income and the monitoring line"): yuan of net income per
 * person per year. A province row, overridable by a prefecture (4 digits) or county (6 digits) row. The line in
 * force on a date is the row of the latest year not after the date's year, the most specific one of that year.
 * No foreign key to regions: the seed runs before the regions are imported; the service checks the code.
 */
@Entity({ name: 'monitoring_lines' })
@Unique('UQ_monitoring_lines_region_year', ['regionCode', 'year'])
@Check('CHK_monitoring_lines_region', `"region_code" ~ '^[0-9]{2}([0-9]{2}){0,2}$'`)
@Check('CHK_monitoring_lines_year', `"year" BETWEEN 2000 AND 2100`)
@Check('CHK_monitoring_lines_amount', `"amount" > 0`)
export class MonitoringLine {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** province (2), prefecture (4) or county (6) code */
  @Column({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @Column({ type: 'smallint' })
  year: number;

  /** yuan per person per year */
  @Column({ type: 'integer' })
  amount: number;

  /** where the figure comes from (the policy paper) */
  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  /** the admin who last set it; null for the seed */
  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
