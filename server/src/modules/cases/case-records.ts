import type { MeasureType, MonitoringType, RiskType } from '@jiuzhu/shared';

/**
 * What each step of the six-step procedure records on the case (typed jsonb columns of `cases`). The latest
 * record of each step lives on the case; every earlier one stays in the case's events (a survey redone after a
 * return, a county return).
 */

/** 两不愁三保障 + 饮水: the checklist of the field survey. */
export enum ChecklistItem {
  FOOD = 'FOOD',
  CLOTHING = 'CLOTHING',
  COMPULSORY_EDUCATION = 'COMPULSORY_EDUCATION',
  BASIC_MEDICAL = 'BASIC_MEDICAL',
  HOUSING_SAFETY = 'HOUSING_SAFETY',
  DRINKING_WATER = 'DRINKING_WATER',
}

export const ChecklistItemLabel: Record<ChecklistItem, string> = {
  [ChecklistItem.FOOD]: '不愁吃',
  [ChecklistItem.CLOTHING]: '不愁穿',
  [ChecklistItem.COMPULSORY_EDUCATION]: '义务教育有保障',
  [ChecklistItem.BASIC_MEDICAL]: '基本医疗有保障',
  [ChecklistItem.HOUSING_SAFETY]: '住房安全有保障',
  [ChecklistItem.DRINKING_WATER]: '饮水安全有保障',
};

export const CHECKLIST_ITEMS: readonly ChecklistItem[] = Object.freeze(Object.values(ChecklistItem));

export enum ChecklistStatus {
  OK = 'OK',
  PROBLEM = 'PROBLEM',
}

/** Where the per-capita income stands against the monitoring line in force on the visit date. */
export enum LineComparison {
  BELOW = 'BELOW',
  AT_OR_ABOVE = 'AT_OR_ABOVE',
}

export interface AnalysisRecord {
  decision: 'PROCEED' | 'DISMISS';
  reason: string;
  /** what was looked at: the registry, department data, a phone call ... */
  checked: string[];
  byAccountId: string;
  at: string;
}

/** Yuan, two decimals, over the last 12 months. */
export interface IncomeRecord {
  /** 工资性收入 */
  wage: number;
  /** 生产经营性收入 */
  business: number;
  /** 财产性收入 */
  property: number;
  /** 转移性收入 */
  transfer: number;
  /** 生产经营性支出 */
  businessCost: number;
  /** 理赔收入 (kept apart, not in the net income) */
  insurancePayout: number;
  /** 合规自付支出 (medical and school costs paid by the household; kept apart) */
  compliantOutOfPocket: number;
}

export interface SurveyRecord {
  /** 1 for the first survey, 2 after a return ... */
  round: number;
  surveyors: { accountId: string; name: string; role: string }[];
  visitDate: string;
  /** members counted at the visit (the income is divided by it) */
  memberCount: number;
  /** members in the registry at the time, when the household was registered */
  registryMemberCount: number | null;
  membersConfirmed: boolean;
  membersNote: string | null;
  income: IncomeRecord;
  /** 家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出 */
  householdNetIncome: number;
  /** 人均纯收入 = 家庭纯收入 ÷ members */
  perCapitaNetIncome: number;
  monitoringLine: { year: number; amount: number; regionCode: string };
  comparison: LineComparison;
  checklist: Record<ChecklistItem, { status: ChecklistStatus; note: string | null }>;
  fileIds: string[];
  location: { lat: number; lng: number } | null;
  findings: string | null;
  byAccountId: string;
  at: string;
}

export interface PublicityRecord {
  appraisalDate: string;
  appraisalResult: string;
  noticeStartDate: string;
  noticeDays: number;
  noticeEndDate: string;
  noticeId: string;
  proposedMonitoringType: MonitoringType;
  reasonBrief: string;
  startedByAccountId: string;
  startedAt: string;
  closedByAccountId: string | null;
  closedAt: string | null;
}

export interface TownshipReviewRecord {
  decision: 'APPROVE' | 'RETURN';
  /** the opinion (approve) or the reason (return) */
  text: string;
  byAccountId: string;
  at: string;
}

export interface HelpMeasureRecord {
  type: MeasureType;
  content: string;
  responsible: string;
  dueDate: string;
}

export interface CountyDecisionRecord {
  decision: 'CONFIRM' | 'REJECT' | 'RETURN';
  /** the opinion (confirm) or the reason (reject, return) */
  text: string;
  monitoringType: MonitoringType | null;
  riskTypes: RiskType[];
  measures: HelpMeasureRecord[];
  identifiedMonth: string | null;
  resultNoticeId: string | null;
  byAccountId: string;
  at: string;
}
