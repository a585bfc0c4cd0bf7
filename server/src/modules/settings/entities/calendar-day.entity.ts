import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

export enum CalendarDayKind {
  /** a public holiday 法定节假日 (or a day off of its 调休), even on a weekday */
  HOLIDAY = 'HOLIDAY',
  /** a make-up working day 调休上班, even on a weekend */
  WORKDAY = 'WORKDAY',
}

export const CalendarDayKindLabel: Record<CalendarDayKind, string> = {
  [CalendarDayKind.HOLIDAY]: '放假',
  [CalendarDayKind.WORKDAY]: '调休上班',
};

/**
 * The exceptions to "Monday to Friday are working days": the State Council's holiday schedule of each year, as data.
 * Working-day deadlines (analysis, ticket acknowledgement) are counted over it.
 */
@Entity({ name: 'calendar_days' })
@Check('CHK_calendar_days_kind', `"kind" IN (${Object.values(CalendarDayKind).map((k) => `'${k}'`).join(', ')})`)
export class CalendarDay {
  /** 'YYYY-MM-DD' (China date) */
  @PrimaryColumn({ type: 'date' })
  date: string;

  @Column({ type: 'varchar', length: 16 })
  kind: CalendarDayKind;

  /** the holiday it belongs to: 春节, 国庆节 ... */
  @Column({ type: 'varchar', length: 50 })
  name: string;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
