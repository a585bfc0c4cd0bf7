import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { MAX_RISK_TYPES, RiskType } from '@jiuzhu/shared';
import { Account } from '../../accounts/entities/account.entity.js';
import { Household } from '../../households/entities/household.entity.js';
import { MONTH_CHECK } from './screening-round.entity.js';
import { ScreeningTask } from './screening-task.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export enum ContactMode {
  VISIT = 'VISIT',
  PHONE = 'PHONE',
}

export const ContactModeLabel: Record<ContactMode, string> = {
  [ContactMode.VISIT]: '入户走访',
  [ContactMode.PHONE]: '电话联系',
};

/** 两不愁三保障 and drinking water: true = secure (有保障), false = a problem. */
export interface ScreeningChecklist {
  food: boolean;
  clothing: boolean;
  compulsoryEducation: boolean;
  basicMedical: boolean;
  housingSafety: boolean;
  drinkingWater: boolean;
}

export const CHECKLIST_KEYS = ['food', 'clothing', 'compulsoryEducation', 'basicMedical', 'housingSafety', 'drinkingWater'] as const;

export const ChecklistLabel: Record<(typeof CHECKLIST_KEYS)[number], string> = {
  food: '不愁吃',
  clothing: '不愁穿',
  compulsoryEducation: '义务教育有保障',
  basicMedical: '基本医疗有保障',
  housingSafety: '住房安全有保障',
  drinkingWater: '饮水安全有保障',
};

export interface ScreeningLocation {
  latitude: number;
  longitude: number;
  accuracy?: number | null;
}

export enum ConflictReason {
  /** the household record changed after the worker downloaded it (households.version > base_household_version) */
  HOUSEHOLD_CHANGED = 'HOUSEHOLD_CHANGED',
  /** another account had already stored a result for this task */
  ALREADY_SCREENED = 'ALREADY_SCREENED',
}

export const ConflictReasonLabel: Record<ConflictReason, string> = {
  [ConflictReason.HOUSEHOLD_CHANGED]: '下载后该户信息已被他人修改',
  [ConflictReason.ALREADY_SCREENED]: '本月已有其他人提交了该户的筛查结果',
};

export enum ScreeningResolution {
  KEPT = 'KEPT',
  DISCARDED = 'DISCARDED',
}

/**
 * One visit or call of a screening task, as the worker recorded it (often offline, sent later). Stored once per
 * (worker, client id): a replay finds it. A result that met a changed household or another worker's result is kept
 * with conflict = true until the worker keeps or discards it; nothing is dropped.
 */
@Entity({ name: 'screening_results' })
@Unique('UQ_screening_results_county_id', ['countyCode', 'id'])
// the client's id is unique per account (an account works in one county, so it never meets another county's row)
@Unique('UQ_screening_results_worker_client', ['workerAccountId', 'clientId'])
@Check('CHK_screening_results_month', MONTH_CHECK('month'))
@Check('CHK_screening_results_contact_mode', `"contact_mode" IN (${list(Object.values(ContactMode))})`)
@Check('CHK_screening_results_checklist', `jsonb_typeof("checklist") = 'object'`)
@Check(
  'CHK_screening_results_risk_types',
  `jsonb_typeof("risk_types") = 'array' AND jsonb_array_length("risk_types") <= ${MAX_RISK_TYPES}`,
)
@Check('CHK_screening_results_photos', `jsonb_typeof("photo_file_ids") = 'array' AND jsonb_array_length("photo_file_ids") <= 9`)
@Check('CHK_screening_results_conflict_reason', `("conflict_reason" IS NULL) = (NOT "conflict") AND ("conflict_reason" IS NULL OR "conflict_reason" IN (${list(Object.values(ConflictReason))}))`)
@Check(
  'CHK_screening_results_resolution',
  `("resolution" IS NULL OR ("conflict" AND "resolution" IN (${list(Object.values(ScreeningResolution))}))) AND ("resolution" IS NULL) = ("resolved_at" IS NULL)`,
)
@Index('IDX_screening_results_task', ['countyCode', 'taskId', 'createdAt'])
@Index('IDX_screening_results_household', ['countyCode', 'householdId', 'visitedAt'])
@Index('IDX_screening_results_open_conflicts', ['countyCode', 'gridCode'], { where: '"conflict" AND "resolution" IS NULL' })
export class ScreeningResult {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'county_code', type: 'varchar', length: 6 })
  countyCode: string;

  @Column({ name: 'task_id', type: 'uuid' })
  taskId: string;

  @ManyToOne(() => ScreeningTask, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_screening_results_task' },
    { name: 'task_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_screening_results_task' },
  ])
  task?: ScreeningTask;

  @Column({ name: 'household_id', type: 'uuid' })
  householdId: string;

  @ManyToOne(() => Household, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn([
    { name: 'county_code', referencedColumnName: 'countyCode', foreignKeyConstraintName: 'FK_screening_results_household' },
    { name: 'household_id', referencedColumnName: 'id', foreignKeyConstraintName: 'FK_screening_results_household' },
  ])
  household?: Household;

  /** the task's grid and month, copied so region lists and the "last 3 months" rule read one table */
  @Column({ name: 'grid_code', type: 'varchar', length: 15 })
  gridCode: string;

  @Column({ type: 'varchar', length: 7 })
  month: string;

  /** the id the phone gave the result when it was recorded (offline queue), for replays */
  @Column({ name: 'client_id', type: 'uuid' })
  clientId: string;

  @Column({ name: 'worker_account_id', type: 'uuid' })
  workerAccountId: string;

  @ManyToOne(() => Account, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'worker_account_id', foreignKeyConstraintName: 'FK_screening_results_worker' })
  worker?: Account;

  @Column({ name: 'visited_at', type: 'timestamptz' })
  visitedAt: Date;

  @Column({ name: 'contact_mode', type: 'varchar', length: 8 })
  contactMode: ContactMode;

  @Column({ name: 'anyone_home', type: 'boolean' })
  anyoneHome: boolean;

  @Column({ type: 'jsonb' })
  checklist: ScreeningChecklist;

  @Column({ name: 'income_changed', type: 'boolean' })
  incomeChanged: boolean;

  @Column({ name: 'income_note', type: 'varchar', length: 500, nullable: true })
  incomeNote: string | null;

  /** new difficulties found (RiskType) */
  @Column({ name: 'risk_types', type: 'jsonb', default: () => "'[]'" })
  riskTypes: RiskType[];

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;

  /** uploads attached to this result (files module, entity type 'screening_result') */
  @Column({ name: 'photo_file_ids', type: 'jsonb', default: () => "'[]'" })
  photoFileIds: string[];

  @Column({ type: 'jsonb', nullable: true })
  location: ScreeningLocation | null;

  /** households.version in the worker's download */
  @Column({ name: 'base_household_version', type: 'integer' })
  baseHouseholdVersion: number;

  /** a risk type or a checklist problem: a finding (opens a case unless the household has one open) */
  @Column({ name: 'has_risk', type: 'boolean' })
  hasRisk: boolean;

  @Column({ type: 'boolean', default: false })
  conflict: boolean;

  @Column({ name: 'conflict_reason', type: 'varchar', length: 32, nullable: true })
  conflictReason: ConflictReason | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  resolution: ScreeningResolution | null;

  @Column({ name: 'resolved_by', type: 'uuid', nullable: true })
  resolvedBy: string | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolution_note', type: 'varchar', length: 500, nullable: true })
  resolutionNote: string | null;

  /** the case this finding opened (source SCREENING; cases module, no foreign key across modules) */
  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
