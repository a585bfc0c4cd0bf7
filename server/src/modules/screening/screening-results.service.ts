import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseSource, labelOf, RiskTypeLabel } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isInScope } from '../../common/auth/region-scope.js';
import { chinaDate, Clock } from '../../common/clock.js';
import { AppException, ErrorDetail, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { CASE_WORKER_ROLES } from '../cases/case-parties.service.js';
import { CasesErrorCode } from '../cases/cases.exception.js';
import { CasesService } from '../cases/cases.service.js';
import { FilesService } from '../files/files.service.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import type { ResolvedConflictDto, ScreeningItemOutcomeDto, SubmitScreeningResultsResponseDto } from './dto/screening.dto.js';
import { ConflictResolutionChoice, ResolveConflictDto, ScreeningResultInputDto, SubmitScreeningResultsDto } from './dto/screening-input.dto.js';
import {
  CHECKLIST_KEYS,
  ChecklistLabel,
  ConflictReason,
  ContactModeLabel,
  ScreeningResolution,
  ScreeningResult,
} from './entities/screening-result.entity.js';
import { ScreeningTask, ScreeningTaskStatus } from './entities/screening-task.entity.js';
import { ScreeningCardsService } from './screening-cards.service.js';
import { resultAuditSnapshot } from './screening.mapper.js';
import { ScreeningException } from './screening.exception.js';
import { assertRole, SCREENING_WORKER_ROLES } from './screening.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// a phone's clock may run a little ahead of the server's
const CLOCK_SKEW_MS = 10 * 60 * 1000;
const RESULT = '筛查结果';
const SUBMIT_SCOPE = 'POST /api/v1/screening/results';

/** A finding: a new risk type or any checklist item with a problem. */
export const isFinding = (result: Pick<ScreeningResult, 'riskTypes' | 'checklist'>) =>
  result.riskTypes.length > 0 || CHECKLIST_KEYS.some((key) => result.checklist[key] === false);

/** Why an item was refused (rolls its transaction back; becomes a REJECTED outcome). */
class ItemRejected extends Error {
  constructor(readonly errors: ErrorDetail[], message: string) {
    super(message);
  }
}

/**
 * The writing side of the monthly screening: results sent by the phones (each item stored once, in its own
 * transaction, conflicts kept and flagged), the conflicts' resolution, and the case a finding opens.
 */
@Injectable()
export class ScreeningResultsService {
  private readonly logger = new Logger(ScreeningResultsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cards: ScreeningCardsService,
    private readonly cases: CasesService,
    private readonly files: FilesService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
  ) {}

  /**
   * POST /screening/results: every item in its own transaction (a savepoint when an Idempotency-Key wraps the
   * request in one), so one bad item never blocks the others and none is half-written.
   */
  async submit(user: AuthUser, key: string | undefined, dto: SubmitScreeningResultsDto): Promise<SubmitScreeningResultsResponseDto> {
    assertRole(user, SCREENING_WORKER_ROLES, '只有网格员和村干部可以提交筛查结果');
    if (key) {
      const { body } = await this.idempotency.execute(user, key, SUBMIT_SCOPE, dto, async (manager) => ({
        status: HttpStatus.OK,
        body: { results: await this.storeAll(user, dto.results, manager) },
      }));
      return body;
    }
    return { results: await this.storeAll(user, dto.results, null) };
  }

  /** POST /screening/results/:id/resolve: KEEP (the month's result; a finding opens its case) or DISCARD; 409 twice. */
  async resolve(user: AuthUser, id: string, dto: ResolveConflictDto): Promise<ResolvedConflictDto> {
    assertRole(user, SCREENING_WORKER_ROLES, '只有网格员和村干部可以处理筛查冲突');
    if (!UUID.test(id)) throw notFound(RESULT);
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .getRepository(ScreeningResult)
        .createQueryBuilder('r')
        .where('r.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!result || !isInScope(user, result.gridCode)) throw notFound(RESULT);
      if (!result.conflict) throw ScreeningException.notConflict();
      if (result.resolution) throw ScreeningException.alreadyResolved(result.resolution);
      const task = await this.lockTask(manager, result.countyCode, result.taskId);
      if (!task) throw notFound(RESULT);
      const before = resultAuditSnapshot(result);
      const now = this.clock.now();
      const keep = dto.resolution === ConflictResolutionChoice.KEEP;
      Object.assign(result, {
        resolution: keep ? ScreeningResolution.KEPT : ScreeningResolution.DISCARDED,
        resolvedBy: user.accountId,
        resolvedAt: now,
        resolutionNote: dto.note ?? null,
      });
      let message: string | undefined;
      if (keep && result.hasRisk) {
        const opened = await this.openCase(manager, user, result);
        result.caseId = opened.caseId;
        message = opened.message;
      }
      await manager
        .createQueryBuilder()
        .update(ScreeningResult)
        .set({
          resolution: result.resolution,
          resolvedBy: result.resolvedBy,
          resolvedAt: result.resolvedAt,
          resolutionNote: result.resolutionNote,
          caseId: result.caseId,
        })
        .where('county_code = :county AND id = :id', { county: result.countyCode, id: result.id })
        .execute();
      const taskStatus = await this.settleTask(manager, task);
      await this.audit.record(manager, {
        actor: user,
        action: 'screening-result.resolve',
        entityType: 'screening_result',
        entityId: result.id,
        regionCode: result.gridCode,
        before,
        after: { ...resultAuditSnapshot(result), resolutionNote: result.resolutionNote, taskStatus },
      });
      const [mapped] = await this.cards.results(manager, user, [result]);
      return { result: mapped, taskStatus, caseId: keep ? result.caseId : null, ...(message ? { message } : {}) };
    });
  }

  // ---------------------------------------------------------------- one item

  private async storeAll(user: AuthUser, items: ScreeningResultInputDto[], outer: EntityManager | null): Promise<ScreeningItemOutcomeDto[]> {
    const outcomes: ScreeningItemOutcomeDto[] = [];
    for (const item of items) outcomes.push(await this.storeOne(user, item, outer));
    return outcomes;
  }

  private async storeOne(user: AuthUser, item: ScreeningResultInputDto, outer: EntityManager | null): Promise<ScreeningItemOutcomeDto> {
    try {
      const work = (manager: EntityManager) => this.storeInTransaction(manager, user, item);
      return await (outer ? outer.transaction(work) : this.dataSource.transaction(work));
    } catch (error) {
      if (error instanceof ItemRejected) {
        return { clientId: item.clientId, outcome: 'REJECTED', errors: error.errors.map((e) => ({ field: e.field ?? '', message: e.message })), message: error.message };
      }
      if (error instanceof AppException && error.getStatus() < 500) {
        return {
          clientId: item.clientId,
          outcome: 'REJECTED',
          errors: error.details.filter((d) => d.field).map((d) => ({ field: d.field!, message: d.message })),
          message: error.message,
        };
      }
      this.logger.error({ err: error, clientId: item.clientId }, 'screening result not stored');
      return { clientId: item.clientId, outcome: 'REJECTED', message: '服务器暂时无法保存这条结果，请稍后重新发送', retryable: true };
    }
  }

  private async storeInTransaction(manager: EntityManager, user: AuthUser, item: ScreeningResultInputDto): Promise<ScreeningItemOutcomeDto> {
    const stored = await this.findByClient(manager, user.accountId, item.clientId);
    if (stored) return this.duplicate(stored);

    const task = UUID.test(item.taskId) ? await this.lockTask(manager, null, item.taskId) : null;
    if (!task || !isInScope(user, task.gridCode)) {
      throw new ItemRejected([{ field: 'taskId', message: '筛查任务不存在或不在您的辖区内' }], '筛查任务不存在或不在您的辖区内，未保存');
    }
    const visitedAt = new Date(item.visitedAt);
    const now = this.clock.now();
    const errors: ErrorDetail[] = [];
    if (visitedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) errors.push({ field: 'visitedAt', message: '走访时间不能晚于现在' });
    else if (chinaDate(visitedAt).slice(0, 7) < task.month) {
      errors.push({ field: 'visitedAt', message: `走访时间不能早于任务所在的月份（${task.month}）` });
    }
    if (errors.length) throw new ItemRejected(errors, `提交的内容有误：${errors.map((e) => e.message).join('；')}`);

    const [household]: { version: number }[] = await manager.query(
      `SELECT version FROM households WHERE county_code = $1 AND id = $2`,
      [task.countyCode, task.householdId],
    );
    const [other]: unknown[] = await manager.query(
      `SELECT 1 FROM screening_results
        WHERE county_code = $1 AND task_id = $2 AND worker_account_id <> $3 AND resolution IS DISTINCT FROM $4 LIMIT 1`,
      [task.countyCode, task.id, user.accountId, ScreeningResolution.DISCARDED],
    );
    const conflictReason =
      Number(household.version) > item.baseHouseholdVersion ? ConflictReason.HOUSEHOLD_CHANGED : other ? ConflictReason.ALREADY_SCREENED : null;

    const values: Partial<ScreeningResult> = {
      countyCode: task.countyCode,
      taskId: task.id,
      householdId: task.householdId,
      gridCode: task.gridCode,
      month: task.month,
      clientId: item.clientId,
      workerAccountId: user.accountId,
      visitedAt,
      contactMode: item.contactMode,
      anyoneHome: item.anyoneHome,
      checklist: Object.fromEntries(CHECKLIST_KEYS.map((key) => [key, item.checklist[key]])) as unknown as ScreeningResult['checklist'],
      incomeChanged: item.incomeChanged,
      incomeNote: item.incomeNote ?? null,
      riskTypes: item.riskTypes,
      note: item.note ?? null,
      photoFileIds: item.photoFileIds ?? [],
      location: item.location
        ? { latitude: item.location.latitude, longitude: item.location.longitude, accuracy: item.location.accuracy ?? null }
        : null,
      baseHouseholdVersion: item.baseHouseholdVersion,
      conflict: conflictReason !== null,
      conflictReason,
      resolution: null,
      resolvedBy: null,
      resolvedAt: null,
      resolutionNote: null,
      caseId: null,
      createdAt: now,
    };
    values.hasRisk = isFinding(values as ScreeningResult);
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(ScreeningResult)
      .values(values)
      .orIgnore()
      .returning('id')
      .updateEntity(false)
      .execute();
    const id = (inserted.raw[0] as { id: string } | undefined)?.id;
    if (!id) {
      // the same client id arrived at the same time (another request of this account) and was stored first
      const first = await this.findByClient(manager, user.accountId, item.clientId);
      if (first) return this.duplicate(first);
      throw new Error('screening result insert ignored without a stored row');
    }
    const result = Object.assign(new ScreeningResult(), values, { id });
    if (result.photoFileIds.length) {
      await this.files.attach(manager, user, result.photoFileIds, {
        entityType: 'screening_result',
        entityId: id,
        regionCode: task.gridCode,
        countyCode: task.countyCode,
        field: 'photoFileIds',
      });
    }
    let message: string | undefined;
    if (!result.conflict && result.hasRisk) {
      const opened = await this.openCase(manager, user, result);
      message = opened.message;
      if (opened.caseId) {
        result.caseId = opened.caseId;
        await manager.query(`UPDATE screening_results SET case_id = $3 WHERE county_code = $1 AND id = $2`, [result.countyCode, id, opened.caseId]);
      }
    }
    const taskStatus = await this.settleTask(manager, task);
    await this.audit.record(manager, {
      actor: user,
      action: 'screening-result.create',
      entityType: 'screening_result',
      entityId: id,
      regionCode: task.gridCode,
      after: { ...resultAuditSnapshot(result), taskStatus },
    });
    if (result.conflict) {
      message ??= conflictReason === ConflictReason.HOUSEHOLD_CHANGED
        ? '已保存，但下载后该户信息已被他人修改：请在“冲突”中核对后保留或作废'
        : '已保存，但本月已有其他人提交了该户的结果：请在“冲突”中核对后保留或作废';
    }
    return {
      clientId: item.clientId,
      outcome: result.conflict ? 'CONFLICT' : 'STORED',
      resultId: id,
      ...(result.caseId ? { caseId: result.caseId } : {}),
      ...(message ? { message } : {}),
    };
  }

  // ---------------------------------------------------------------- helpers

  private async findByClient(manager: EntityManager, accountId: string, clientId: string): Promise<ScreeningResult | null> {
    return manager.getRepository(ScreeningResult).findOneBy({ workerAccountId: accountId, clientId });
  }

  private duplicate(stored: ScreeningResult): ScreeningItemOutcomeDto {
    return {
      clientId: stored.clientId,
      outcome: 'DUPLICATE',
      resultId: stored.id,
      ...(stored.caseId ? { caseId: stored.caseId } : {}),
      message: '这条结果以前已经保存，未重复保存',
    };
  }

  /** The task row locked FOR UPDATE (results of one task are written one after the other). */
  private async lockTask(manager: EntityManager, countyCode: string | null, id: string): Promise<ScreeningTask | null> {
    const qb = manager.getRepository(ScreeningTask).createQueryBuilder('t').where('t.id = :id', { id });
    if (countyCode) qb.andWhere('t.county_code = :county', { county: countyCode });
    return qb.setLock('pessimistic_write').getOne();
  }

  /**
   * The task's status from its results: CONFLICT while a conflict waits, else DONE when a result counts (no conflict,
   * or kept), else TODO (every result discarded).
   */
  private async settleTask(manager: EntityManager, task: ScreeningTask): Promise<ScreeningTaskStatus> {
    const raw = await manager.query(
      `UPDATE screening_tasks t SET updated_at = $3, status = CASE
          WHEN EXISTS (SELECT 1 FROM screening_results r WHERE r.county_code = t.county_code AND r.task_id = t.id
                        AND r.conflict AND r.resolution IS NULL) THEN $4
          WHEN EXISTS (SELECT 1 FROM screening_results r WHERE r.county_code = t.county_code AND r.task_id = t.id
                        AND (NOT r.conflict OR r.resolution = $6)) THEN $5
          ELSE $7 END
        WHERE t.county_code = $1 AND t.id = $2 RETURNING t.status`,
      [
        task.countyCode,
        task.id,
        this.clock.now(),
        ScreeningTaskStatus.CONFLICT,
        ScreeningTaskStatus.DONE,
        ScreeningResolution.KEPT,
        ScreeningTaskStatus.TODO,
      ],
    );
    const rows = (Array.isArray(raw[0]) ? raw[0] : raw) as { status: ScreeningTaskStatus }[];
    task.status = rows[0].status;
    return task.status;
  }

  /**
   * A finding opens an identification case (source SCREENING, at the declare step) through the cases module, in a
   * savepoint of the caller's transaction: unless the household already has one open; a case that cannot be
   * opened never costs the stored result.
   */
  private async openCase(manager: EntityManager, actor: AuthUser, result: ScreeningResult): Promise<{ caseId: string | null; message?: string }> {
    const now = this.clock.now();
    try {
      const created = await manager.transaction((inner) =>
        this.cases.createFromSource(inner, actor, {
          source: CaseSource.SCREENING,
          householdId: result.householdId,
          description: findingDescription(result),
          assignedAccountId: CASE_WORKER_ROLES.includes(actor.role) ? actor.accountId : null,
          reference: { type: 'screening_result', id: result.id },
          // deadlines count from the day the clue was found (the visit), not from the day the phone was back online
          foundAt: result.visitedAt < now ? result.visitedAt : now,
        }),
      );
      return { caseId: created.id, message: `发现风险，已立案（编号 ${created.caseNumber}），进入申报环节` };
    } catch (error) {
      if (error instanceof AppException && error.code === CasesErrorCode.CASE_ALREADY_OPEN) {
        return { caseId: null, message: '发现风险；该户已有正在办理的案件，未重复立案' };
      }
      if (error instanceof AppException && error.getStatus() < 500) {
        this.logger.warn(`screening result ${result.id}: case not opened: ${error.message}`);
        return { caseId: null, message: `发现风险，但未能自动立案：${error.message}` };
      }
      throw error;
    }
  }
}

/** The case's description: what the screening found, in words the village reads. */
export function findingDescription(result: ScreeningResult): string {
  const problems = CHECKLIST_KEYS.filter((key) => result.checklist[key] === false).map((key) => ChecklistLabel[key]);
  const parts = [`${result.month} 月度筛查（${ContactModeLabel[result.contactMode]}，${chinaDate(result.visitedAt)}）发现风险。`];
  if (problems.length) parts.push(`两不愁三保障及饮水安全存在问题：${problems.join('、')}。`);
  if (result.riskTypes.length) parts.push(`新发现的困难：${result.riskTypes.map((r) => labelOf(RiskTypeLabel, r)).join('、')}。`);
  if (result.incomeChanged) parts.push(`收入有明显变化${result.incomeNote ? `：${result.incomeNote}` : ''}。`);
  if (result.note) parts.push(`备注：${result.note}`);
  return parts.join('');
}
