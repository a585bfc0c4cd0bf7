import { Check, Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import { WORKFLOW_SETTING_KEYS } from '../workflow-settings.js';

/**
 * One deadline or notice setting for a region: the province row is the default, a prefecture (4 digits) or county
 * (6 digits) row overrides it there. Seeded with Yunnan's values (DOMAIN.md); admins edit them.
 */
@Entity({ name: 'workflow_settings' })
@Check('CHK_workflow_settings_region', `"region_code" ~ '^[0-9]{2}([0-9]{2}){0,2}$'`)
@Check('CHK_workflow_settings_key', `"key" IN (${WORKFLOW_SETTING_KEYS.map((k) => `'${k}'`).join(', ')})`)
@Check('CHK_workflow_settings_value', `"value" > 0`)
export class WorkflowSetting {
  @PrimaryColumn({ name: 'region_code', type: 'varchar', length: 6 })
  regionCode: string;

  @PrimaryColumn({ type: 'varchar', length: 64 })
  key: string;

  @Column({ type: 'integer' })
  value: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
