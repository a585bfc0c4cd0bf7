import { CaseAction, CaseKind, CaseStatus } from '../enums/case.js';
import { Role } from '../enums/role.js';

/** One row of a workflow table: from `from`, `action` by one of `roles` leads to `to`, carrying `requires`. */
export interface WorkflowTransition {
  readonly from: CaseStatus;
  readonly action: CaseAction;
  readonly to: CaseStatus;
  readonly roles: readonly Role[];
  /** Payload fields the action must carry (non-empty). */
  readonly requires: readonly string[];
}

export type Workflow = readonly WorkflowTransition[];

// DOMAIN: "the village and township look at what is known" in step 2.
const ANALYZE_ROLES = [Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER] as const;
const SURVEY_ROLES = [Role.GRID_WORKER, Role.VILLAGE_CADRE] as const;
const VILLAGE_ROLES = [Role.VILLAGE_CADRE] as const;
const TOWNSHIP_ROLES = [Role.TOWNSHIP_REVIEWER] as const;
const COUNTY_ROLES = [Role.COUNTY_OFFICER] as const;
// The citizen who raised the request (the server checks it is theirs), or the village cadre on their behalf.
const WITHDRAW_ROLES = [Role.CITIZEN, Role.VILLAGE_CADRE] as const;

const PUBLICIZE_START_REQUIRES = ['appraisalDate', 'appraisalResult', 'noticeStartDate', 'noticeDays'] as const;

/** 识别: the six-step identification procedure (ARCHITECTURE.md, "The workflow"). */
export const IDENTIFICATION_WORKFLOW = [
  { from: CaseStatus.DECLARED, action: CaseAction.ANALYZE_PROCEED, to: CaseStatus.SURVEYING, roles: ANALYZE_ROLES, requires: ['reason'] },
  { from: CaseStatus.DECLARED, action: CaseAction.ANALYZE_DISMISS, to: CaseStatus.DISMISSED, roles: ANALYZE_ROLES, requires: ['reason'] },
  { from: CaseStatus.SURVEYING, action: CaseAction.SURVEY_SUBMIT, to: CaseStatus.SURVEYED, roles: SURVEY_ROLES, requires: ['survey'] },
  { from: CaseStatus.SURVEYED, action: CaseAction.PUBLICIZE_START, to: CaseStatus.PUBLICIZING, roles: VILLAGE_ROLES, requires: PUBLICIZE_START_REQUIRES },
  { from: CaseStatus.PUBLICIZING, action: CaseAction.PUBLICIZE_CLOSE, to: CaseStatus.TOWNSHIP_REVIEW, roles: VILLAGE_ROLES, requires: [] },
  { from: CaseStatus.TOWNSHIP_REVIEW, action: CaseAction.TOWNSHIP_APPROVE, to: CaseStatus.COUNTY_DECISION, roles: TOWNSHIP_ROLES, requires: ['opinion'] },
  { from: CaseStatus.TOWNSHIP_REVIEW, action: CaseAction.TOWNSHIP_RETURN, to: CaseStatus.SURVEYING, roles: TOWNSHIP_ROLES, requires: ['reason'] },
  { from: CaseStatus.COUNTY_DECISION, action: CaseAction.COUNTY_CONFIRM, to: CaseStatus.IDENTIFIED, roles: COUNTY_ROLES, requires: ['monitoringType', 'riskTypes', 'measures'] },
  { from: CaseStatus.COUNTY_DECISION, action: CaseAction.COUNTY_REJECT, to: CaseStatus.REJECTED, roles: COUNTY_ROLES, requires: ['reason'] },
  { from: CaseStatus.COUNTY_DECISION, action: CaseAction.COUNTY_RETURN, to: CaseStatus.TOWNSHIP_REVIEW, roles: COUNTY_ROLES, requires: ['reason'] },
  // Withdrawal only before the public notice starts.
  { from: CaseStatus.DECLARED, action: CaseAction.WITHDRAW, to: CaseStatus.WITHDRAWN, roles: WITHDRAW_ROLES, requires: ['reason'] },
  { from: CaseStatus.SURVEYING, action: CaseAction.WITHDRAW, to: CaseStatus.WITHDRAWN, roles: WITHDRAW_ROLES, requires: ['reason'] },
  { from: CaseStatus.SURVEYED, action: CaseAction.WITHDRAW, to: CaseStatus.WITHDRAWN, roles: WITHDRAW_ROLES, requires: ['reason'] },
] as const satisfies Workflow;

/**
 * 风险消除: a cadre opens the case in SURVEYING (visit), then the same shape as identification with its own
 * final statuses. There is no citizen requester, so only the village cadre can withdraw (a case opened by mistake).
 */
export const ELIMINATION_WORKFLOW = [
  { from: CaseStatus.SURVEYING, action: CaseAction.SURVEY_SUBMIT, to: CaseStatus.SURVEYED, roles: SURVEY_ROLES, requires: ['survey'] },
  { from: CaseStatus.SURVEYED, action: CaseAction.PUBLICIZE_START, to: CaseStatus.PUBLICIZING, roles: VILLAGE_ROLES, requires: PUBLICIZE_START_REQUIRES },
  { from: CaseStatus.PUBLICIZING, action: CaseAction.PUBLICIZE_CLOSE, to: CaseStatus.TOWNSHIP_REVIEW, roles: VILLAGE_ROLES, requires: [] },
  { from: CaseStatus.TOWNSHIP_REVIEW, action: CaseAction.TOWNSHIP_APPROVE, to: CaseStatus.COUNTY_DECISION, roles: TOWNSHIP_ROLES, requires: ['opinion'] },
  { from: CaseStatus.TOWNSHIP_REVIEW, action: CaseAction.TOWNSHIP_RETURN, to: CaseStatus.SURVEYING, roles: TOWNSHIP_ROLES, requires: ['reason'] },
  { from: CaseStatus.COUNTY_DECISION, action: CaseAction.COUNTY_CONFIRM, to: CaseStatus.ELIMINATED, roles: COUNTY_ROLES, requires: ['eliminationMethod'] },
  { from: CaseStatus.COUNTY_DECISION, action: CaseAction.COUNTY_REJECT, to: CaseStatus.NOT_ELIMINATED, roles: COUNTY_ROLES, requires: ['reason'] },
  { from: CaseStatus.COUNTY_DECISION, action: CaseAction.COUNTY_RETURN, to: CaseStatus.TOWNSHIP_REVIEW, roles: COUNTY_ROLES, requires: ['reason'] },
  { from: CaseStatus.SURVEYING, action: CaseAction.WITHDRAW, to: CaseStatus.WITHDRAWN, roles: VILLAGE_ROLES, requires: ['reason'] },
  { from: CaseStatus.SURVEYED, action: CaseAction.WITHDRAW, to: CaseStatus.WITHDRAWN, roles: VILLAGE_ROLES, requires: ['reason'] },
] as const satisfies Workflow;

/** The status a new case of this kind starts in. */
export const INITIAL_CASE_STATUS: Readonly<Record<CaseKind, CaseStatus>> = Object.freeze({
  [CaseKind.IDENTIFICATION]: CaseStatus.DECLARED,
  [CaseKind.ELIMINATION]: CaseStatus.SURVEYING,
});
