import { HealthStatus, maskIdNumber, maskPhone, Role } from '@jiuzhu/shared';
import type { HouseholdDetailDto, HouseholdSummaryDto, MemberDto } from './dto/household.dto.js';
import type { Household } from './entities/household.entity.js';
import type { Member } from './entities/member.entity.js';

/**
 * The one place registry records become API responses (STYLE.md: responses are mapped, never raw entities).
 * The service decrypts; this file decides what of the plain values leaves the server:
 * - ID numbers and phones always masked (the full ID number has its own audited endpoint);
 * - health (personal health data) only to the roles that work cases and visits.
 */

/** Roles shown a member's health status: the ones who screen, survey, review and decide cases. */
export const HEALTH_VIEWER_ROLES: readonly Role[] = Object.freeze([
  Role.GRID_WORKER,
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
]);

export const canSeeHealth = (role: Role | null) => role !== null && HEALTH_VIEWER_ROLES.includes(role);

/** A member with its personal fields decrypted (never leaves the service unmapped). */
export interface MemberPlain {
  entity: Member;
  idNumber: string;
  phone: string | null;
  health: HealthStatus | null;
}

/** A household with its phone decrypted and the facts a list shows. */
export interface HouseholdPlain {
  entity: Household;
  phone: string | null;
  regionName: string;
  headName: string | null;
  memberCount: number;
}

const iso = (date: Date) => date.toISOString();

/** `viewer` null: the audit snapshot (masked, no health at all). */
export function mapMember(member: MemberPlain, viewer: Role | null): MemberDto {
  const m = member.entity;
  const healthVisible = canSeeHealth(viewer);
  return {
    id: m.id,
    householdId: m.householdId,
    name: m.name,
    idNumberMasked: maskIdNumber(member.idNumber),
    relation: m.relation,
    sex: m.sex,
    birthDate: m.birthDate,
    ethnicity: m.ethnicity,
    education: m.education,
    schooling: m.schooling,
    healthVisible,
    health: healthVisible ? member.health : null,
    labourCapacity: m.labourCapacity,
    workPlace: m.workPlace,
    workMonths: m.workMonths,
    medicalInsurance: m.medicalInsurance,
    seriousIllnessInsurance: m.seriousIllnessInsurance,
    pensionInsurance: m.pensionInsurance,
    safetyNet: m.safetyNet,
    publicWelfareJob: m.publicWelfareJob,
    phoneMasked: member.phone ? maskPhone(member.phone) : null,
    version: m.version,
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  };
}

export function mapHousehold(household: HouseholdPlain): HouseholdSummaryDto {
  const h = household.entity;
  return {
    id: h.id,
    householdNumber: h.householdNumber,
    regionCode: h.regionCode,
    regionName: household.regionName,
    address: h.address,
    headMemberId: h.headMemberId,
    headName: household.headName,
    memberCount: household.memberCount,
    phoneMasked: household.phone ? maskPhone(household.phone) : null,
    householdType: h.householdType,
    monitoringType: h.monitoringType,
    riskTypes: h.riskTypes ?? [],
    identifiedMonth: h.identifiedMonth ?? null,
    noLabourCapacity: h.noLabourCapacity,
    relocated: h.relocated,
    version: h.version,
    createdAt: iso(h.createdAt),
    updatedAt: iso(h.updatedAt),
  };
}

export function mapHouseholdDetail(household: HouseholdPlain, members: MemberPlain[], viewer: Role): HouseholdDetailDto {
  return { ...mapHousehold(household), members: members.map((m) => mapMember(m, viewer)) };
}

/** Masked snapshots for audit rows' before/after: no ID number, phone or health in the clear. */
export function memberAuditSnapshot(member: MemberPlain): Record<string, unknown> {
  const { health, healthVisible, createdAt, updatedAt, ...rest } = mapMember(member, null);
  return rest;
}

export function householdAuditSnapshot(household: HouseholdPlain, members?: MemberPlain[]): Record<string, unknown> {
  const { createdAt, updatedAt, regionName, ...rest } = mapHousehold(household);
  return members ? { ...rest, members: members.map(memberAuditSnapshot) } : rest;
}
