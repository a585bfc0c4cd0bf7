import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';
import { Education, LabourCapacity, Relation, SafetyNetStatus, Schooling, Sex } from '@jiuzhu/shared';
import { Household } from './household.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A member 成员 of a household. ID number, phone and health are personal information: stored as AES-GCM
 * ciphertext, the ID number and phone also as a keyed hash for exact search. The name is plain (searchable).
 */
@Entity({ name: 'members' })
@Check('CHK_members_relation', `"relation" IN (${list(Object.values(Relation))})`)
@Check('CHK_members_sex', `"sex" IN (${list(Object.values(Sex))})`)
@Check('CHK_members_education', `"education" IS NULL OR "education" IN (${list(Object.values(Education))})`)
@Check('CHK_members_schooling', `"schooling" IS NULL OR "schooling" IN (${list(Object.values(Schooling))})`)
@Check(
  'CHK_members_labour_capacity',
  `"labour_capacity" IS NULL OR "labour_capacity" IN (${list(Object.values(LabourCapacity))})`,
)
@Check('CHK_members_safety_net', `"safety_net" IN (${list(Object.values(SafetyNetStatus))})`)
@Check('CHK_members_work_months', `"work_months" IS NULL OR "work_months" BETWEEN 0 AND 12`)
// one HEAD per household, whatever the code does
@Index('UQ_members_one_head', ['countyCode', 'householdId'], { unique: true, where: `"relation" = 'HEAD'` })
@Index('IDX_members_household', ['countyCode', 'householdId'])
// name varchar_pattern_ops, created by hand in the migration: the registry's name search is a prefix match
@Index('IDX_members_name_pattern', { synchronize: false })
export class Member {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  /** the foreign key includes county_code (scale-out plan: co-located with its household) */
  @ManyToOne(() => Household, { onDelete: 'CASCADE', nullable: false })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_members_household' },
    { name: 'household_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_members_household' },
  ])
  household?: Household;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** AES-GCM ciphertext of the normalised number (18-character resident ID or 20/22-digit disability certificate) */
  @Column({ name: 'id_number_encrypted', type: 'text' })
  idNumberEncrypted: string;

  /** keyed hash of the normalised number: exact search and the province-wide uniqueness */
  @Index('UQ_members_id_number_hash', { unique: true })
  @Column({ name: 'id_number_hash', type: 'varchar', length: 64 })
  idNumberHash: string;

  @Column({ type: 'varchar', length: 16 })
  relation: Relation;

  @Column({ type: 'varchar', length: 8 })
  sex: Sex;

  @Column({ name: 'birth_date', type: 'date' })
  birthDate: string;

  /** 民族, e.g. 汉族, 彝族, 回族 */
  @Column({ type: 'varchar', length: 20, nullable: true })
  ethnicity: string | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  education: Education | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  schooling: Schooling | null;

  /** AES-GCM ciphertext of the HealthStatus value (personal health data) */
  @Column({ name: 'health_encrypted', type: 'text', nullable: true })
  healthEncrypted: string | null;

  @Column({ name: 'labour_capacity', type: 'varchar', length: 16, nullable: true })
  labourCapacity: LabourCapacity | null;

  @Column({ name: 'work_place', type: 'varchar', length: 100, nullable: true })
  workPlace: string | null;

  @Column({ name: 'work_months', type: 'smallint', nullable: true })
  workMonths: number | null;

  @Column({ name: 'medical_insurance', type: 'boolean', default: false })
  medicalInsurance: boolean;

  @Column({ name: 'serious_illness_insurance', type: 'boolean', default: false })
  seriousIllnessInsurance: boolean;

  @Column({ name: 'pension_insurance', type: 'boolean', default: false })
  pensionInsurance: boolean;

  /** 低保 / 特困 */
  @Column({ name: 'safety_net', type: 'varchar', length: 8, default: SafetyNetStatus.NONE })
  safetyNet: SafetyNetStatus;

  @Column({ name: 'public_welfare_job', type: 'boolean', default: false })
  publicWelfareJob: boolean;

  @Column({ name: 'phone_encrypted', type: 'text', nullable: true })
  phoneEncrypted: string | null;

  @Index('IDX_members_phone_hash')
  @Column({ name: 'phone_hash', type: 'varchar', length: 64, nullable: true })
  phoneHash: string | null;

  /** optimistic lock, as on households */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
