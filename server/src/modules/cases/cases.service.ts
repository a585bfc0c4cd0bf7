import { CLAIM_CONSENT } from '@jiuzhu/shared/consent';
import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import {
  CaseKind,
  CaseSource,
  DIFFICULTY_RISK_TYPES,
  DifficultyKind,
  INITIAL_CASE_STATUS,
  Role,
} from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isInScope } from '../../common/auth/region-scope.js';
import { Clock } from '../../common/clock.js';
import { ErrorDetail, validationFailed } from '../../common/errors/app.exception.js';
import { FilesService } from '../files/files.service.js';
import { IdempotencyService } from '../idempotency/idempotency.service.js';
import { CaseDeadlinesService } from './case-deadlines.service.js';
import { CaseJournalService } from './case-journal.service.js';
import { CasePartiesService, type ProposedSubject, type ResolvedSubject } from './case-parties.service.js';
import { CaseQueryService } from './case-query.service.js';
import { CREATE_EVENT } from './cases.mapper.js';
import { CasesException } from './cases.exception.js';
import type { CreateClaimDto } from './dto/claim-input.dto.js';
import type { CreateCaseDto } from './dto/case-input.dto.js';
import type { CaseDetailDto, MyClaimDto } from './dto/case.dto.js';
import type { CaseEvent } from './entities/case-event.entity.js';
import { Case } from './entities/case.entity.js';

/** The 承诺授权书 text version the apps show now (a request may name the version it showed). */
export const CURRENT_CONSENT_VERSION = CLAIM_CONSENT.version;
/** Recorded when a cadre enters a request whose household signed the paper form. */
export const PAPER_CONSENT_VERSION = 'PAPER';

/** The sequence behind case numbers (created by hand in the migration; never blocks concurrent intakes). */
export const CASE_NUMBER_SEQUENCE = 'case_number_seq';
const OPEN_HOUSEHOLD_INDEX = 'UQ_cases_open_household';

/** A case just written, with its first timeline event. */
export interface CreatedCase {
  id: string;
  caseNumber: string;
  case: Case;
  event: CaseEvent;
}

/** What any source of a case supplies (citizens' requests, cadres, hotline tickets, screening, warnings). */
export interface CaseSourceInput {
  source: CaseSource;
  /** a registered household ... */
  householdId?: string | null;
  /** ... or the person it is about, in a village or grid */
  proposed?: ProposedSubject | null;
  /** PROXY: how the claimant relates to the person */
  proxyRelation?: string | null;
  difficultyKind?: DifficultyKind | null;
  description: string;
  contactPhone?: string | null;
  fileIds?: string[];
  consent?: { acceptedAt: Date; version: string } | null;
  claimantAccountId?: string | null;
  assignedAccountId?: string | null;
  /** the record it came from, e.g. { type: 'ticket', id } (kept in the timeline) */
  reference?: { type: string; id: string } | null;
  /** when the clue was found (deadlines count from it); default now */
  foundAt?: Date | null;
}

/**
 * Intake 群众自主申报 / 他人代举 / 政府托举: every way a case starts, checked and written in one transaction with its
 * first timeline event, audit row and notifications. The transitions live in CaseTransitionService.
 */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly parties: CasePartiesService,
    private readonly deadlines: CaseDeadlinesService,
    private readonly journal: CaseJournalService,
    private readonly queries: CaseQueryService,
    private readonly files: FilesService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * POST /claims: a citizen's request. With an Idempotency-Key a retry returns the first answer and stores nothing
   * twice (the key is stored in the same transaction as the case).
   */
  async submitClaim(
    user: AuthUser,
    idempotencyKey: string | undefined,
    dto: CreateClaimDto,
  ): Promise<{ status: number; body: MyClaimDto; replayed: boolean }> {
    return this.idempotency.execute(user, idempotencyKey, 'POST /api/v1/claims', dto, async (manager) => {
      const errors: ErrorDetail[] = [];
      if (dto.source === CaseSource.SELF) {
        if (!user.householdId) {
          errors.push({ field: 'source', message: '您尚未绑定家庭，不能为本户申报；请先在“我的”中绑定，或选择替他人申报' });
        }
        if (dto.subject) errors.push({ field: 'subject', message: '为本户申报时不填写被申报人' });
      }
      if (errors.length) throw validationFailed(errors);
      const created = await this.createFromSource(manager, user, {
        source: dto.source,
        householdId: dto.source === CaseSource.SELF ? user.householdId : null,
        proposed: dto.source === CaseSource.PROXY ? dto.subject : null,
        proxyRelation: dto.source === CaseSource.PROXY ? (dto.subject?.relation ?? null) : null,
        difficultyKind: dto.difficultyKind,
        description: dto.description,
        contactPhone: dto.contactPhone,
        fileIds: dto.fileIds,
        consent: { acceptedAt: this.clock.now(), version: dto.consentVersion ?? CURRENT_CONSENT_VERSION },
        claimantAccountId: user.accountId,
      });
      return { status: HttpStatus.CREATED, body: this.queries.myClaimOf(user, created.case, [created.event]) };
    });
  }

  /** POST /cases: a cadre enters a case from any source, in their region. */
  async create(user: AuthUser, dto: CreateCaseDto): Promise<CaseDetailDto> {
    const id = await this.dataSource.transaction(async (manager) => {
      const created = await this.createFromSource(manager, user, {
        source: dto.source,
        householdId: dto.householdId ?? null,
        proposed: dto.householdId ? null : (dto.proposedHousehold ?? null),
        difficultyKind: dto.difficultyKind ?? null,
        description: dto.description,
        contactPhone: dto.contactPhone ?? null,
        fileIds: dto.fileIds,
        consent: dto.consent ? { acceptedAt: this.clock.now(), version: PAPER_CONSENT_VERSION } : null,
        assignedAccountId: dto.assignedAccountId ?? user.accountId,
      });
      return created.id;
    });
    return this.queries.getDetail(user, id);
  }

  /** For the hotline: a HELP ticket turned into a case (source HOTLINE, status DECLARED), in the caller's transaction. */
  async createFromTicket(
    manager: EntityManager,
    user: AuthUser,
    ticket: {
      id: string;
      householdId: string | null;
      regionCode: string;
      description: string;
      contactPhone?: string | null;
      /** the citizen who asked for help, if any: they follow the case in 我的申请 as its claimant */
      authorAccountId?: string | null;
    },
  ): Promise<{ id: string; caseNumber: string }> {
    if (!ticket.householdId && ticket.regionCode.length !== 12 && ticket.regionCode.length !== 15) {
      throw validationFailed([{ field: 'regionCode', message: '转为案件须指明所在的村或网格' }]);
    }
    const created = await this.createFromSource(manager, user, {
      source: CaseSource.HOTLINE,
      householdId: ticket.householdId,
      proposed: ticket.householdId ? null : { name: '', regionCode: ticket.regionCode },
      description: ticket.description,
      contactPhone: ticket.contactPhone ?? null,
      assignedAccountId: user.role === Role.CITIZEN ? null : user.accountId,
      claimantAccountId: ticket.authorAccountId ?? null,
      reference: { type: 'ticket', id: ticket.id },
    });
    return { id: created.id, caseNumber: created.caseNumber };
  }

  /**
   * Any source (screening findings and department warnings later too), in the caller's transaction: resolves the
   * household or the named person, checks the caller's scope, sets the deadlines from the region's settings,
   * numbers the case, attaches the files, and journals it. 400 lists every bad field; 409 when the household
   * already has an open case.
   */
  async createFromSource(manager: EntityManager, user: AuthUser, input: CaseSourceInput): Promise<CreatedCase> {
    const errors: ErrorDetail[] = [];
    const subject = await this.resolveSubject(manager, user, input, errors);
    if (input.assignedAccountId && subject) {
      await this.parties.caseWorkers(manager, [input.assignedAccountId], subject.regionCode, () => 'assignedAccountId', errors);
    }
    if (errors.length || !subject) throw validationFailed(errors);

    const intakeAt = input.foundAt ?? this.clock.now();
    const deadlines = await this.deadlines.atIntake(manager, subject.regionCode, intakeAt);
    // <county>-<intake date>-<sequence>, numbered by the INSERT itself (both parts are digits the server made)
    const numberPrefix = `${subject.countyCode}-${deadlines.intakeDate.replace(/-/g, '')}-`;
    if (!/^[0-9]{6}-[0-9]{8}-$/.test(numberPrefix)) throw new Error(`bad case number prefix ${numberPrefix}`);
    const kind = CaseKind.IDENTIFICATION;
    const phone = this.parties.phone(input.contactPhone);
    const values: Partial<Case> = {
      countyCode: subject.countyCode,
      kind,
      source: input.source,
      status: INITIAL_CASE_STATUS[kind],
      version: 1,
      householdId: subject.householdId,
      regionCode: subject.regionCode,
      subjectName: subject.subjectName || null,
      proposedAddress: subject.proposedAddress,
      difficultyKind: input.difficultyKind ?? null,
      description: input.description,
      suggestedRiskTypes: input.difficultyKind ? [...DIFFICULTY_RISK_TYPES[input.difficultyKind]] : [],
      contactPhoneEncrypted: phone.encrypted,
      contactPhoneHash: phone.hash,
      consentAcceptedAt: input.consent?.acceptedAt ?? null,
      consentVersion: input.consent?.version ?? null,
      claimantAccountId: input.claimantAccountId ?? null,
      proxyRelation: input.proxyRelation ?? null,
      subjectPhoneEncrypted: subject.subjectPhoneEncrypted,
      subjectIdNumberEncrypted: subject.subjectIdNumberEncrypted,
      subjectIdNumberHash: subject.subjectIdNumberHash,
      createdByAccountId: user.accountId,
      assignedAccountId: input.assignedAccountId ?? null,
      intakeAt,
      ...deadlines,
    };
    const c = await this.insert(manager, values, numberPrefix);
    if (!c) throw CasesException.alreadyOpen(await this.openCaseNumber(manager, subject));
    if (input.fileIds?.length) {
      await this.files.attach(manager, user, input.fileIds, {
        entityType: 'case',
        entityId: c.id,
        regionCode: c.regionCode,
        countyCode: c.countyCode,
      });
    }
    const event = await this.journal.record(manager, {
      actor: user,
      action: CREATE_EVENT,
      from: null,
      after: c,
      payload: {
        source: c.source,
        difficultyKind: c.difficultyKind,
        subjectName: c.subjectName,
        householdId: c.householdId,
        regionCode: c.regionCode,
        fileIds: input.fileIds ?? [],
        consentVersion: c.consentVersion,
        ...(input.reference ? { reference: input.reference } : {}),
      },
    });
    return { id: c.id, caseNumber: c.caseNumber, case: c, event };
  }

  /** The household's open identification case, if any (department warnings link it instead of opening another). */
  async findOpenCase(manager: EntityManager, countyCode: string, householdId: string): Promise<{ id: string; caseNumber: string } | null> {
    const open = await manager
      .getRepository(Case)
      .createQueryBuilder('c')
      .select(['c.id', 'c.caseNumber'])
      .where('c.county_code = :county AND c.household_id = :household AND c.kind = :kind AND c.closed_at IS NULL', {
        county: countyCode,
        household: householdId,
        kind: CaseKind.IDENTIFICATION,
      })
      .getOne();
    return open ? { id: open.id, caseNumber: open.caseNumber } : null;
  }

  /** Number and status of cases by id (for lists that show the case a record led to, e.g. department feedback). */
  async briefsOf(ids: string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, { caseNumber: string; status: string }>> {
    const unique = [...new Set(ids.filter(Boolean))];
    if (!unique.length) return new Map();
    const rows: { id: string; case_number: string; status: string }[] = await manager.query(
      `SELECT id, case_number, status FROM cases WHERE id = ANY($1::uuid[])`,
      [unique],
    );
    return new Map(rows.map((r) => [r.id, { caseNumber: r.case_number, status: r.status }]));
  }

  private async resolveSubject(
    manager: EntityManager,
    user: AuthUser,
    input: CaseSourceInput,
    errors: ErrorDetail[],
  ): Promise<ResolvedSubject | null> {
    const citizen = user.role === Role.CITIZEN;
    if (input.householdId) {
      const linked = await this.parties.fromHousehold(manager, input.householdId);
      // a citizen's own bound household is theirs whatever the region; a cadre's must be in scope
      if (!linked || (!citizen && !isInScope(user, linked.subject.regionCode))) {
        errors.push({ field: 'householdId', message: '户不存在或不在您的辖区内' });
        return null;
      }
      return linked.subject;
    }
    if (!input.proposed) {
      errors.push({ field: citizen ? 'subject' : 'proposedHousehold', message: '请选择户，或填写当事人及所在村' });
      return null;
    }
    const field = citizen ? 'subject' : 'proposedHousehold';
    return this.parties.fromProposed(manager, user, input.proposed, field, errors);
  }

  /** The number of the household's open case (after the insert met it). */
  private async openCaseNumber(manager: EntityManager, subject: ResolvedSubject): Promise<string | null> {
    const open = await manager
      .getRepository(Case)
      .createQueryBuilder('c')
      .select(['c.id', 'c.caseNumber'])
      .where('c.county_code = :county AND c.household_id = :household AND c.kind = :kind AND c.closed_at IS NULL', {
        county: subject.countyCode,
        household: subject.householdId,
        kind: CaseKind.IDENTIFICATION,
      })
      .getOne();
    return open?.caseNumber ?? null;
  }

  /**
   * INSERT ... ON CONFLICT DO NOTHING RETURNING what the database sets (id, number, times); the entity is the values
   * written plus those, with no second read. null when the household already has an open case (the partial unique
   * index UQ_cases_open_household: safe however many requests arrive at once).
   */
  private async insert(manager: EntityManager, values: Partial<Case>, numberPrefix: string): Promise<Case | null> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(Case)
      .values({ ...values, caseNumber: () => `'${numberPrefix}' || lpad(nextval('${CASE_NUMBER_SEQUENCE}')::text, 6, '0')` })
      .orIgnore()
      .returning('id, case_number, created_at, updated_at')
      .updateEntity(false)
      .execute();
    const row = result.raw[0] as { id: string; case_number: string; created_at: Date; updated_at: Date } | undefined;
    if (!row) return null;
    return Object.assign(new Case(), {
      escalatedAt: null,
      escalationLevel: null,
      analysis: null,
      survey: null,
      publicity: null,
      townshipReview: null,
      countyDecision: null,
      closedAt: null,
      ...values,
      id: row.id,
      caseNumber: row.case_number,
      createdAt: new Date(row.created_at),
      updatedAt: new Date(row.updated_at),
    });
  }
}

/** A unique violation of the one-open-case-per-household index becomes 409 CASE_ALREADY_OPEN. */
export function translateCaseWriteError(error: unknown): unknown {
  const driver = error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : null;
  if (driver?.code === '23505' && driver.constraint === OPEN_HOUSEHOLD_INDEX) return CasesException.alreadyOpen(null);
  return error;
}

