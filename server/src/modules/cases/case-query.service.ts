import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { availableActions, CaseAction, CaseStatus, CaseStep, Role, stepOfStatus } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isInScope, narrowRegion } from '../../common/auth/region-scope.js';
import { Clock } from '../../common/clock.js';
import { notFound } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AccountDirectoryService } from '../accounts/account-directory.service.js';
import { CryptoService } from '../crypto/crypto.service.js';
import { FilesService } from '../files/files.service.js';
import { HouseholdsService } from '../households/households.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { CasePlain, mapCaseDetail, mapCaseSummary, mapMyClaim } from './cases.mapper.js';
import type { CaseListQueryDto, MyClaimsQueryDto } from './dto/case-input.dto.js';
import type { CaseDetailDto, CaseFileDto, CaseSummaryDto, MyClaimDto } from './dto/case.dto.js';
import { CaseEvent } from './entities/case-event.entity.js';
import { Case } from './entities/case.entity.js';

const CASE = '案件';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CASE_NUMBER = /^[0-9]{6}-[0-9]{8}-[0-9]{6,}$/;
const likeEscape = (value: string) => value.replace(/[\\%_]/g, '\\$&');

/** Statuses whose step (stepOfStatus) is this one. */
const statusesOfStep = (step: CaseStep) => Object.values(CaseStatus).filter((s) => stepOfStatus(s) === step);

/** Who may see a case: cadres whose region contains it; citizens who raised it, or whose household it is about. */
export function canSee(user: AuthUser, c: Pick<Case, 'regionCode' | 'claimantAccountId' | 'householdId'>): boolean {
  if (user.role === Role.CITIZEN) {
    return c.claimantAccountId === user.accountId || (!!user.householdId && c.householdId === user.householdId);
  }
  return isInScope(user, c.regionCode);
}

/** The actions the caller may take now (the buttons): the shared table, and for citizens only on their own request. */
export function allowedActionsFor(user: AuthUser, c: Case): CaseAction[] {
  if (!canSee(user, c)) return [];
  if (user.role === Role.CITIZEN && c.claimantAccountId !== user.accountId) return [];
  return availableActions(c.status, user.role, c.kind);
}

/** Reads of cases: the region-scoped list and detail for cadres, a citizen's own requests. */
@Injectable()
export class CaseQueryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly crypto: CryptoService,
    private readonly regions: RegionsService,
    private readonly accounts: AccountDirectoryService,
    private readonly households: HouseholdsService,
    private readonly files: FilesService,
  ) {}

  /** A case the caller may see, or 404 (ids outside the caller's region or requests cannot be probed). */
  async loadVisible(manager: EntityManager, user: AuthUser, id: string): Promise<Case> {
    const c = UUID.test(id) ? await manager.getRepository(Case).findOneBy({ id }) : null;
    if (!c || !canSee(user, c)) throw notFound(CASE);
    return c;
  }

  /** GET /cases: the caller's region (or a narrower `region`), filtered; open cases first, the most urgent first. */
  async list(user: AuthUser, query: CaseListQueryDto): Promise<Page<CaseSummaryDto>> {
    const { page, pageSize, offset } = pageOf(query);
    const prefix = narrowRegion(user, query.region);
    const today = this.clock.today();
    const qb = this.dataSource.getRepository(Case).createQueryBuilder('c').where('c.region_code LIKE :prefix', { prefix: `${prefix}%` });
    if (prefix.length >= 6) qb.andWhere('c.county_code = :county', { county: prefix.slice(0, 6) });
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.statuses?.length) qb.andWhere('c.status IN (:...statuses)', { statuses: query.statuses });
    if (query.householdId) qb.andWhere('c.household_id = :household', { household: query.householdId });
    if (query.step) qb.andWhere('c.status IN (:...stepStatuses)', { stepStatuses: statusesOfStep(query.step) });
    if (query.source) qb.andWhere('c.source = :source', { source: query.source });
    if (query.open === true) qb.andWhere('c.closed_at IS NULL');
    if (query.open === false) qb.andWhere('c.closed_at IS NOT NULL');
    if (query.overdue === true) qb.andWhere('c.closed_at IS NULL AND c.due_date < :today', { today });
    if (query.overdue === false) qb.andWhere('(c.closed_at IS NOT NULL OR c.due_date >= :today)', { today });
    if (query.assignedToMe) qb.andWhere('c.assigned_account_id = :me', { me: user.accountId });
    if (query.q) {
      if (CASE_NUMBER.test(query.q)) qb.andWhere('c.case_number = :number', { number: query.q });
      else qb.andWhere('c.subject_name LIKE :name', { name: `${likeEscape(query.q)}%` });
    }
    const [rows, total] = await qb
      .orderBy('c.closed_at IS NULL', 'DESC')
      .addOrderBy('c.due_date', 'ASC')
      .addOrderBy('c.case_number', 'ASC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    const plains = await this.plains(rows, this.dataSource.manager, false);
    return { items: plains.map((p) => mapCaseSummary(p, today)), total, page, pageSize };
  }

  /** GET /cases/:id: the case, its timeline, attachments and the caller's allowed actions. */
  async getDetail(user: AuthUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<CaseDetailDto> {
    return this.detailOf(user, await this.loadVisible(manager, user, id), manager);
  }

  /** The detail of a case already loaded (and checked visible) by the caller. */
  async detailOf(user: AuthUser, c: Case, manager: EntityManager = this.dataSource.manager): Promise<CaseDetailDto> {
    const [plain] = await this.plains([c], manager);
    const events = await this.eventsOf(manager, [c]);
    const actorNames = await this.accounts.describe(manager, events.map((e) => e.actorAccountId));
    const facts = c.householdId ? await this.households.caseFactsOf(manager, c.householdId) : null;
    return mapCaseDetail(plain, this.clock.today(), {
      events,
      actorNames: new Map([...actorNames].map(([key, card]) => [key, card.displayName])),
      attachments: await this.attachments(manager, c),
      household: facts
        ? {
            id: facts.id,
            householdNumber: facts.householdNumber,
            headName: facts.headName,
            memberCount: facts.memberCount,
            monitoringType: facts.monitoringType,
            hasLabour: facts.hasLabour,
          }
        : null,
      allowedActions: allowedActionsFor(user, c),
    });
  }

  /** GET /my/claims: the citizen's own requests and the cases about their household, newest first. */
  async myClaims(user: AuthUser, query: MyClaimsQueryDto): Promise<Page<MyClaimDto>> {
    const { page, pageSize, offset } = pageOf(query);
    const manager = this.dataSource.manager;
    const qb = manager.getRepository(Case).createQueryBuilder('c');
    if (user.householdId) {
      qb.where('(c.claimant_account_id = :me OR c.household_id = :household)', { me: user.accountId, household: user.householdId });
    } else {
      qb.where('c.claimant_account_id = :me', { me: user.accountId });
    }
    if (query.open === true) qb.andWhere('c.closed_at IS NULL');
    if (query.open === false) qb.andWhere('c.closed_at IS NOT NULL');
    const [rows, total] = await qb
      .orderBy('c.intake_at', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    const events = await this.eventsOf(manager, rows);
    const today = this.clock.today();
    return {
      items: rows.map((c) =>
        mapMyClaim(c, user.accountId, today, events.filter((e) => e.caseId === c.id), allowedActionsFor(user, c)),
      ),
      total,
      page,
      pageSize,
    };
  }

  /** GET /my/claims/:id */
  async myClaim(user: AuthUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<MyClaimDto> {
    const c = await this.loadVisible(manager, user, id);
    const files = await this.files.listAttached(manager, 'case', c.id);
    return {
      ...this.myClaimOf(user, c, await this.eventsOf(manager, [c])),
      // only what this citizen uploaded: the cadres' survey photos are not theirs to download
      attachments: files
        .filter((f) => f.ownerAccountId === user.accountId)
        .map((f) => ({ id: f.id, mime: f.mime, size: Number(f.size), name: f.originalName ?? null })),
    };
  }

  /** A case the caller may see, with its events, as 我的申请 shows it (the answer to POST /claims too). */
  myClaimOf(user: AuthUser, c: Case, events: CaseEvent[]): MyClaimDto {
    return mapMyClaim(c, user.accountId, this.clock.today(), events, allowedActionsFor(user, c));
  }

  private async eventsOf(manager: EntityManager, cases: Case[]): Promise<CaseEvent[]> {
    if (!cases.length) return [];
    return manager
      .getRepository(CaseEvent)
      .createQueryBuilder('e')
      .where('e.county_code IN (:...counties) AND e.case_id IN (:...ids)', {
        counties: [...new Set(cases.map((c) => c.countyCode))],
        ids: cases.map((c) => c.id),
      })
      .orderBy('e.id', 'ASC')
      .getMany();
  }

  private async attachments(manager: EntityManager, c: Case): Promise<CaseFileDto[]> {
    const files = await this.files.listAttached(manager, 'case', c.id);
    return files.map((f) => ({ id: f.id, mime: f.mime, size: Number(f.size), name: f.originalName ?? null }));
  }

  /** Region names, and (for the detail only) the personal fields decrypted for the mapper to mask. */
  private async plains(cases: Case[], manager: EntityManager, decrypt = true): Promise<CasePlain[]> {
    const names = await this.regions.pathNamesOf(cases.map((c) => c.regionCode), manager);
    return cases.map((c) => ({
      entity: c,
      contactPhone: decrypt ? this.crypto.decrypt(c.contactPhoneEncrypted) : null,
      subjectPhone: decrypt ? this.crypto.decrypt(c.subjectPhoneEncrypted) : null,
      subjectIdNumber: decrypt ? this.crypto.decrypt(c.subjectIdNumberEncrypted) : null,
      regionName: names.get(c.regionCode) ?? '',
    }));
  }
}
