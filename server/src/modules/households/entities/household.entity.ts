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
import { HouseholdType, MAX_RISK_TYPES, MonitoringType, RiskType } from '@jiuzhu/shared';
import { Region } from '../../regions/entities/region.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A household 户 of the registry (DOMAIN.md "Households and members"). county_code is the distribution column of
 * the scale-out plan: unique keys and the members' foreign key include it.
 */
@Entity({ name: 'households' })
@Unique('UQ_households_county_id', ['countyCode', 'id'])
@Unique('UQ_households_county_number', ['countyCode', 'householdNumber'])
@Check('CHK_households_county_of_region', `"county_code" = left("region_code", 6)`)
@Check('CHK_households_type', `"household_type" IN (${list(Object.values(HouseholdType))})`)
@Check('CHK_households_monitoring_type', `"monitoring_type" IS NULL OR "monitoring_type" IN (${list(Object.values(MonitoringType))})`)
@Check('CHK_households_identified_month', `"identified_month" IS NULL OR "identified_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check(
  'CHK_households_risk_types',
  `jsonb_typeof("risk_types") = 'array' AND jsonb_array_length("risk_types") <= ${MAX_RISK_TYPES}`,
)
// region_code varchar_pattern_ops, created by hand in the migration: the cadre's prefix scope uses it
@Index('IDX_households_region_pattern', { synchronize: false })
export class Household {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  /** grid code (15 digits) + 4-digit sequence, assigned by the server */
  @Column({ name: 'household_number', type: 'varchar', length: 32 })
  householdNumber: string;

  /** the grid (村民小组) the household belongs to */
  @Column({ name: 'region_code', type: 'varchar', length: 15 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_households_region' })
  region?: Region;

  @Column({ type: 'varchar', length: 200 })
  address: string;

  /** the member whose relation is HEAD (kept by the service; members.UQ_members_one_head guards the rule) */
  @Column({ name: 'head_member_id', type: 'uuid', nullable: true })
  headMemberId: string | null;

  /** AES-GCM ciphertext (CryptoService), never the plain number */
  @Column({ name: 'phone_encrypted', type: 'text', nullable: true })
  phoneEncrypted: string | null;

  /** keyed hash of the normalised 11-digit number, for exact search */
  @Index('IDX_households_phone_hash')
  @Column({ name: 'phone_hash', type: 'varchar', length: 64, nullable: true })
  phoneHash: string | null;

  @Column({ name: 'household_type', type: 'varchar', length: 32 })
  householdType: HouseholdType;

  @Index('IDX_households_monitoring_type')
  @Column({ name: 'monitoring_type', type: 'varchar', length: 32, nullable: true })
  monitoringType: MonitoringType | null;

  @Column({ name: 'risk_types', type: 'jsonb', default: () => "'[]'" })
  riskTypes: RiskType[];

  /** 识别月份 'YYYY-MM': the month the county confirmed the monitoring (risk elimination may not fall in it or the next) */
  @Column({ name: 'identified_month', type: 'varchar', length: 7, nullable: true })
  identifiedMonth: string | null;

  /** 整户无劳动能力 */
  @Column({ name: 'no_labour_capacity', type: 'boolean', default: false })
  noLabourCapacity: boolean;

  /** 易地搬迁 */
  @Column({ type: 'boolean', default: false })
  relocated: boolean;

  /** optimistic lock: every write is `UPDATE ... WHERE version = :v` and bumps it */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
