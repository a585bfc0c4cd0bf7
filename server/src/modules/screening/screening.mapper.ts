import { HouseholdType, maskIdNumber, maskPhone, MonitoringType, Relation, RiskType } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type {
  ScreeningAnswersDto,
  ScreeningHouseholdCardDto,
  ScreeningMemberCardDto,
  ScreeningResultDto,
  ScreeningTaskCardDto,
} from './dto/screening.dto.js';
import { ConflictReasonLabel, ScreeningChecklist, ScreeningResult } from './entities/screening-result.entity.js';
import { ScreeningReasonLabel, ScreeningTask, ScreeningTaskStatusLabel } from './entities/screening-task.entity.js';

/**
 * The one place screening records become API responses. The task cards go to phones that keep them offline, so a
 * member carries its name, relation, masked ID number and age only: never health, never the whole ID number or
 * phone (issue 5: "data kept on the phone is masked like the lists").
 */

/** A member with its ID number decrypted (never leaves the service unmapped). */
export interface MemberCardPlain {
  name: string;
  relation: Relation;
  idNumber: string | null;
  birthDate: string | null;
}

/** A household with its phone decrypted and its members. */
export interface HouseholdCardPlain {
  id: string;
  householdNumber: string;
  address: string;
  householdType: HouseholdType;
  monitoringType: MonitoringType | null;
  riskTypes: RiskType[];
  phone: string | null;
  version: number;
  headMemberId: string | null;
  members: (MemberCardPlain & { id: string })[];
}

/** Whole years between a birth date and a date ('YYYY-MM-DD'). */
export function ageOn(birthDate: string | null, today: string): number | null {
  if (!birthDate) return null;
  const [by, bm, bd] = birthDate.slice(0, 10).split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

export function mapMemberCard(member: MemberCardPlain, today: string): ScreeningMemberCardDto {
  return {
    name: member.name,
    relation: member.relation,
    idNumberMasked: maskIdNumber(member.idNumber),
    age: ageOn(member.birthDate, today),
  };
}

export function mapHouseholdCard(household: HouseholdCardPlain, today: string): ScreeningHouseholdCardDto {
  return {
    id: household.id,
    householdNumber: household.householdNumber,
    headName: household.members.find((m) => m.id === household.headMemberId)?.name ?? null,
    address: household.address,
    householdType: household.householdType,
    monitoringType: household.monitoringType,
    riskTypes: household.riskTypes ?? [],
    memberCount: household.members.length,
    members: household.members.map((m) => mapMemberCard(m, today)),
    phoneMasked: household.phone ? maskPhone(household.phone) : null,
    version: household.version,
  };
}

const checklistOf = (c: ScreeningChecklist): ScreeningChecklist => ({
  food: c.food,
  clothing: c.clothing,
  compulsoryEducation: c.compulsoryEducation,
  basicMedical: c.basicMedical,
  housingSafety: c.housingSafety,
  drinkingWater: c.drinkingWater,
});

export function mapAnswers(result: ScreeningResult): ScreeningAnswersDto {
  return {
    month: result.month,
    visitedAt: result.visitedAt.toISOString(),
    contactMode: result.contactMode,
    anyoneHome: result.anyoneHome,
    checklist: checklistOf(result.checklist),
    incomeChanged: result.incomeChanged,
    riskTypes: result.riskTypes ?? [],
    note: result.note,
  };
}

export function mapResult(result: ScreeningResult, viewer: AuthUser, workerNames: Map<string, string>): ScreeningResultDto {
  return {
    ...mapAnswers(result),
    id: result.id,
    clientId: result.clientId,
    taskId: result.taskId,
    householdId: result.householdId,
    gridCode: result.gridCode,
    workerAccountId: result.workerAccountId,
    workerName: workerNames.get(result.workerAccountId) ?? '',
    mine: result.workerAccountId === viewer.accountId,
    incomeNote: result.incomeNote,
    photoFileIds: result.photoFileIds ?? [],
    location: result.location ?? null,
    baseHouseholdVersion: result.baseHouseholdVersion,
    hasRisk: result.hasRisk,
    conflict: result.conflict,
    conflictReason: result.conflictReason,
    conflictReasonLabel: result.conflictReason ? ConflictReasonLabel[result.conflictReason] : null,
    resolution: result.resolution,
    resolvedBy: result.resolvedBy,
    resolvedAt: result.resolvedAt?.toISOString() ?? null,
    resolutionNote: result.resolutionNote,
    caseId: result.caseId,
    createdAt: result.createdAt.toISOString(),
  };
}

export function mapTaskCard(
  task: ScreeningTask,
  household: ScreeningHouseholdCardDto,
  lastResult: ScreeningResult | null,
  result: ScreeningResultDto | null,
): ScreeningTaskCardDto {
  return {
    id: task.id,
    month: task.month,
    status: task.status,
    statusLabel: ScreeningTaskStatusLabel[task.status],
    gridCode: task.gridCode,
    reason: task.reason,
    reasonLabel: ScreeningReasonLabel[task.reason],
    household,
    lastResult: lastResult ? mapAnswers(lastResult) : null,
    result,
  };
}

/** Audit snapshot of a result: the answers and the flags; no personal data (none is in a result but the note). */
export function resultAuditSnapshot(result: ScreeningResult): Record<string, unknown> {
  return {
    taskId: result.taskId,
    householdId: result.householdId,
    month: result.month,
    clientId: result.clientId,
    visitedAt: result.visitedAt.toISOString(),
    contactMode: result.contactMode,
    anyoneHome: result.anyoneHome,
    checklist: result.checklist,
    incomeChanged: result.incomeChanged,
    riskTypes: result.riskTypes,
    photoCount: result.photoFileIds?.length ?? 0,
    hasRisk: result.hasRisk,
    conflict: result.conflict,
    conflictReason: result.conflictReason,
    resolution: result.resolution,
    caseId: result.caseId,
  };
}
