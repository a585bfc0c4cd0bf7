import { labelOf, maskName, MonitoringTypeLabel, Role } from '@jiuzhu/shared';
import { ANONYMOUS_LABEL, seesAnonymousIdentity } from '../../common/auth/anonymity.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import type { AccountCard } from '../accounts/account-directory.service.js';
import type { NoticeDetailDto, NoticeSummaryDto, ObjectionDto } from './dto/notice.dto.js';
import { NoticePhase } from './dto/notice.dto.js';
import { Notice, NoticeDecision, NoticeKind, NoticeKindLabel } from './entities/notice.entity.js';
import type { Objection } from './entities/objection.entity.js';

/**
 * The one place notices and objections become API responses. A notice row holds nothing personal beyond the
 * masked head name, so the summary is the row; objections hide their author from the village when anonymous.
 */

export const NoticeDecisionLabel: Record<NoticeDecision, string> = {
  [NoticeDecision.CONFIRMED]: '确定为监测对象',
  [NoticeDecision.REJECTED]: '不予确定',
};

const ELIMINATION_DECISION_LABEL: Record<NoticeDecision, string> = {
  [NoticeDecision.CONFIRMED]: '风险已消除',
  [NoticeDecision.REJECTED]: '风险未消除',
};

export interface NoticeFacts {
  villageName: string;
  objectionCount: number;
  unansweredCount: number;
}

/** Phase and days left of a notice on `today` (China date); the period is start..end inclusive. */
export function noticePhase(notice: Pick<Notice, 'startDate' | 'endDate'>, today: string): { phase: NoticePhase; daysLeft: number } {
  const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
  if (today < notice.startDate) return { phase: NoticePhase.UPCOMING, daysLeft: days(notice.startDate, notice.endDate) };
  if (today > notice.endDate) return { phase: NoticePhase.ENDED, daysLeft: 0 };
  return { phase: NoticePhase.OPEN, daysLeft: days(today, notice.endDate) };
}

export function mapNotice(notice: Notice, facts: NoticeFacts, today: string): NoticeSummaryDto {
  const decisionLabels = notice.caseKind === 'ELIMINATION' ? ELIMINATION_DECISION_LABEL : NoticeDecisionLabel;
  return {
    id: notice.id,
    kind: notice.kind,
    kindLabel: NoticeKindLabel[notice.kind],
    caseKind: notice.caseKind,
    caseId: notice.caseId,
    villageCode: notice.villageCode,
    villageName: facts.villageName,
    title: notice.title,
    subjectName: notice.subjectNameMasked,
    householdSize: notice.householdSize,
    monitoringType: notice.monitoringType,
    monitoringTypeLabel: notice.monitoringType ? labelOf(MonitoringTypeLabel, notice.monitoringType) : null,
    decision: notice.decision,
    decisionLabel: notice.decision ? decisionLabels[notice.decision] : null,
    reasonBrief: notice.reasonBrief,
    startDate: notice.startDate,
    endDate: notice.endDate,
    ...noticePhase(notice, today),
    objectionCount: facts.objectionCount,
    unansweredCount: facts.unansweredCount,
    createdAt: notice.createdAt.toISOString(),
  };
}

/**
 * An objection for `viewer`. Anonymous: 匿名 to everyone but the author, county officers and administrators.
 * Named: citizens see other people's names masked; cadres see the account's display name.
 */
export function mapObjection(objection: Objection, viewer: AuthUser, accounts: Map<string, AccountCard>): ObjectionDto {
  const mine = objection.authorAccountId === viewer.accountId;
  const identityVisible = mine || !objection.anonymous || seesAnonymousIdentity(viewer.role);
  const author = accounts.get(objection.authorAccountId);
  const plainName = author?.displayName ?? '';
  let authorName = ANONYMOUS_LABEL;
  if (identityVisible) authorName = viewer.role === Role.CITIZEN && !mine ? maskName(plainName) : plainName;
  if (objection.anonymous && identityVisible && !mine) authorName = `${authorName}（对村匿名）`;
  return {
    id: objection.id,
    noticeId: objection.noticeId,
    anonymous: objection.anonymous,
    authorName,
    authorAccountId: identityVisible && (mine || viewer.role !== Role.CITIZEN) ? objection.authorAccountId : null,
    authorRole: identityVisible ? objection.authorRole : null,
    mine,
    reason: objection.reason,
    answer: objection.answer,
    answeredByName: objection.answeredBy ? (accounts.get(objection.answeredBy)?.displayName ?? null) : null,
    answeredAt: objection.answeredAt?.toISOString() ?? null,
    createdAt: objection.createdAt.toISOString(),
  };
}

export function mapNoticeDetail(
  notice: Notice,
  facts: NoticeFacts,
  today: string,
  objections: ObjectionDto[],
  rights: { canObject: boolean; canAnswer: boolean },
): NoticeDetailDto {
  return { ...mapNotice(notice, facts, today), ...rights, objections };
}

/** Audit snapshot of a notice (already free of personal data). */
export function noticeAuditSnapshot(notice: Notice): Record<string, unknown> {
  return {
    kind: notice.kind,
    caseId: notice.caseId,
    villageCode: notice.villageCode,
    subjectName: notice.subjectNameMasked,
    householdSize: notice.householdSize,
    monitoringType: notice.monitoringType,
    decision: notice.decision,
    reasonBrief: notice.reasonBrief,
    startDate: notice.startDate,
    endDate: notice.endDate,
  };
}

export const isPublicity = (notice: Notice) => notice.kind === NoticeKind.PUBLICITY;
