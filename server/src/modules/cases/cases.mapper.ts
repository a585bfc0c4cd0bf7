import {
  CASE_STEPS,
  CaseAction,
  CaseActionLabel,
  CaseStatus,
  CaseStatusLabel,
  CaseStep,
  CaseStepLabel,
  maskIdNumber,
  maskPhone,
  RegionLevel,
  Role,
  stepOfStatus,
} from '@jiuzhu/shared';
import { deadlineFacts } from './case-deadlines.js';
import type {
  CaseDetailDto,
  CaseEventDto,
  CaseFileDto,
  CaseHouseholdDto,
  CaseSummaryDto,
  ClaimRemarkDto,
  MyClaimDto,
} from './dto/case.dto.js';
import type { CaseEvent } from './entities/case-event.entity.js';
import type { Case } from './entities/case.entity.js';

/**
 * The one place cases become API responses. The services decrypt; this file decides what leaves the server:
 * phones and ID numbers masked always, event payloads as stored (they are masked when written).
 */

/** Timeline actions that are not workflow actions. */
export const CREATE_EVENT = 'create';
export const ESCALATE_EVENT = 'escalate';

const iso = (date: Date | null) => (date ? date.toISOString() : null);

/** The personal fields of a case, decrypted by the service (never leaves unmapped). */
export interface CasePlain {
  entity: Case;
  contactPhone: string | null;
  subjectPhone: string | null;
  subjectIdNumber: string | null;
  regionName: string;
}

/** The step a case is at; a withdrawn case is at the step it was withdrawn from (its last event). */
export function stepOf(c: Case, events?: CaseEvent[]): CaseStep | null {
  const step = stepOfStatus(c.status);
  if (step || c.status !== CaseStatus.WITHDRAWN || !events?.length) return step;
  const withdrawal = [...events].reverse().find((e) => e.toStatus === CaseStatus.WITHDRAWN);
  return withdrawal?.fromStatus ? stepOfStatus(withdrawal.fromStatus) : null;
}

export function mapCaseSummary(plain: CasePlain, today: string, events?: CaseEvent[]): CaseSummaryDto {
  const c = plain.entity;
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    kind: c.kind,
    source: c.source,
    status: c.status,
    step: stepOf(c, events),
    regionCode: c.regionCode,
    regionName: plain.regionName,
    householdId: c.householdId,
    subjectName: c.subjectName,
    difficultyKind: c.difficultyKind,
    intakeAt: c.intakeAt.toISOString(),
    dueDate: c.dueDate,
    analysisDueDate: c.analysisDueDate,
    ...deadlineFacts(c, today),
    escalationLevel: c.escalationLevel,
    escalatedAt: iso(c.escalatedAt),
    assignedAccountId: c.assignedAccountId,
    closedAt: iso(c.closedAt),
    version: c.version,
    updatedAt: c.updatedAt.toISOString(),
  };
}

export function eventLabel(action: string): string {
  if (action === CREATE_EVENT) return '受理';
  if (action === ESCALATE_EVENT) return '超期上报';
  return CaseActionLabel[action as CaseAction] ?? action;
}

export function mapCaseEvent(event: CaseEvent, actorNames: Map<string, string>): CaseEventDto {
  return {
    id: event.id,
    action: event.action,
    actionLabel: eventLabel(event.action),
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    actorAccountId: event.actorAccountId,
    actorName: event.actorAccountId ? (actorNames.get(event.actorAccountId) ?? null) : null,
    actorRole: (event.actorRole as Role | null) ?? null,
    payload: event.payload ?? {},
    at: event.at.toISOString(),
  };
}

export function mapCaseDetail(
  plain: CasePlain,
  today: string,
  extra: {
    events: CaseEvent[];
    actorNames: Map<string, string>;
    attachments: CaseFileDto[];
    household: CaseHouseholdDto | null;
    allowedActions: CaseAction[];
  },
): CaseDetailDto {
  const c = plain.entity;
  return {
    ...mapCaseSummary(plain, today, extra.events),
    description: c.description,
    suggestedRiskTypes: c.suggestedRiskTypes ?? [],
    contactPhoneMasked: plain.contactPhone ? maskPhone(plain.contactPhone) : null,
    consentAcceptedAt: iso(c.consentAcceptedAt),
    consentVersion: c.consentVersion,
    claimantAccountId: c.claimantAccountId,
    proxyRelation: c.proxyRelation,
    subjectPhoneMasked: plain.subjectPhone ? maskPhone(plain.subjectPhone) : null,
    subjectIdNumberMasked: plain.subjectIdNumber ? maskIdNumber(plain.subjectIdNumber) : null,
    proposedAddress: c.proposedAddress,
    household: extra.household,
    analysis: (c.analysis as unknown as Record<string, unknown>) ?? null,
    survey: (c.survey as unknown as Record<string, unknown>) ?? null,
    publicity: (c.publicity as unknown as Record<string, unknown>) ?? null,
    townshipReview: (c.townshipReview as unknown as Record<string, unknown>) ?? null,
    countyDecision: (c.countyDecision as unknown as Record<string, unknown>) ?? null,
    timeline: extra.events.map((e) => mapCaseEvent(e, extra.actorNames)),
    attachments: extra.attachments,
    allowedActions: extra.allowedActions,
  };
}

/** How the citizen app names the level that acted. */
const LEVEL_OF_ROLE: Partial<Record<Role, string>> = {
  [Role.CITIZEN]: '申请人',
  [Role.GRID_WORKER]: '村（社区）',
  [Role.VILLAGE_CADRE]: '村（社区）',
  [Role.TOWNSHIP_REVIEWER]: '乡镇',
  [Role.COUNTY_OFFICER]: '县',
};

const ESCALATION_LABEL: Record<string, string> = { [RegionLevel.TOWNSHIP]: '乡镇', [RegionLevel.COUNTY]: '县' };

const str = (value: unknown) => (typeof value === 'string' && value ? value : null);

/** The words of one event a citizen may read: opinions and reasons, dates of the notice; no survey figures. */
function remarkText(event: CaseEvent): string | null {
  const p = event.payload ?? {};
  switch (event.action) {
    case CREATE_EVENT:
      return '申请已受理';
    case CaseAction.ANALYZE_PROCEED:
    case CaseAction.ANALYZE_DISMISS:
    case CaseAction.TOWNSHIP_RETURN:
    case CaseAction.COUNTY_REJECT:
    case CaseAction.COUNTY_RETURN:
    case CaseAction.WITHDRAW:
      return str(p.reason);
    case CaseAction.SURVEY_SUBMIT:
      return str(p.visitDate) ? `已于${p.visitDate}入户调查` : '已完成入户调查';
    case CaseAction.PUBLICIZE_START:
      return `公示期 ${p.noticeStartDate} 至 ${p.noticeEndDate}`;
    case CaseAction.PUBLICIZE_CLOSE:
      return '公示期满，无异议或异议已答复';
    case CaseAction.TOWNSHIP_APPROVE:
      return str(p.opinion);
    case CaseAction.COUNTY_CONFIRM:
      return str(p.opinion) ?? '经县级确定，纳入防返贫监测';
    case ESCALATE_EVENT:
      return `办理超过规定天数，已报${ESCALATION_LABEL[String(p.level)] ?? '上级'}督办`;
    default:
      return null;
  }
}

export function mapRemark(event: CaseEvent): ClaimRemarkDto {
  const role = event.actorRole as Role | null;
  return {
    step: event.fromStatus ? stepOfStatus(event.fromStatus) : CaseStep.DECLARE,
    level: role ? (LEVEL_OF_ROLE[role] ?? '工作人员') : '系统',
    action: eventLabel(event.action),
    text: remarkText(event),
    at: event.at.toISOString(),
  };
}

export function mapMyClaim(
  c: Case,
  accountId: string,
  today: string,
  events: CaseEvent[],
  allowedActions: CaseAction[],
): MyClaimDto {
  const step = stepOf(c, events);
  return {
    id: c.id,
    caseNumber: c.caseNumber,
    source: c.source,
    status: c.status,
    statusLabel: CaseStatusLabel[c.status],
    step,
    stepLabel: step ? CaseStepLabel[step] : null,
    stepNumber: step ? CASE_STEPS.indexOf(step) + 1 : null,
    relation: c.claimantAccountId === accountId ? 'CLAIMANT' : 'HOUSEHOLD',
    subjectName: c.subjectName,
    difficultyKind: c.difficultyKind,
    description: c.description,
    intakeAt: c.intakeAt.toISOString(),
    dueDate: c.dueDate,
    analysisDueDate: c.analysisDueDate,
    ...deadlineFacts(c, today),
    remarks: events.map(mapRemark),
    closedAt: iso(c.closedAt),
    allowedActions,
    version: c.version,
  };
}

/** Masked snapshot of a case for audit rows (before/after). */
export function caseAuditSnapshot(c: Case): Record<string, unknown> {
  return {
    caseNumber: c.caseNumber,
    kind: c.kind,
    source: c.source,
    status: c.status,
    version: c.version,
    householdId: c.householdId,
    regionCode: c.regionCode,
    subjectName: c.subjectName,
    difficultyKind: c.difficultyKind,
    claimantAccountId: c.claimantAccountId,
    assignedAccountId: c.assignedAccountId,
    dueDate: c.dueDate,
    escalationLevel: c.escalationLevel,
  };
}
