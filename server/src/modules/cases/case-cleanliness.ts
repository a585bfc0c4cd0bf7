import { CaseAction, CaseStatus } from '@jiuzhu/shared';
import { CHECKLIST_ITEMS, ChecklistStatus, type SurveyRecord } from './case-records.js';
import type { CaseEvent } from './entities/case-event.entity.js';
import type { Case } from './entities/case.entity.js';

/** Actions that sent a case back: a case returned once is read on its own, never approved in a batch. */
const RETURN_ACTIONS: readonly string[] = [CaseAction.TOWNSHIP_RETURN, CaseAction.COUNTY_RETURN];

/** What is missing from a survey for it to count as complete (empty: complete). */
export function surveyGaps(survey: SurveyRecord | null | undefined): string[] {
  if (!survey) return ['没有实地调查记录'];
  const gaps: string[] = [];
  if ((survey.surveyors?.length ?? 0) < 2) gaps.push('调查人员少于两人');
  if (!survey.membersConfirmed) gaps.push('家庭成员未逐一核实');
  if (typeof survey.perCapitaNetIncome !== 'number') gaps.push('没有人均纯收入');
  const missing = CHECKLIST_ITEMS.filter((item) => {
    const entry = survey.checklist?.[item];
    return !entry || !Object.values(ChecklistStatus).includes(entry.status);
  });
  if (missing.length) gaps.push('两不愁三保障及饮水安全未填全');
  return gaps;
}

/**
 * Why a case may not be approved in a batch by the township (empty: it is "clean"). Clean means: waiting for the
 * township's review, never sent back by the township or the county, a complete survey (two surveyors or more, the
 * members checked, the income computed, the whole checklist), and no objection to its notice left unanswered.
 */
export function notCleanReasons(c: Case, events: CaseEvent[], objections: { unanswered: number } | undefined): string[] {
  const reasons: string[] = [];
  if (c.status !== CaseStatus.TOWNSHIP_REVIEW) reasons.push('不在乡镇审核环节');
  if (events.some((e) => e.caseId === c.id && RETURN_ACTIONS.includes(e.action))) reasons.push('曾被退回，须逐件审核');
  const gaps = surveyGaps(c.survey);
  if (gaps.length) reasons.push(`调查不完整（${gaps.join('、')}）`);
  if (objections && objections.unanswered > 0) reasons.push(`有${objections.unanswered}条异议未答复`);
  return reasons;
}
