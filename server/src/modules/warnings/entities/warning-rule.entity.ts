import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { RiskType, WarningSeverity } from '@jiuzhu/shared';
import { ExchangeDataset } from '../../exchange/entities/exchange-dataset.entity.js';
import type { RuleCondition } from '../rule-condition.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A warning rule 预警规则 (data, not code): which records of a dataset raise a warning for the household, how severe,
 * which risk type it suggests, where (region prefix, '' = the whole province) and from which day. Read when a batch
 * starts matching and recorded on the batch, so a change applies from the next batch.
 */
@Entity({ name: 'warning_rules' })
@Check('CHK_warning_rules_severity', `"severity" IN (${list(Object.values(WarningSeverity))})`)
@Check('CHK_warning_rules_risk_type', `"risk_type" IN (${list(Object.values(RiskType))})`)
@Check('CHK_warning_rules_condition', `jsonb_typeof("condition") = 'object'`)
@Index('IDX_warning_rules_dataset', ['dataset', 'active'])
export class WarningRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('UQ_warning_rules_code', { unique: true })
  @Column({ type: 'varchar', length: 60 })
  code: string;

  @Column({ type: 'varchar', length: 40 })
  dataset: string;

  @ManyToOne(() => ExchangeDataset, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'dataset', foreignKeyConstraintName: 'FK_warning_rules_dataset' })
  datasetRow?: ExchangeDataset;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'jsonb' })
  condition: RuleCondition;

  @Column({ type: 'varchar', length: 8 })
  severity: WarningSeverity;

  @Column({ name: 'risk_type', type: 'varchar', length: 32 })
  riskType: RiskType;

  /** region prefix the rule applies in; '' = the whole province */
  @Column({ name: 'region_code', type: 'varchar', length: 15, default: '' })
  regionCode: string;

  /** the first day batches are matched with it */
  @Column({ name: 'valid_from', type: 'date' })
  validFrom: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'updated_by_account_id', type: 'uuid', nullable: true })
  updatedByAccountId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
