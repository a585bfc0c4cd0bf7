import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { CaseAction, DEVELOPMENTAL_MEASURE_TYPES, MeasureTypeLabel, MonitoringTypeLabel } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isInScope } from '../../common/auth/region-scope.js';
import { addCalendarDays, Clock } from '../../common/clock.js';
import { ErrorDetail, validationFailed } from '../../common/errors/app.exception.js';
import { FilesService } from '../files/files.service.js';
import { NoticesService } from '../notices/notices.service.js';
import { SettingsService } from '../settings/settings.service.js';
import { CasePartiesService } from './case-parties.service.js';
import {
  CHECKLIST_ITEMS,
  ChecklistItem,
  ChecklistStatus,
  LineComparison,
  type AnalysisRecord,
  type CountyDecisionRecord,
  type PublicityRecord,
  type SurveyRecord,
  type TownshipReviewRecord,
} from './case-records.js';
import type {
  AnalyzeActionDto,
  CaseActionBaseDto,
  CountyConfirmActionDto,
  PublicizeCloseActionDto,
  PublicizeStartActionDto,
  ReasonActionDto,
  SurveyActionDto,
  TownshipApproveActionDto,
} from './dto/case-action.dto.js';
import type { Case } from './entities/case.entity.js';

/** What one action writes: the case columns (with the status change), the timeline payload, the claimant's remark. */
export interface StepPlan {
  changes: QueryDeepPartialEntity<Case>;
  payload: Record<string, unknown>;
  remark?: string | null;
  /**
   * Side effects once the case row is ours (after the conditional UPDATE, so a concurrent loser stops before them):
   * notices, the registry. May return more columns and payload (the notice ids).
   */
  effects?: (manager: EntityManager, updated: Case) => Promise<{ changes: QueryDeepPartialEntity<Case>; payload: Record<string, unknown> }>;
}

const cents = (yuan: number | undefined) => Math.round((yuan ?? 0) * 100);
const yuan = (value: number) => value / 100;
const VILLAGE_CODE_LENGTH = 12;

/**
 * The rules of each step (DOMAIN.md "The six-step identification procedure"): what it must record, checked
 * beyond the DTO (dates against the Clock and the case, surveyors in scope, notice days against the settings,
 * the developmental-measure rule), and what it does to notices and the registry.
 */
@Injectable()
export class CaseStepsService {
  constructor(
    private readonly clock: Clock,
    private readonly settings: SettingsService,
    private readonly notices: NoticesService,
    private readonly parties: CasePartiesService,
    private readonly files: FilesService,
  ) {}

  async plan(manager: EntityManager, user: AuthUser, c: Case, action: CaseAction, dto: CaseActionBaseDto): Promise<StepPlan> {
    switch (action) {
      case CaseAction.ANALYZE_PROCEED:
      case CaseAction.ANALYZE_DISMISS:
        return this.analyze(manager, user, c, action, dto as AnalyzeActionDto);
      case CaseAction.SURVEY_SUBMIT:
        return this.survey(manager, user, c, dto as SurveyActionDto);
      case CaseAction.PUBLICIZE_START:
        return this.publicizeStart(manager, user, c, dto as PublicizeStartActionDto);
      case CaseAction.PUBLICIZE_CLOSE:
        return this.publicizeClose(manager, user, c, dto as PublicizeCloseActionDto);
      case CaseAction.TOWNSHIP_APPROVE:
        return this.township(user, 'APPROVE', (dto as TownshipApproveActionDto).opinion);
      case CaseAction.TOWNSHIP_RETURN:
        return this.township(user, 'RETURN', (dto as ReasonActionDto).reason);
      case CaseAction.COUNTY_CONFIRM:
        return this.countyConfirm(manager, user, c, dto as CountyConfirmActionDto);
      case CaseAction.COUNTY_REJECT:
        return this.countyReject(user, c, (dto as ReasonActionDto).reason);
      case CaseAction.COUNTY_RETURN:
        return this.countyReturn(user, (dto as ReasonActionDto).reason);
      case CaseAction.WITHDRAW: {
        const reason = (dto as ReasonActionDto).reason;
        return { changes: {}, payload: { reason }, remark: reason };
      }
    }
  }

  // ---------------------------------------------------------------- step 2

  private async analyze(
    manager: EntityManager,
    user: AuthUser,
    c: Case,
    action: CaseAction,
    dto: AnalyzeActionDto,
  ): Promise<StepPlan> {
    const proceed = action === CaseAction.ANALYZE_PROCEED;
    const errors: ErrorDetail[] = [];
    if (dto.assignedAccountId) {
      if (!proceed) errors.push({ field: 'assignedAccountId', message: '不予受理时不指定负责干部' });
      else await this.parties.caseWorkers(manager, [dto.assignedAccountId], c.regionCode, () => 'assignedAccountId', errors);
    }
    if (errors.length) throw validationFailed(errors);
    const record: AnalysisRecord = {
      decision: proceed ? 'PROCEED' : 'DISMISS',
      reason: dto.reason,
      checked: dto.checked ?? [],
      byAccountId: user.accountId,
      at: this.clock.now().toISOString(),
    };
    const assigned = proceed ? (dto.assignedAccountId ?? c.assignedAccountId ?? user.accountId) : c.assignedAccountId;
    return {
      changes: { analysis: record as never, assignedAccountId: assigned },
      payload: { reason: dto.reason, checked: record.checked, ...(proceed ? { assignedAccountId: assigned } : {}) },
      remark: dto.reason,
    };
  }

  // ---------------------------------------------------------------- step 3

  private async survey(manager: EntityManager, user: AuthUser, c: Case, dto: SurveyActionDto): Promise<StepPlan> {
    const input = dto.survey;
    const errors: ErrorDetail[] = [];
    const today = this.clock.today();
    const surveyors = await this.parties.caseWorkers(manager, input.surveyorIds, c.regionCode, (i) => `survey.surveyorIds.${i}`, errors);
    if (input.visitDate > today) errors.push({ field: 'survey.visitDate', message: '入户日期不能晚于今天' });
    if (input.visitDate < c.intakeDate) errors.push({ field: 'survey.visitDate', message: `入户日期不能早于受理日期（${c.intakeDate}）` });

    // the household: the case's own, or the one registered during the survey (a proposed household)
    let householdId = c.householdId;
    let linked: Awaited<ReturnType<CasePartiesService['fromHousehold']>> = null;
    if (input.householdId && c.householdId && input.householdId !== c.householdId) {
      errors.push({ field: 'survey.householdId', message: '本案已关联登记户，不能改为其他户' });
    } else if (!c.householdId && !input.householdId) {
      errors.push({ field: 'survey.householdId', message: '该户尚未登记：请先在户籍信息中登记该户，再提交调查' });
    } else {
      householdId = c.householdId ?? input.householdId!;
      linked = await this.parties.fromHousehold(manager, householdId);
      const village = c.regionCode.slice(0, VILLAGE_CODE_LENGTH);
      if (!linked || !isInScope(user, linked.subject.regionCode) || !linked.subject.regionCode.startsWith(village)) {
        errors.push({ field: 'survey.householdId', message: '户不存在，或不在本案所在的村' });
      }
    }
    for (const item of CHECKLIST_ITEMS) {
      const entry = input.checklist?.[item];
      if (entry?.status === ChecklistStatus.PROBLEM && !entry.note) {
        errors.push({ field: `survey.checklist.${item}.note`, message: '有问题时须说明情况' });
      }
    }
    if (errors.length || !linked) throw validationFailed(errors);

    const income = input.income;
    const netCents = cents(income.wage) + cents(income.business) + cents(income.property) + cents(income.transfer) - cents(income.businessCost);
    const perCapitaCents = Math.round(netCents / input.memberCount);
    const line = await this.settings.monitoringLineAt(manager, linked.subject.regionCode, input.visitDate);
    const record: SurveyRecord = {
      round: (c.survey?.round ?? 0) + 1,
      surveyors: surveyors.map((s) => ({ accountId: s.id, name: s.displayName, role: s.role })),
      visitDate: input.visitDate,
      memberCount: input.memberCount,
      registryMemberCount: linked.facts.memberCount,
      membersConfirmed: input.membersConfirmed,
      membersNote: input.membersNote ?? null,
      income: {
        wage: income.wage,
        business: income.business,
        property: income.property,
        transfer: income.transfer,
        businessCost: income.businessCost,
        insurancePayout: income.insurancePayout ?? 0,
        compliantOutOfPocket: income.compliantOutOfPocket ?? 0,
      },
      householdNetIncome: yuan(netCents),
      perCapitaNetIncome: yuan(perCapitaCents),
      monitoringLine: { year: line.year, amount: Number(line.amount), regionCode: line.regionCode },
      comparison: perCapitaCents < cents(Number(line.amount)) ? LineComparison.BELOW : LineComparison.AT_OR_ABOVE,
      checklist: Object.fromEntries(
        CHECKLIST_ITEMS.map((item) => [item, { status: input.checklist[item].status, note: input.checklist[item].note ?? null }]),
      ) as Record<ChecklistItem, { status: ChecklistStatus; note: string | null }>,
      fileIds: input.fileIds ?? [],
      location: input.location ? { lat: input.location.lat, lng: input.location.lng } : null,
      findings: input.findings ?? null,
      byAccountId: user.accountId,
      at: this.clock.now().toISOString(),
    };
    const linking = !c.householdId;
    const { byAccountId, at, ...payload } = record;
    return {
      changes: {
        survey: record as never,
        ...(linking
          ? { householdId, regionCode: linked.subject.regionCode, subjectName: linked.subject.subjectName ?? c.subjectName }
          : {}),
      },
      payload: { ...payload, ...(linking ? { linkedHouseholdId: householdId } : {}) },
      effects: async (m, updated) => {
        if (input.fileIds?.length) {
          await this.files.attach(m, user, input.fileIds, {
            entityType: 'case',
            entityId: updated.id,
            regionCode: updated.regionCode,
            countyCode: updated.countyCode,
            field: 'survey.fileIds',
          });
        }
        return { changes: {}, payload: {} };
      },
    };
  }

  // ---------------------------------------------------------------- step 4

  private async publicizeStart(manager: EntityManager, user: AuthUser, c: Case, dto: PublicizeStartActionDto): Promise<StepPlan> {
    const errors: ErrorDetail[] = [];
    const today = this.clock.today();
    const { minNoticeDays } = await this.settings.workflowSettingsFor(manager, c.regionCode);
    if (dto.noticeDays < minNoticeDays) errors.push({ field: 'noticeDays', message: `公示不少于${minNoticeDays}天` });
    if (dto.appraisalDate > today) errors.push({ field: 'appraisalDate', message: '评议日期不能晚于今天' });
    if (c.survey && dto.appraisalDate < c.survey.visitDate) {
      errors.push({ field: 'appraisalDate', message: `评议日期不能早于入户调查日期（${c.survey.visitDate}）` });
    }
    if (dto.noticeStartDate < today) errors.push({ field: 'noticeStartDate', message: '公示开始日期不能早于今天' });
    if (dto.noticeStartDate < dto.appraisalDate) errors.push({ field: 'noticeStartDate', message: '公示须在评议之后开始' });
    if (!c.householdId) errors.push({ field: 'action', message: '该户尚未登记，不能公示' });
    if (errors.length) throw validationFailed(errors);

    const record: PublicityRecord = {
      appraisalDate: dto.appraisalDate,
      appraisalResult: dto.appraisalResult,
      noticeStartDate: dto.noticeStartDate,
      noticeDays: dto.noticeDays,
      noticeEndDate: addCalendarDays(dto.noticeStartDate, dto.noticeDays - 1),
      noticeId: '',
      proposedMonitoringType: dto.proposedMonitoringType,
      reasonBrief: dto.reasonBrief,
      startedByAccountId: user.accountId,
      startedAt: this.clock.now().toISOString(),
      closedByAccountId: null,
      closedAt: null,
    };
    const { startedByAccountId, startedAt, closedByAccountId, closedAt, noticeId, ...payload } = record;
    return {
      changes: { publicity: record as never },
      payload,
      effects: async (m, updated) => {
        const notice = await this.notices.openForCase(m, user, {
          caseId: updated.id,
          countyCode: updated.countyCode,
          villageCode: updated.regionCode.slice(0, VILLAGE_CODE_LENGTH),
          householdId: updated.householdId!,
          proposedMonitoringType: dto.proposedMonitoringType,
          reasonBrief: dto.reasonBrief,
          startDate: dto.noticeStartDate,
          days: dto.noticeDays,
          caseKind: updated.kind,
        });
        return {
          changes: { publicity: { ...record, noticeId: notice.noticeId, noticeEndDate: notice.endDate } as never },
          payload: { noticeId: notice.noticeId, noticeEndDate: notice.endDate },
        };
      },
    };
  }

  private async publicizeClose(manager: EntityManager, user: AuthUser, c: Case, dto: PublicizeCloseActionDto): Promise<StepPlan> {
    // 409 NOTICE_PERIOD_NOT_OVER / OBJECTIONS_UNANSWERED from the notices module
    await this.notices.assertClosable(manager, c.id);
    const record = { ...(c.publicity as PublicityRecord), closedByAccountId: user.accountId, closedAt: this.clock.now().toISOString() };
    return {
      changes: { publicity: record as never },
      payload: { noticeId: record.noticeId ?? null, note: dto.note ?? null },
    };
  }

  // ---------------------------------------------------------------- step 5

  private township(user: AuthUser, decision: 'APPROVE' | 'RETURN', text: string): StepPlan {
    const record: TownshipReviewRecord = { decision, text, byAccountId: user.accountId, at: this.clock.now().toISOString() };
    return {
      changes: { townshipReview: record as never },
      payload: decision === 'APPROVE' ? { opinion: text } : { reason: text },
      remark: text,
    };
  }

  // ---------------------------------------------------------------- step 6

  private async countyConfirm(manager: EntityManager, user: AuthUser, c: Case, dto: CountyConfirmActionDto): Promise<StepPlan> {
    const errors: ErrorDetail[] = [];
    const today = this.clock.today();
    const linked = c.householdId ? await this.parties.fromHousehold(manager, c.householdId) : null;
    if (!linked) errors.push({ field: 'action', message: '该户尚未登记，不能确定为监测对象' });
    dto.measures.forEach((measure, i) => {
      if (measure.dueDate < today) errors.push({ field: `measures.${i}.dueDate`, message: '完成期限不能早于今天' });
    });
    if (linked?.facts.hasLabour && !dto.measures.some((m) => DEVELOPMENTAL_MEASURE_TYPES.includes(m.type))) {
      const names = DEVELOPMENTAL_MEASURE_TYPES.map((t) => MeasureTypeLabel[t]).join('、');
      errors.push({ field: 'measures', message: `该户有劳动能力，须至少安排一项开发式帮扶措施（${names}）` });
    }
    if (errors.length) throw validationFailed(errors);

    const identifiedMonth = today.slice(0, 7);
    const record: CountyDecisionRecord = {
      decision: 'CONFIRM',
      text: dto.opinion ?? '',
      monitoringType: dto.monitoringType,
      riskTypes: dto.riskTypes,
      measures: dto.measures.map((m) => ({ type: m.type, content: m.content, responsible: m.responsible, dueDate: m.dueDate })),
      identifiedMonth,
      resultNoticeId: null,
      byAccountId: user.accountId,
      at: this.clock.now().toISOString(),
    };
    const { byAccountId, at, resultNoticeId, text, ...payload } = record;
    return {
      changes: { countyDecision: record as never },
      payload: { ...payload, opinion: dto.opinion ?? null },
      remark: dto.opinion ?? `纳入监测（${MonitoringTypeLabel[dto.monitoringType]}）`,
      effects: async (m, updated) => {
        // the household becomes a monitoring object in this same transaction
        await this.parties.applyMonitoringDecision(m, user, updated.householdId!, {
          monitoringType: dto.monitoringType,
          riskTypes: dto.riskTypes,
          identifiedMonth,
        });
        const notice = await this.notices.publishResult(m, user, {
          caseId: updated.id,
          countyCode: updated.countyCode,
          villageCode: updated.regionCode.slice(0, VILLAGE_CODE_LENGTH),
          householdId: updated.householdId!,
          decision: 'CONFIRMED',
          monitoringType: dto.monitoringType,
          reasonBrief: updated.publicity?.reasonBrief ?? MonitoringTypeLabel[dto.monitoringType],
          caseKind: updated.kind,
        });
        return {
          changes: { countyDecision: { ...record, resultNoticeId: notice.noticeId } as never },
          payload: { resultNoticeId: notice.noticeId },
        };
      },
    };
  }

  private countyReject(user: AuthUser, c: Case, reason: string): StepPlan {
    const record: CountyDecisionRecord = {
      decision: 'REJECT',
      text: reason,
      monitoringType: null,
      riskTypes: [],
      measures: [],
      identifiedMonth: null,
      resultNoticeId: null,
      byAccountId: user.accountId,
      at: this.clock.now().toISOString(),
    };
    return {
      changes: { countyDecision: record as never },
      payload: { reason },
      remark: reason,
      effects: async (m, updated) => {
        if (!updated.householdId) return { changes: {}, payload: {} };
        const notice = await this.notices.publishResult(m, user, {
          caseId: updated.id,
          countyCode: updated.countyCode,
          villageCode: updated.regionCode.slice(0, VILLAGE_CODE_LENGTH),
          householdId: updated.householdId,
          decision: 'REJECTED',
          monitoringType: null,
          reasonBrief: reason,
          caseKind: updated.kind,
        });
        return {
          changes: { countyDecision: { ...record, resultNoticeId: notice.noticeId } as never },
          payload: { resultNoticeId: notice.noticeId },
        };
      },
    };
  }

  private countyReturn(user: AuthUser, reason: string): StepPlan {
    const record: CountyDecisionRecord = {
      decision: 'RETURN',
      text: reason,
      monitoringType: null,
      riskTypes: [],
      measures: [],
      identifiedMonth: null,
      resultNoticeId: null,
      byAccountId: user.accountId,
      at: this.clock.now().toISOString(),
    };
    return { changes: { countyDecision: record as never }, payload: { reason }, remark: reason };
  }
}

