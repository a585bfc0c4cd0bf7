import { maskName, MeasureType, MeasureTypeLabel, Relation, RelationLabel } from '@jiuzhu/shared';
import type { QualityCheckDto, QualityCheckCountDto, QualityFindingDto, QualityRunDto } from './dto/quality.dto.js';
import { QualityRun, QualityRunStatusLabel, QualityRunTriggerLabel } from './entities/quality-run.entity.js';
import { QUALITY_CHECK_BY_CODE, QUALITY_CHECKS, QualityCheck, QualityCheckCode } from './quality-checks.js';

/**
 * The one place quality records become API responses and export rows. Findings carry masked names only (masked when
 * the run stored them); the head's name is masked here.
 */

export function mapCheck(check: QualityCheck): QualityCheckDto {
  return { code: check.code, title: check.title, fix: check.fix, basis: check.basis, waitsFor: check.waitsFor, decrypts: check.decrypts };
}

/** The run with the counts of the part the caller sees (`scope`: the run region or, inside it, the caller's). */
export function mapRun(
  run: QualityRun,
  view: { regionName: string | null; scope: string; counts: Record<string, number> },
): QualityRunDto {
  const counts: QualityCheckCountDto[] = QUALITY_CHECKS.map((c) => ({ check: c.code, title: c.title, count: view.counts[c.code] ?? 0 }));
  return {
    id: run.id,
    regionCode: run.regionCode,
    regionName: view.regionName,
    runDate: String(run.runDate).slice(0, 10),
    trigger: run.trigger,
    triggerLabel: QualityRunTriggerLabel[run.trigger],
    status: run.status,
    statusLabel: QualityRunStatusLabel[run.status],
    recheckIdNumbers: run.recheckIdNumbers,
    attempt: run.attempt,
    countiesTotal: run.countiesTotal,
    countiesDone: run.countiesDone,
    scopeRegionCode: view.scope,
    total: counts.reduce((sum, c) => sum + c.count, 0),
    counts,
    idNumbersRechecked: run.idNumbersRechecked,
    error: run.error,
    createdAt: new Date(run.createdAt).toISOString(),
    startedAt: run.startedAt ? new Date(run.startedAt).toISOString() : null,
    finishedAt: run.finishedAt ? new Date(run.finishedAt).toISOString() : null,
  };
}

/** A finding as read by the list and the export query. */
export interface FindingRow {
  id: string;
  run_id: string;
  check_code: string;
  details: Record<string, unknown> | null;
  region_code: string;
  household_id: string;
  household_number: string;
  head_name: string | null;
  county_name: string | null;
  township_name: string | null;
  village_name: string | null;
}

interface MemberDetail {
  name?: string;
  relation?: string;
  otherHouseholdNumbers?: string[];
  reasons?: string[];
}

const relationOf = (relation: unknown) => RelationLabel[relation as Relation] ?? '成员';
const memberLabel = (m: MemberDetail) => `${m.name || '（无姓名）'}（${relationOf(m.relation)}）`;
const measureList = (types: unknown) => {
  const list = Array.isArray(types) ? (types as MeasureType[]).map((t) => MeasureTypeLabel[t] ?? t) : [];
  return list.length ? list.join('、') : '无';
};
const yuan = (value: unknown) => (value === null || value === undefined ? null : Number(value));

/** 说明: the household's own case of the problem, in one sentence. */
export function describeFinding(code: string, details: Record<string, unknown> | null): string {
  const d = details ?? {};
  const members = (Array.isArray(d.members) ? d.members : []) as MemberDetail[];
  switch (code as QualityCheckCode) {
    case QualityCheckCode.ID_NUMBER_MISSING:
      return `${members.map(memberLabel).join('、')}的证件号码缺失或损坏`;
    case QualityCheckCode.ID_NUMBER_DUPLICATE:
      return members
        .map((m) => `${memberLabel(m)}的证件号码与${(m.otherHouseholdNumbers ?? []).map((n) => `户${n}`).join('、') || '另一户'}的成员重复`)
        .join('；');
    case QualityCheckCode.ID_NUMBER_INVALID:
      return members.map((m) => `${memberLabel(m)}：${(m.reasons ?? []).join('，')}`).join('；');
    case QualityCheckCode.WATER_RISK_WITHOUT_MEASURE:
    case QualityCheckCode.HOUSING_RISK_WITHOUT_MEASURE: {
      const risk = code === QualityCheckCode.WATER_RISK_WITHOUT_MEASURE ? '因安全饮水' : '因安全住房';
      return d.planFound ? `风险类型有${risk}；现有帮扶措施：${measureList(d.measureTypes)}` : `风险类型有${risk}；没有帮扶措施记录`;
    }
    case QualityCheckCode.ILLNESS_WITHOUT_MEDICAL_COST:
      return d.surveyDate
        ? `风险类型有因病；最近一次实地调查（${d.surveyDate}）的合规自付支出为${yuan(d.compliantOutOfPocket) ?? 0}元`
        : '风险类型有因病；没有实地调查的收支记录';
    case QualityCheckCode.LABOUR_RISK_WITH_WORKERS:
      return `风险类型有缺劳动力；家庭${d.members}人，其中有劳动能力的${d.workers}人`;
    case QualityCheckCode.NO_DEVELOPMENTAL_MEASURE:
      return `${d.identifiedMonth}纳入监测，有劳动能力的成员${d.workers}人；${d.planFound ? `现有帮扶措施：${measureList(d.measureTypes)}` : '没有帮扶措施记录'}`;
    case QualityCheckCode.JOB_MEASURE_WITHOUT_WAGE: {
      const why = [d.jobMeasure ? '有公益岗位或就业帮扶措施' : null, Number(d.welfareJobMembers) > 0 ? `${d.welfareJobMembers}名成员登记在公益岗位` : null]
        .filter(Boolean)
        .join('，');
      return `${why}；最近一次实地调查（${d.surveyDate}）的工资性收入为${yuan(d.wage) ?? 0}元`;
    }
    default:
      return '';
  }
}

export function mapFinding(row: FindingRow): QualityFindingDto {
  const check = QUALITY_CHECK_BY_CODE.get(row.check_code);
  return {
    id: row.id,
    runId: row.run_id,
    check: row.check_code as QualityCheckCode,
    title: check?.title ?? row.check_code,
    description: describeFinding(row.check_code, row.details),
    fix: check?.fix ?? '',
    household: {
      id: row.household_id,
      householdNumber: row.household_number,
      headName: row.head_name ? maskName(row.head_name) : null,
      regionCode: row.region_code,
      countyName: row.county_name,
      townshipName: row.township_name,
      villageCode: row.region_code.slice(0, 12),
      villageName: row.village_name,
    },
    details: row.details ?? {},
  };
}

/** The export's columns: 县, 乡镇, 村, 户编号, 户主, 问题, 说明 (说明 = this household's case, then what to fix). */
export function exportRow(row: FindingRow): string[] {
  const finding = mapFinding(row);
  return [
    row.county_name ?? row.region_code.slice(0, 6),
    row.township_name ?? row.region_code.slice(0, 9),
    row.village_name ?? row.region_code.slice(0, 12),
    finding.household.householdNumber,
    finding.household.headName ?? '',
    finding.title,
    `${finding.description}。${finding.fix}`,
  ];
}
