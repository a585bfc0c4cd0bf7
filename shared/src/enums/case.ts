import { RiskType } from './household.js';

/** 识别 (identification) or 风险消除 (risk elimination). */
export enum CaseKind {
  IDENTIFICATION = 'IDENTIFICATION',
  ELIMINATION = 'ELIMINATION',
}

export const CaseKindLabel: Record<CaseKind, string> = {
  [CaseKind.IDENTIFICATION]: '识别',
  [CaseKind.ELIMINATION]: '风险消除',
};

/** How a case started: 群众举手 (SELF), 他人代举 (PROXY), 政府托举 (the rest). */
export enum CaseSource {
  SELF = 'SELF',
  PROXY = 'PROXY',
  SCREENING = 'SCREENING',
  DEPARTMENT_WARNING = 'DEPARTMENT_WARNING',
  HOTLINE = 'HOTLINE',
  CADRE = 'CADRE',
}

export const CaseSourceLabel: Record<CaseSource, string> = {
  [CaseSource.SELF]: '群众自主申报',
  [CaseSource.PROXY]: '他人代举',
  [CaseSource.SCREENING]: '排查发现',
  [CaseSource.DEPARTMENT_WARNING]: '部门预警',
  [CaseSource.HOTLINE]: '热线',
  [CaseSource.CADRE]: '干部录入',
};

/** The six groups of difficulty a citizen picks in the mini-program. */
export enum DifficultyKind {
  LIVING = 'LIVING',
  EMPLOYMENT = 'EMPLOYMENT',
  EDUCATION = 'EDUCATION',
  MEDICAL = 'MEDICAL',
  HOUSING = 'HOUSING',
  WATER = 'WATER',
}

export const DifficultyKindLabel: Record<DifficultyKind, string> = {
  [DifficultyKind.LIVING]: '生活',
  [DifficultyKind.EMPLOYMENT]: '就业',
  [DifficultyKind.EDUCATION]: '教育',
  [DifficultyKind.MEDICAL]: '医疗',
  [DifficultyKind.HOUSING]: '住房',
  [DifficultyKind.WATER]: '饮水',
};

/** Risk types suggested to the surveyor for each difficulty the citizen picked (a suggestion, not a rule). */
export const DIFFICULTY_RISK_TYPES: Readonly<Record<DifficultyKind, readonly RiskType[]>> = Object.freeze({
  [DifficultyKind.LIVING]: [RiskType.ACCIDENT, RiskType.NATURAL_DISASTER, RiskType.BUSINESS_FAILURE, RiskType.OTHER],
  [DifficultyKind.EMPLOYMENT]: [RiskType.UNSTABLE_EMPLOYMENT],
  [DifficultyKind.EDUCATION]: [RiskType.SCHOOLING],
  [DifficultyKind.MEDICAL]: [RiskType.ILLNESS, RiskType.DISABILITY],
  [DifficultyKind.HOUSING]: [RiskType.HOUSING_SAFETY],
  [DifficultyKind.WATER]: [RiskType.DRINKING_WATER],
});

export enum CaseStatus {
  DECLARED = 'DECLARED',
  SURVEYING = 'SURVEYING',
  SURVEYED = 'SURVEYED',
  PUBLICIZING = 'PUBLICIZING',
  TOWNSHIP_REVIEW = 'TOWNSHIP_REVIEW',
  COUNTY_DECISION = 'COUNTY_DECISION',
  IDENTIFIED = 'IDENTIFIED',
  DISMISSED = 'DISMISSED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  ELIMINATED = 'ELIMINATED',
  NOT_ELIMINATED = 'NOT_ELIMINATED',
}

export const CaseStatusLabel: Record<CaseStatus, string> = {
  [CaseStatus.DECLARED]: '已申报',
  [CaseStatus.SURVEYING]: '待调查',
  [CaseStatus.SURVEYED]: '已调查',
  [CaseStatus.PUBLICIZING]: '公示中',
  [CaseStatus.TOWNSHIP_REVIEW]: '乡镇审核',
  [CaseStatus.COUNTY_DECISION]: '县级确定',
  [CaseStatus.IDENTIFIED]: '已纳入监测',
  [CaseStatus.DISMISSED]: '已结案（不纳入）',
  [CaseStatus.REJECTED]: '县级未通过',
  [CaseStatus.WITHDRAWN]: '已撤回',
  [CaseStatus.ELIMINATED]: '已消除风险',
  [CaseStatus.NOT_ELIMINATED]: '未消除',
};

/** Statuses a case never leaves. */
export const FINAL_CASE_STATUSES: readonly CaseStatus[] = Object.freeze([
  CaseStatus.IDENTIFIED,
  CaseStatus.DISMISSED,
  CaseStatus.REJECTED,
  CaseStatus.WITHDRAWN,
  CaseStatus.ELIMINATED,
  CaseStatus.NOT_ELIMINATED,
]);

/** Statuses of a case still in progress (these count towards the 15-day deadline). */
export const OPEN_CASE_STATUSES: readonly CaseStatus[] = Object.freeze([
  CaseStatus.DECLARED,
  CaseStatus.SURVEYING,
  CaseStatus.SURVEYED,
  CaseStatus.PUBLICIZING,
  CaseStatus.TOWNSHIP_REVIEW,
  CaseStatus.COUNTY_DECISION,
]);

/** The six steps (六步工作法), for progress bars. */
export enum CaseStep {
  DECLARE = 'DECLARE',
  ANALYZE = 'ANALYZE',
  SURVEY = 'SURVEY',
  PUBLICIZE = 'PUBLICIZE',
  TOWNSHIP = 'TOWNSHIP',
  COUNTY = 'COUNTY',
}

export const CaseStepLabel: Record<CaseStep, string> = {
  [CaseStep.DECLARE]: '群众自主申报',
  [CaseStep.ANALYZE]: '综合分析研判',
  [CaseStep.SURVEY]: '实地调查',
  [CaseStep.PUBLICIZE]: '评议公示',
  [CaseStep.TOWNSHIP]: '乡镇审核',
  [CaseStep.COUNTY]: '县级确定',
};

export const CASE_STEPS: readonly CaseStep[] = Object.freeze([
  CaseStep.DECLARE,
  CaseStep.ANALYZE,
  CaseStep.SURVEY,
  CaseStep.PUBLICIZE,
  CaseStep.TOWNSHIP,
  CaseStep.COUNTY,
]);

const STEP_OF_STATUS: Readonly<Record<CaseStatus, CaseStep | null>> = {
  // A declared case has finished step 1 and waits for analysis.
  [CaseStatus.DECLARED]: CaseStep.ANALYZE,
  [CaseStatus.SURVEYING]: CaseStep.SURVEY,
  // Surveyed: waiting for appraisal and notice.
  [CaseStatus.SURVEYED]: CaseStep.PUBLICIZE,
  [CaseStatus.PUBLICIZING]: CaseStep.PUBLICIZE,
  [CaseStatus.TOWNSHIP_REVIEW]: CaseStep.TOWNSHIP,
  [CaseStatus.COUNTY_DECISION]: CaseStep.COUNTY,
  [CaseStatus.IDENTIFIED]: CaseStep.COUNTY,
  [CaseStatus.REJECTED]: CaseStep.COUNTY,
  [CaseStatus.ELIMINATED]: CaseStep.COUNTY,
  [CaseStatus.NOT_ELIMINATED]: CaseStep.COUNTY,
  [CaseStatus.DISMISSED]: CaseStep.ANALYZE,
  // Withdrawal can happen at several steps; the status alone does not say which.
  [CaseStatus.WITHDRAWN]: null,
};

/**
 * The step a case in this status is at: the step whose work is pending or under way, or for a final
 * status the step that ended the case. null for WITHDRAWN (use the case's last event instead).
 */
export function stepOfStatus(status: CaseStatus): CaseStep | null {
  return STEP_OF_STATUS[status] ?? null;
}

/** Actions on a case; the values are the dotted names used in the API (`POST /cases/:id/actions`). */
export enum CaseAction {
  ANALYZE_PROCEED = 'analyze.proceed',
  ANALYZE_DISMISS = 'analyze.dismiss',
  SURVEY_SUBMIT = 'survey.submit',
  PUBLICIZE_START = 'publicize.start',
  PUBLICIZE_CLOSE = 'publicize.close',
  TOWNSHIP_APPROVE = 'township.approve',
  TOWNSHIP_RETURN = 'township.return',
  COUNTY_CONFIRM = 'county.confirm',
  COUNTY_REJECT = 'county.reject',
  COUNTY_RETURN = 'county.return',
  WITHDRAW = 'withdraw',
}

export const CaseActionLabel: Record<CaseAction, string> = {
  [CaseAction.ANALYZE_PROCEED]: '同意调查',
  [CaseAction.ANALYZE_DISMISS]: '不予受理',
  [CaseAction.SURVEY_SUBMIT]: '提交调查',
  [CaseAction.PUBLICIZE_START]: '开始公示',
  [CaseAction.PUBLICIZE_CLOSE]: '结束公示',
  [CaseAction.TOWNSHIP_APPROVE]: '乡镇同意',
  [CaseAction.TOWNSHIP_RETURN]: '乡镇退回',
  [CaseAction.COUNTY_CONFIRM]: '县级确认',
  [CaseAction.COUNTY_REJECT]: '县级不通过',
  [CaseAction.COUNTY_RETURN]: '县级退回',
  [CaseAction.WITHDRAW]: '撤回',
};
