import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseAction, CaseStatus } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AppException, validationFailed } from '../../common/errors/app.exception.js';
import type { Page } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { NoticesService } from '../notices/notices.service.js';
import { notCleanReasons } from './case-cleanliness.js';
import { CaseQueryService } from './case-query.service.js';
import { CaseTransitionService } from './case-transition.service.js';
import { CasesErrorCode } from './cases.exception.js';
import {
  BulkActionDto,
  BulkActionItemDto,
  BulkActionResponseDto,
  BulkActionResultDto,
  BulkCandidateDto,
  BulkCandidatesQueryDto,
  BulkOutcome,
} from './dto/case-bulk.dto.js';
import type { CaseDetailDto } from './dto/case.dto.js';
import { CaseEvent } from './entities/case-event.entity.js';
import { Case } from './entities/case.entity.js';

/** The code of a refusal because the case is not clean (the reasons are in the message). */
export const CASE_NOT_CLEAN = 'CASE_NOT_CLEAN';

/**
 * The township reviewer's bulk approval (一月一审核 of routine cases): the cases waiting for the township with whether
 * each is clean (case-cleanliness.ts), and one opinion applied to several clean cases. Each case goes through the
 * ordinary transition (its own transaction, event, audit row and notifications) with the version the reviewer read,
 * so a case someone changed meanwhile comes back as CONFLICT and the others are still done.
 */
@Injectable()
export class CaseBulkService {
  private readonly logger = new Logger(CaseBulkService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CaseQueryService,
    private readonly transitions: CaseTransitionService,
    private readonly notices: NoticesService,
    private readonly audit: AuditService,
  ) {}

  /** GET /cases/bulk-candidates: the caller's cases in TOWNSHIP_REVIEW, most urgent first, each with its cleanliness. */
  async candidates(user: AuthUser, query: BulkCandidatesQueryDto): Promise<Page<BulkCandidateDto>> {
    const page = await this.queries.list(user, { ...query, status: CaseStatus.TOWNSHIP_REVIEW });
    if (!page.items.length) return { ...page, items: [] };
    const manager = this.dataSource.manager;
    const cases = await manager
      .getRepository(Case)
      .createQueryBuilder('c')
      .where('c.county_code IN (:...counties) AND c.id IN (:...ids)', {
        counties: [...new Set(page.items.map((c) => c.regionCode.slice(0, 6)))],
        ids: page.items.map((c) => c.id),
      })
      .getMany();
    const byId = new Map(cases.map((c) => [c.id, c]));
    const events = await this.returnEvents(manager, cases);
    const objections = await this.notices.objectionCountsOf(manager, cases);
    return {
      ...page,
      items: page.items.map((summary) => {
        const c = byId.get(summary.id)!;
        const reasons = notCleanReasons(c, events, objections.get(c.id));
        return {
          ...summary,
          clean: reasons.length === 0,
          notCleanReasons: reasons,
          objections: objections.get(c.id)?.total ?? 0,
          perCapitaNetIncome: c.survey?.perCapitaNetIncome ?? null,
          comparison: c.survey?.comparison ?? null,
        };
      }),
    };
  }

  /** POST /cases/bulk-actions: each item on its own; the answer lists every item's outcome in the request's order. */
  async act(user: AuthUser, dto: BulkActionDto): Promise<BulkActionResponseDto> {
    const seen = new Set<string>();
    const duplicates = dto.items.flatMap((item, i) => (seen.has(item.id) ? [i] : (seen.add(item.id), [])));
    if (duplicates.length) throw validationFailed(duplicates.map((i) => ({ field: `items.${i}.id`, message: '同一案件不能重复提交' })));

    const results: BulkActionResultDto[] = [];
    // one after another: each is a short transaction, and a batch is at most 50 cases
    for (const item of dto.items) results.push(await this.one(user, dto, item));
    const count = (outcome: BulkOutcome) => results.filter((r) => r.outcome === outcome).length;
    await this.audit.record(null, {
      actor: user,
      action: 'case.bulk-action',
      entityType: 'case',
      entityId: null,
      regionCode: user.regionCode,
      after: { action: dto.action, opinion: dto.opinion, results: results.map(({ id, outcome, code }) => ({ id, outcome, code })) },
    });
    return { results, done: count(BulkOutcome.DONE), conflicts: count(BulkOutcome.CONFLICT), refused: count(BulkOutcome.REFUSED) };
  }

  private async one(user: AuthUser, dto: BulkActionDto, item: BulkActionItemDto): Promise<BulkActionResultDto> {
    let caseNumber: string | null = null;
    try {
      const manager = this.dataSource.manager;
      const c = await this.queries.loadVisible(manager, user, item.id);
      caseNumber = c.caseNumber;
      // a newer version: someone acted since the reviewer read the list (checked again inside the transition)
      if (c.version !== item.version) {
        return this.result(item, caseNumber, BulkOutcome.CONFLICT, CasesErrorCode.CASE_VERSION_CONFLICT, '该案件已被他人处理，请刷新后再看');
      }
      // Cleanliness is read at the version the reviewer sent: any change to the case since then bumps the version, so
      // the transition below refuses it (objections can only be raised while the notice runs, before this step).
      const reasons = notCleanReasons(c, await this.returnEvents(manager, [c]), (await this.notices.objectionCountsOf(manager, [c])).get(c.id));
      if (reasons.length) return this.result(item, caseNumber, BulkOutcome.REFUSED, CASE_NOT_CLEAN, `不能批量办理：${reasons.join('；')}`);
      const done = (await this.transitions.act(user, c.id, { action: dto.action, version: item.version, opinion: dto.opinion })) as CaseDetailDto;
      return { ...this.result(item, caseNumber, BulkOutcome.DONE, null, '已同意，报县级确定'), version: done.version };
    } catch (error) {
      if (!(error instanceof AppException)) {
        this.logger.error(`bulk ${dto.action} of case ${item.id} failed: ${(error as Error)?.stack ?? error}`);
        return this.result(item, caseNumber, BulkOutcome.REFUSED, 'INTERNAL', '办理失败，请稍后单独办理');
      }
      const outcome = error.code === CasesErrorCode.CASE_VERSION_CONFLICT ? BulkOutcome.CONFLICT : BulkOutcome.REFUSED;
      return this.result(item, caseNumber, outcome, error.code, error.message);
    }
  }

  private result(item: BulkActionItemDto, caseNumber: string | null, outcome: BulkOutcome, code: string | null, message: string): BulkActionResultDto {
    return { id: item.id, caseNumber, outcome, code, message, version: null };
  }

  /** The return events (township.return, county.return) of these cases; other events are not needed here. */
  private returnEvents(manager: EntityManager, cases: Case[]): Promise<CaseEvent[]> {
    if (!cases.length) return Promise.resolve([]);
    return manager
      .getRepository(CaseEvent)
      .createQueryBuilder('e')
      .where('e.county_code IN (:...counties) AND e.case_id IN (:...ids) AND e.action IN (:...actions)', {
        counties: [...new Set(cases.map((c) => c.countyCode))],
        ids: cases.map((c) => c.id),
        actions: [CaseAction.TOWNSHIP_RETURN, CaseAction.COUNTY_RETURN],
      })
      .getMany();
  }
}
