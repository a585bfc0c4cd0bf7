import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import {
  assertTransition,
  CaseAction,
  CaseActionLabel,
  CaseStatus,
  FINAL_CASE_STATUSES,
  missingPayloadFields,
  Role,
  RoleLabel,
  WorkflowError,
  workflowOf,
} from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Clock } from '../../common/clock.js';
import { ErrorDetail, forbidden, validationFailed } from '../../common/errors/app.exception.js';
import { flatten } from '../../common/http/validation.js';
import { CaseJournalService } from './case-journal.service.js';
import { CaseQueryService } from './case-query.service.js';
import { CaseStepsService } from './case-steps.service.js';
import { CasesException } from './cases.exception.js';
import { translateCaseWriteError } from './cases.service.js';
import { ACTION_BODIES, type CaseActionBaseDto } from './dto/case-action.dto.js';
import type { CaseDetailDto, MyClaimDto } from './dto/case.dto.js';
import { Case } from './entities/case.entity.js';

const ACTIONS = new Set<string>(Object.values(CaseAction));

/** Names of the payload fields the shared table requires, for the 400 messages. */
const PAYLOAD_FIELD_LABEL: Record<string, string> = {
  reason: '理由',
  survey: '调查内容',
  appraisalDate: '评议日期',
  appraisalResult: '评议结果',
  noticeStartDate: '公示开始日期',
  noticeDays: '公示天数',
  opinion: '审核意见',
  monitoringType: '监测类型',
  riskTypes: '风险类型',
  measures: '帮扶措施',
  eliminationMethod: '消除方式',
};

/**
 * POST /cases/:id/actions: one step of the workflow, in one transaction. Order of the checks: the case must be
 * visible (404), the caller's role must take this action somewhere in the table (403), the version read must be
 * current (409 CASE_VERSION_CONFLICT), the case's status must allow the action (409 ACTION_NOT_ALLOWED_IN_STATUS),
 * the payload complete and valid (400, every field). Then `UPDATE ... WHERE version = :v` claims the case (a concurrent
 * second actor gets 0 rows: 409), the step's side effects run (notices, registry), and the event, audit row and
 * notifications are written.
 */
@Injectable()
export class CaseTransitionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly queries: CaseQueryService,
    private readonly steps: CaseStepsService,
    private readonly journal: CaseJournalService,
  ) {}

  async act(user: AuthUser, id: string, body: Record<string, unknown>): Promise<CaseDetailDto | MyClaimDto> {
    const action = typeof body?.action === 'string' && ACTIONS.has(body.action) ? (body.action as CaseAction) : null;
    if (!action) throw validationFailed([{ field: 'action', message: '请指定要执行的操作' }]);
    const updated = await this.dataSource.transaction((manager) => this.transition(manager, user, id, action, body));
    // read after the commit, so the row lock is held no longer than the writes need
    return user.role === Role.CITIZEN ? this.queries.myClaim(user, id) : this.queries.detailOf(user, updated);
  }

  private async transition(manager: EntityManager, user: AuthUser, id: string, action: CaseAction, body: Record<string, unknown>): Promise<Case> {
    const c = await this.queries.loadVisible(manager, user, id);
    // a role that never takes this action is refused whatever the status (403)
    if (!workflowOf(c.kind).some((row) => row.action === action && row.roles.includes(user.role))) {
      const message = `“${RoleLabel[user.role]}”无权执行“${CaseActionLabel[action]}”`;
      throw CasesException.fromWorkflow(new WorkflowError('ROLE_NOT_ALLOWED', message, c.status, action, user.role, c.kind));
    }
    // a caller who read an older version is told the case moved on, before anything about the status it now has
    if (Number.isInteger(body.version) && body.version !== c.version) throw CasesException.versionConflict(c.version);
    let to: CaseStatus;
    try {
      to = assertTransition(c.status, action, user.role, c.kind);
    } catch (error) {
      if (error instanceof WorkflowError) throw CasesException.fromWorkflow(error);
      throw error;
    }
    if (user.role === Role.CITIZEN && c.claimantAccountId !== user.accountId) throw forbidden('只有申请人本人可以撤回申请');

    const dto = await this.validateBody(action, body);
    if (dto.version !== c.version) throw CasesException.versionConflict(c.version);
    const plan = await this.steps.plan(manager, user, c, action, dto);

    const final = FINAL_CASE_STATUSES.includes(to);
    const changes = { ...plan.changes, status: to, ...(final ? { closedAt: this.clock.now() } : {}) };
    let updated = await this.claim(manager, c, dto.version, changes);
    let payload = plan.payload;
    if (plan.effects) {
      const more = await plan.effects(manager, updated);
      if (Object.keys(more.changes).length) {
        await manager.createQueryBuilder().update(Case).set(more.changes).where('county_code = :county AND id = :id', { county: c.countyCode, id: c.id }).execute();
        updated = await this.reload(manager, c);
      }
      payload = { ...payload, ...more.payload };
    }
    await this.journal.record(manager, { actor: user, action, from: c.status, before: c, after: updated, payload, remark: plan.remark });
    return updated;
  }

  /** The body against the action's DTO: missing required fields (the shared table) and every invalid one. */
  private async validateBody(action: CaseAction, body: Record<string, unknown>): Promise<CaseActionBaseDto> {
    const missing = missingPayloadFields(action, body);
    const dto = plainToInstance(ACTION_BODIES[action], body);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
    const details: ErrorDetail[] = missing.map((field) => ({ field, message: `请填写${PAYLOAD_FIELD_LABEL[field] ?? field}` }));
    for (const detail of flatten(errors)) {
      if (!missing.includes(detail.field ?? '')) details.push(detail);
    }
    if (details.length) throw validationFailed(details);
    return dto;
  }

  /**
   * The conditional UPDATE that makes concurrent actors safe: 0 rows means someone else moved the case first. The
   * case as it now is: the row read before plus the changes (plain values) and what the database set.
   */
  private async claim(manager: EntityManager, c: Case, version: number, changes: QueryDeepPartialEntity<Case>): Promise<Case> {
    let rows: { version: number; updated_at: Date }[];
    try {
      const result = await manager
        .createQueryBuilder()
        .update(Case)
        .set({ ...changes, version: () => 'version + 1' })
        .where('county_code = :county AND id = :id AND version = :version', { county: c.countyCode, id: c.id, version })
        .returning('version, updated_at')
        .execute();
      rows = result.raw;
    } catch (error) {
      throw translateCaseWriteError(error);
    }
    if (!rows.length) throw CasesException.versionConflict();
    return Object.assign(new Case(), c, changes, { version: rows[0].version, updatedAt: new Date(rows[0].updated_at) });
  }

  private reload(manager: EntityManager, c: Case): Promise<Case> {
    return manager.getRepository(Case).findOneByOrFail({ countyCode: c.countyCode, id: c.id });
  }
}
