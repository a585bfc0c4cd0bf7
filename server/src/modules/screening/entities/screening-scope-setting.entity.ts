import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Which households a region's monthly screening includes (issue 5: "configurable"). A province row is the default,
 * a prefecture (4) or county (6) row overrides it there; with no row at all the built-in default applies
 * (DEFAULT_SCREENING_SCOPE). Administrators edit them through PUT /screening/scope.
 */
@Entity({ name: 'screening_scope_settings' })
@Check('CHK_screening_scope_settings_region', `"region_code" ~ '^[0-9]{2}([0-9]{2}){0,2}$'`)
@Check('CHK_screening_scope_settings_months', `"finding_months" BETWEEN 1 AND 24`)
export class ScreeningScopeSetting {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  /** 脱贫户 (household_type OUT_OF_POVERTY) */
  @Column({ name: 'include_out_of_poverty', type: 'boolean' })
  includeOutOfPoverty: boolean;

  /** every monitoring object (monitoring_type set) */
  @Column({ name: 'include_monitored', type: 'boolean' })
  includeMonitored: boolean;

  /** households with an open department warning (the warnings module, when it exists) */
  @Column({ name: 'include_warnings', type: 'boolean' })
  includeWarnings: boolean;

  /** households whose screening found a risk in the last finding_months months */
  @Column({ name: 'include_recent_findings', type: 'boolean' })
  includeRecentFindings: boolean;

  @Column({ name: 'finding_months', type: 'smallint' })
  findingMonths: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
