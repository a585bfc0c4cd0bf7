import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { ALL_CASE_STATUSES, CaseKind, CaseSource, CaseStatus, DifficultyKind, RegionLevel, RiskType } from '@jiuzhu/shared';
import { Account } from '../../accounts/entities/account.entity.js';
import { Household } from '../../households/entities/household.entity.js';
import { Region } from '../../regions/entities/region.entity.js';
import type {
  AnalysisRecord,
  CountyDecisionRecord,
  PublicityRecord,
  SurveyRecord,
  TownshipReviewRecord,
} from '../case-records.js';

const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** The levels a case can be escalated to (ARCHITECTURE.md: village → township → county). */
export const ESCALATION_LEVELS = [RegionLevel.TOWNSHIP, RegionLevel.COUNTY] as const;
export type EscalationLevel = (typeof ESCALATION_LEVELS)[number];

/**
 * A case 案件 of the six-step procedure (DOMAIN.md). It belongs to a registered household, or names a person whose
 * household the survey will register. county_code is the distribution column of the scale-out plan: the unique
 * keys and the events' foreign key include it.
 */
@Entity({ name: 'cases' })
@Unique('UQ_cases_county_id', ['countyCode', 'id'])
@Unique('UQ_cases_county_number', ['countyCode', 'caseNumber'])
@Check('CHK_cases_county_of_region', `"county_code" = left("region_code", 6)`)
@Check('CHK_cases_region_level', `length("region_code") IN (12, 15)`)
@Check('CHK_cases_status', `"status" IN (${list(ALL_CASE_STATUSES)})`)
@Check('CHK_cases_kind', `"kind" IN (${list(Object.values(CaseKind))})`)
@Check('CHK_cases_source', `"source" IN (${list(Object.values(CaseSource))})`)
@Check('CHK_cases_difficulty_kind', `"difficulty_kind" IS NULL OR "difficulty_kind" IN (${list(Object.values(DifficultyKind))})`)
@Check('CHK_cases_escalation_level', `"escalation_level" IS NULL OR "escalation_level" IN (${list(ESCALATION_LEVELS)})`)
@Check('CHK_cases_suggested_risk_types', `jsonb_typeof("suggested_risk_types") = 'array'`)
@Check('CHK_cases_version', `"version" >= 1`)
@Index('IDX_cases_household', ['countyCode', 'householdId'])
// one open case of a kind per household, however many requests arrive at once
@Index('UQ_cases_open_household', ['countyCode', 'householdId', 'kind'], {
  unique: true,
  where: '"closed_at" IS NULL AND "household_id" IS NOT NULL',
})
@Index('IDX_cases_claimant', ['claimantAccountId', 'intakeAt'])
@Index('IDX_cases_status_due', ['countyCode', 'status', 'dueDate'])
@Index('IDX_cases_assigned', ['assignedAccountId', 'status'])
// the hourly escalation scan reads only open cases
@Index('IDX_cases_escalate_at', ['escalateAt'], { where: '"closed_at" IS NULL' })
// region_code varchar_pattern_ops, created by hand in the migration: the cadre's prefix scope uses it
@Index('IDX_cases_region_pattern', { synchronize: false })
export class Case {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  /** county code, China date of intake and a number from a database sequence: 530129-20250601-000123 */
  @Column({ name: 'case_number', type: 'varchar', length: 32 })
  caseNumber: string;

  @Column({ type: 'varchar', length: 16, default: CaseKind.IDENTIFICATION })
  kind: CaseKind;

  @Column({ type: 'varchar', length: 24 })
  source: CaseSource;

  @Column({ type: 'varchar', length: 24 })
  status: CaseStatus;

  /** optimistic lock: every transition is `UPDATE ... WHERE version = :v` and bumps it */
  @Column({ type: 'integer', default: 1 })
  version: number;

  /** null while the household is not registered yet (the survey registers it and links it) */
  @Column({ name: 'household_id', type: 'uuid', nullable: true })
  householdId: string | null;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_cases_household' },
    { name: 'household_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_cases_household' },
  ])
  household?: Household;

  /** the grid (15 digits) or, when the grid is not known, the village (12) */
  @Column({ name: 'region_code', type: 'varchar', length: 15 })
  regionCode: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_cases_region' })
  region?: Region;

  /** the person the case is about: the household head, or the person a proxy named (plain, as in the registry) */
  @Column({ name: 'subject_name', type: 'varchar', length: 50, nullable: true })
  subjectName: string | null;

  /** address of a household not registered yet */
  @Column({ name: 'proposed_address', type: 'varchar', length: 200, nullable: true })
  proposedAddress: string | null;

  @Column({ name: 'difficulty_kind', type: 'varchar', length: 16, nullable: true })
  difficultyKind: DifficultyKind | null;

  @Column({ type: 'text' })
  description: string;

  /** DIFFICULTY_RISK_TYPES of the difficulty kind: a suggestion to the surveyor */
  @Column({ name: 'suggested_risk_types', type: 'jsonb', default: () => "'[]'" })
  suggestedRiskTypes: RiskType[];

  /** AES-GCM ciphertext of the contact phone (the claimant's, or the one a cadre took down) */
  @Column({ name: 'contact_phone_encrypted', type: 'text', nullable: true })
  contactPhoneEncrypted: string | null;

  @Column({ name: 'contact_phone_hash', type: 'varchar', length: 64, nullable: true })
  contactPhoneHash: string | null;

  /** 承诺授权: when the household (or the proxy for it) accepted, and which text */
  @Column({ name: 'consent_accepted_at', type: 'timestamptz', nullable: true })
  consentAcceptedAt: Date | null;

  @Column({ name: 'consent_version', type: 'varchar', length: 32, nullable: true })
  consentVersion: string | null;

  /** the citizen who raised the request (SELF, PROXY) */
  @ManyToOne(() => Account, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'claimant_account_id', foreignKeyConstraintName: 'FK_cases_claimant' })
  claimant?: Account;

  @Column({ name: 'claimant_account_id', type: 'uuid', nullable: true })
  claimantAccountId: string | null;

  /** PROXY: how the claimant relates to the person (亲属, 邻居 ...) */
  @Column({ name: 'proxy_relation', type: 'varchar', length: 32, nullable: true })
  proxyRelation: string | null;

  /** PROXY: the person's own phone, AES-GCM */
  @Column({ name: 'subject_phone_encrypted', type: 'text', nullable: true })
  subjectPhoneEncrypted: string | null;

  /** PROXY: the person's ID number when the claimant gave one, AES-GCM (for the survey), and its keyed hash */
  @Column({ name: 'subject_id_number_encrypted', type: 'text', nullable: true })
  subjectIdNumberEncrypted: string | null;

  @Column({ name: 'subject_id_number_hash', type: 'varchar', length: 64, nullable: true })
  subjectIdNumberHash: string | null;

  @Column({ name: 'created_by_account_id', type: 'uuid', nullable: true })
  createdByAccountId: string | null;

  /** the cadre who leads the case (set when the analysis sends it to survey, or when a cadre enters it) */
  @Column({ name: 'assigned_account_id', type: 'uuid', nullable: true })
  assignedAccountId: string | null;

  /** when the clue was taken in: the deadlines count from it */
  @Column({ name: 'intake_at', type: 'timestamptz' })
  intakeAt: Date;

  /** intake date in China */
  @Column({ name: 'intake_date', type: 'date' })
  intakeDate: string;

  /** intake + analysisWorkingDays working days (calendar table) */
  @Column({ name: 'analysis_due_date', type: 'date' })
  analysisDueDate: string;

  /** intake + decisionDays calendar days: the county decision is due by the end of this day */
  @Column({ name: 'due_date', type: 'date' })
  dueDate: string;

  /** intake + escalateAfterDays: from then on the open case is escalated to the level above */
  @Column({ name: 'escalate_at', type: 'timestamptz' })
  escalateAt: Date;

  @Column({ name: 'escalated_at', type: 'timestamptz', nullable: true })
  escalatedAt: Date | null;

  @Column({ name: 'escalation_level', type: 'varchar', length: 16, nullable: true })
  escalationLevel: EscalationLevel | null;

  @Column({ type: 'jsonb', nullable: true })
  analysis: AnalysisRecord | null;

  @Column({ type: 'jsonb', nullable: true })
  survey: SurveyRecord | null;

  @Column({ type: 'jsonb', nullable: true })
  publicity: PublicityRecord | null;

  @Column({ name: 'township_review', type: 'jsonb', nullable: true })
  townshipReview: TownshipReviewRecord | null;

  @Column({ name: 'county_decision', type: 'jsonb', nullable: true })
  countyDecision: CountyDecisionRecord | null;

  /** when the case reached a final status */
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
