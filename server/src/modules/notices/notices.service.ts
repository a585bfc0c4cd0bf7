import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseKind, HealthStatus, HealthStatusLabel, MonitoringType, Role, maskName } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { regionPrefixOf } from '../../common/auth/region-scope.js';
import { addCalendarDays, Clock } from '../../common/clock.js';
import { ErrorDetail, forbidden, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AccountDirectoryService } from '../accounts/account-directory.service.js';
import { AuditService } from '../audit/audit.service.js';
import { HouseholdsService } from '../households/households.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { SettingsService } from '../settings/settings.service.js';
import type { NoticeDetailDto, NoticeSummaryDto, ObjectionDto } from './dto/notice.dto.js';
import { NoticePhase } from './dto/notice.dto.js';
import type { AnswerObjectionDto, CreateObjectionDto, NoticeListQueryDto } from './dto/notice-input.dto.js';
import { Notice, NoticeDecision, NoticeKind } from './entities/notice.entity.js';
import { Objection } from './entities/objection.entity.js';
import { mapNotice, mapNoticeDetail, mapObjection, NoticeFacts, noticeAuditSnapshot, noticePhase } from './notices.mapper.js';
import { NoticesException } from './notices.exception.js';

/** What the cases module passes when publicity starts (publicize.start). */
export interface OpenNoticeInput {
  caseId: string;
  countyCode: string;
  villageCode: string;
  householdId: string;
  proposedMonitoringType: MonitoringType | string | null;
  reasonBrief: string;
  /** first day of the notice, 'YYYY-MM-DD' (China date), not before today */
  startDate: string;
  /** length in calendar days, at least the minNoticeDays setting of the village */
  days: number;
  /** identification (default) or risk elimination: only the title differs */
  caseKind?: CaseKind;
}

/** What the cases module passes when the county decides (county.confirm / county.reject). */
export interface ResultNoticeInput {
  caseId: string;
  countyCode: string;
  villageCode: string;
  householdId: string;
  decision: 'CONFIRMED' | 'REJECTED';
  monitoringType?: MonitoringType | string | null;
  reasonBrief: string;
  caseKind?: CaseKind;
}

/** Roles that answer objections (the village that posted the notice, the township above it). */
export const OBJECTION_ANSWER_ROLES: readonly Role[] = Object.freeze([Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER]);

const NOTICE = '公示';
const OBJECTION = '异议';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
// a run of 7+ digits: a phone, an ID number or a bank account, none of which a notice may show
const LONG_NUMBER = /[0-9Xx]{7,}/;
const HEALTH_WORDS = Object.entries(HealthStatusLabel)
  .filter(([status]) => status !== HealthStatus.HEALTHY)
  .map(([, label]) => label);
const MAX_REASON_BRIEF = 200;

const TITLE_SUBJECT: Record<CaseKind, string> = {
  [CaseKind.IDENTIFICATION]: '防返贫监测对象识别',
  [CaseKind.ELIMINATION]: '防返贫监测对象风险消除',
};

/** A cadre's scope for notices: their region, or for a grid worker of one grid the village of that grid. */
const villageScopeOf = (user: AuthUser) => regionPrefixOf(user).slice(0, 12);

const isRealDate = (value: string) => DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/**
 * 评议公示 and 结果公告 (DOMAIN.md step 4 and 6): notices of a village, objections to them, and the rules the
 * cases module calls inside its own transaction (openForCase, assertClosable, publishResult).
 */
@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly households: HouseholdsService,
    private readonly regions: RegionsService,
    private readonly accounts: AccountDirectoryService,
    private readonly settings: SettingsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
  ) {}

  // ---------------------------------------------------------------- API

  /** GET /notices: citizens the notices of their own village; cadres those of their region (or a village in it). */
  async list(user: AuthUser, query: NoticeListQueryDto): Promise<Page<NoticeSummaryDto>> {
    const { page, pageSize, offset } = pageOf(query);
    const manager = this.dataSource.manager;
    const qb = manager.getRepository(Notice).createQueryBuilder('n');
    if (user.role === Role.CITIZEN) {
      const village = await this.citizenVillage(user, manager);
      if (query.village && query.village !== village) throw forbidden('只能查看本户所在村（社区）的公示');
      qb.where('n.village_code = :village', { village });
    } else {
      const scope = villageScopeOf(user);
      if (query.village && !query.village.startsWith(scope)) throw forbidden('所选地区不在您的辖区内');
      const prefix = query.village ?? scope;
      qb.where('n.village_code LIKE :prefix', { prefix: `${prefix}%` });
      if (prefix.length >= 6) qb.andWhere('n.county_code = :county', { county: prefix.slice(0, 6) });
    }
    if (query.kind) qb.andWhere('n.kind = :kind', { kind: query.kind });
    if (query.caseId) qb.andWhere('n.case_id = :caseId', { caseId: query.caseId });
    const today = this.clock.today();
    if (query.active === true) qb.andWhere('n.start_date <= :today AND n.end_date >= :today', { today });
    if (query.active === false) qb.andWhere('(n.start_date > :today OR n.end_date < :today)', { today });
    const [rows, total] = await qb
      .orderBy('n.start_date', 'DESC')
      .addOrderBy('n.created_at', 'DESC')
      .addOrderBy('n.id', 'ASC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    const facts = await this.factsOf(rows, manager);
    return { items: rows.map((n) => mapNotice(n, facts.get(n.id)!, today)), total, page, pageSize };
  }

  /** GET /notices/:id with the objections as the caller may see them. */
  async get(user: AuthUser, id: string): Promise<NoticeDetailDto> {
    const manager = this.dataSource.manager;
    const notice = await this.loadVisible(user, id, manager);
    return this.detail(user, notice, manager);
  }

  /** POST /notices/:id/objections: while the publicity is open (Clock), by a villager of that village or a cadre. */
  async object(user: AuthUser, id: string, dto: CreateObjectionDto): Promise<ObjectionDto> {
    return this.dataSource.transaction(async (manager) => {
      // FOR SHARE: closing the publicity (assertClosable, FOR UPDATE) waits for an objection being written
      const notice = await this.loadVisible(user, id, manager, 'pessimistic_read');
      if (notice.kind !== NoticeKind.PUBLICITY) throw NoticesException.resultNoticeNoObjections();
      const { phase } = noticePhase(notice, this.clock.today());
      if (phase !== NoticePhase.OPEN) throw NoticesException.closed(notice.startDate, notice.endDate, phase === NoticePhase.UPCOMING);
      const objectionId = randomUUID();
      await manager
        .createQueryBuilder()
        .insert()
        .into(Objection)
        .values({
          id: objectionId,
          countyCode: notice.countyCode,
          noticeId: notice.id,
          authorAccountId: user.accountId,
          authorRole: user.role,
          anonymous: dto.anonymous ?? false,
          reason: dto.reason,
          createdAt: this.clock.now(),
        })
        .updateEntity(false)
        .execute();
      const objection = await manager.getRepository(Objection).findOneByOrFail({ id: objectionId });
      await this.audit.record(manager, {
        actor: user,
        action: 'objection.create',
        entityType: 'objection',
        entityId: objection.id,
        regionCode: notice.villageCode,
        after: { noticeId: notice.id, caseId: notice.caseId, anonymous: objection.anonymous, reason: objection.reason },
      });
      await this.notifications.enqueue(manager, [
        {
          to: { regionCode: notice.villageCode, roles: [Role.VILLAGE_CADRE] },
          kind: 'notice.objection',
          title: '公示收到异议',
          body: `“${notice.title}”（${notice.subjectNameMasked}户）收到一条异议，请核实后在公示结束前答复。`,
          regionCode: notice.villageCode,
          data: { noticeId: notice.id, caseId: notice.caseId, objectionId: objection.id },
        },
      ]);
      return mapObjection(objection, user, await this.accounts.describe(manager, [user.accountId]));
    });
  }

  /** POST /notices/:id/objections/:objectionId/answer: the village cadre or township reviewer records the answer. */
  async answer(user: AuthUser, id: string, objectionId: string, dto: AnswerObjectionDto): Promise<ObjectionDto> {
    if (!OBJECTION_ANSWER_ROLES.includes(user.role)) throw forbidden('只有村干部或乡镇审核人可以答复异议');
    return this.dataSource.transaction(async (manager) => {
      const notice = await this.loadVisible(user, id, manager);
      const objection = UUID.test(objectionId)
        ? await manager
            .getRepository(Objection)
            .createQueryBuilder('o')
            .where('o.county_code = :county AND o.notice_id = :notice AND o.id = :id', {
              county: notice.countyCode,
              notice: notice.id,
              id: objectionId,
            })
            .setLock('pessimistic_write')
            .getOne()
        : null;
      if (!objection) throw notFound(OBJECTION);
      if (objection.answer !== null) throw NoticesException.alreadyAnswered();
      const answeredAt = this.clock.now();
      await manager
        .createQueryBuilder()
        .update(Objection)
        .set({ answer: dto.answer, answeredBy: user.accountId, answeredAt })
        .where('county_code = :county AND id = :id', { county: objection.countyCode, id: objection.id })
        .execute();
      Object.assign(objection, { answer: dto.answer, answeredBy: user.accountId, answeredAt });
      await this.audit.record(manager, {
        actor: user,
        action: 'objection.answer',
        entityType: 'objection',
        entityId: objection.id,
        regionCode: notice.villageCode,
        after: { noticeId: notice.id, caseId: notice.caseId, answer: dto.answer },
      });
      await this.notifications.enqueue(manager, [
        {
          to: { accountId: objection.authorAccountId },
          kind: 'notice.objection-answered',
          title: '您的异议已答复',
          body: `您对“${notice.title}”（${notice.subjectNameMasked}户）提出的异议已有答复，请查看。`,
          regionCode: notice.villageCode,
          data: { noticeId: notice.id, objectionId: objection.id },
        },
      ]);
      return mapObjection(objection, user, await this.accounts.describe(manager, [objection.authorAccountId, user.accountId]));
    });
  }

  // ---------------------------------------------------------------- for the cases module (its transaction)

  /**
   * publicize.start: posts the 评议公示 of the case in its village. Checks the period against the village's
   * minNoticeDays setting and that the reason names nothing personal; the masked head name and the household size
   * come from the registry. Errors name the case action's fields (noticeStartDate, noticeDays, reasonBrief).
   */
  async openForCase(manager: EntityManager, user: AuthUser, c: OpenNoticeInput): Promise<{ noticeId: string; endDate: string }> {
    const today = this.clock.today();
    const errors: ErrorDetail[] = [];
    const { minNoticeDays } = await this.settings.workflowSettingsFor(manager, c.villageCode);
    if (!isRealDate(c.startDate)) errors.push({ field: 'noticeStartDate', message: '公示开始日期格式应为 YYYY-MM-DD' });
    else if (c.startDate < today) errors.push({ field: 'noticeStartDate', message: `公示开始日期不能早于今天（${today}）` });
    if (!Number.isInteger(c.days) || c.days < minNoticeDays) {
      errors.push({ field: 'noticeDays', message: `公示天数不能少于${minNoticeDays}天` });
    }
    this.checkPublicText(c.reasonBrief, errors);
    const subject = await this.subjectOf(manager, user, c, errors);
    if (errors.length || !subject) throw validationFailed(errors);
    const notice = await this.insertNotice(manager, user, c, subject, {
      kind: NoticeKind.PUBLICITY,
      monitoringType: (c.proposedMonitoringType as MonitoringType | null) ?? null,
      decision: null,
      startDate: c.startDate,
      endDate: addCalendarDays(c.startDate, c.days - 1),
    });
    return { noticeId: notice.id, endDate: notice.endDate };
  }

  /**
   * publicize.close: the case's latest publicity must be over (Clock) and every objection answered; else 409
   * NOTICE_PERIOD_NOT_OVER (with the end date) or OBJECTIONS_UNANSWERED (with the count). Locks the notice so an
   * objection being written at the same moment is counted.
   */
  async assertClosable(manager: EntityManager, caseId: string): Promise<void> {
    const notice = UUID.test(caseId)
      ? await manager
          .getRepository(Notice)
          .createQueryBuilder('n')
          .where('n.case_id = :caseId AND n.kind = :kind', { caseId, kind: NoticeKind.PUBLICITY })
          .orderBy('n.created_at', 'DESC')
          .addOrderBy('n.start_date', 'DESC')
          .limit(1)
          .setLock('pessimistic_write')
          .getOne()
      : null;
    if (!notice) throw NoticesException.noPublicityNotice();
    if (this.clock.today() <= notice.endDate) throw NoticesException.periodNotOver(notice.endDate);
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM notice_objections WHERE county_code = $1 AND notice_id = $2 AND answer IS NULL`,
      [notice.countyCode, notice.id],
    );
    if (count > 0) throw NoticesException.objectionsUnanswered(count);
  }

  /** county.confirm / county.reject: the 结果公告 in the village, shown for minNoticeDays from today. */
  async publishResult(manager: EntityManager, user: AuthUser, c: ResultNoticeInput): Promise<{ noticeId: string }> {
    const errors: ErrorDetail[] = [];
    if (!Object.values(NoticeDecision).includes(c.decision as NoticeDecision)) {
      errors.push({ field: 'decision', message: '结果只能是确定或不予确定' });
    }
    this.checkPublicText(c.reasonBrief, errors);
    const subject = await this.subjectOf(manager, user, c, errors);
    if (errors.length || !subject) throw validationFailed(errors);
    const { minNoticeDays } = await this.settings.workflowSettingsFor(manager, c.villageCode);
    const today = this.clock.today();
    const notice = await this.insertNotice(manager, user, c, subject, {
      kind: NoticeKind.RESULT,
      monitoringType: c.decision === NoticeDecision.CONFIRMED ? ((c.monitoringType as MonitoringType | null) ?? null) : null,
      decision: c.decision as NoticeDecision,
      startDate: today,
      endDate: addCalendarDays(today, Math.max(minNoticeDays, 1) - 1),
    });
    return { noticeId: notice.id };
  }

  /**
   * Objections to the publicity notices of these cases: how many were raised and how many still wait for an answer
   * (the township's bulk approval takes only cases with none unanswered). Cases without objections are left out.
   */
  async objectionCountsOf(manager: EntityManager | null, cases: { id: string; countyCode: string }[]): Promise<Map<string, { total: number; unanswered: number }>> {
    const ids = cases.map((c) => c.id).filter((id) => UUID.test(id));
    if (!ids.length) return new Map();
    const rows: { case_id: string; total: number; unanswered: number }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT n.case_id, count(o.id)::int AS total, count(o.id) FILTER (WHERE o.answer IS NULL)::int AS unanswered
         FROM notices n JOIN notice_objections o ON o.county_code = n.county_code AND o.notice_id = n.id
        WHERE n.county_code = ANY($1::varchar[]) AND n.case_id = ANY($2::uuid[]) AND n.kind = $3
        GROUP BY n.case_id`,
      [[...new Set(cases.map((c) => c.countyCode))], ids, NoticeKind.PUBLICITY],
    );
    return new Map(rows.map((row) => [row.case_id, { total: row.total, unanswered: row.unanswered }]));
  }

  // ---------------------------------------------------------------- helpers

  /** Reasons are posted publicly: no 7+ digit numbers (phones, IDs, bank accounts) and no health status words. */
  private checkPublicText(text: string, errors: ErrorDetail[]): void {
    const value = typeof text === 'string' ? text.trim() : '';
    if (!value) errors.push({ field: 'reasonBrief', message: '公示理由不能为空' });
    else if (Array.from(value).length > MAX_REASON_BRIEF) errors.push({ field: 'reasonBrief', message: `公示理由最多${MAX_REASON_BRIEF}个字` });
    else if (LONG_NUMBER.test(value) || HEALTH_WORDS.some((word) => value.includes(word))) {
      errors.push({ field: 'reasonBrief', message: '公示理由不能包含证件号码、电话、银行账号或健康状况（如大病、残疾）' });
    }
  }

  /** The masked head name and household size from the registry (404 when the household is out of scope). */
  private async subjectOf(
    manager: EntityManager,
    user: AuthUser,
    c: { countyCode: string; villageCode: string; householdId: string },
    errors: ErrorDetail[],
  ): Promise<{ nameMasked: string; size: number; villageName: string } | null> {
    if (!/^[0-9]{12}$/.test(c.villageCode) || c.countyCode !== c.villageCode.slice(0, 6)) {
      errors.push({ field: 'villageCode', message: '村（社区）代码应为12位数字，且属于案件所在县' });
      return null;
    }
    const household = await this.households.getSummary(user, c.householdId, manager);
    if (!household.regionCode.startsWith(c.villageCode)) {
      errors.push({ field: 'householdId', message: '该户不在公示的村（社区）' });
      return null;
    }
    const villageName = (await this.regions.namesOf([c.villageCode], manager)).get(c.villageCode) ?? '';
    return { nameMasked: maskName(household.headName), size: household.memberCount, villageName };
  }

  private async insertNotice(
    manager: EntityManager,
    user: AuthUser,
    c: { caseId: string; countyCode: string; villageCode: string; householdId: string; reasonBrief: string; caseKind?: CaseKind },
    subject: { nameMasked: string; size: number; villageName: string },
    values: Pick<Notice, 'kind' | 'monitoringType' | 'decision' | 'startDate' | 'endDate'>,
  ): Promise<Notice> {
    const caseKind = c.caseKind ?? CaseKind.IDENTIFICATION;
    const title = `${subject.villageName}${TITLE_SUBJECT[caseKind]}${values.kind === NoticeKind.PUBLICITY ? '公示' : '结果公告'}`;
    const id = randomUUID();
    await manager
      .createQueryBuilder()
      .insert()
      .into(Notice)
      .values({
        ...values,
        id,
        countyCode: c.countyCode,
        villageCode: c.villageCode,
        caseId: c.caseId,
        householdId: c.householdId,
        caseKind,
        title,
        subjectNameMasked: subject.nameMasked,
        householdSize: subject.size,
        reasonBrief: c.reasonBrief.trim(),
        createdBy: user.accountId,
        createdAt: this.clock.now(),
      })
      .updateEntity(false)
      .execute();
    const notice = await manager.getRepository(Notice).findOneByOrFail({ id });
    await this.audit.record(manager, {
      actor: user,
      action: values.kind === NoticeKind.PUBLICITY ? 'notice.open' : 'notice.result',
      entityType: 'notice',
      entityId: notice.id,
      regionCode: notice.villageCode,
      after: noticeAuditSnapshot(notice),
    });
    return notice;
  }

  /** The village of a citizen's bound household (403 while unbound). */
  private async citizenVillage(user: AuthUser, manager: EntityManager): Promise<string> {
    if (!user.householdId || !user.memberId) throw NoticesException.citizenNotBound();
    const bound = await this.households.describeMemberForBinding(manager, user.householdId, user.memberId);
    if (!bound) throw NoticesException.citizenNotBound();
    return bound.regionCode.slice(0, 12);
  }

  /** A notice the caller may see: citizens of its village, cadres whose region contains it; else 404. */
  private async loadVisible(
    user: AuthUser,
    id: string,
    manager: EntityManager,
    lock?: 'pessimistic_read' | 'pessimistic_write',
  ): Promise<Notice> {
    if (!UUID.test(id)) throw notFound(NOTICE);
    const qb = manager.getRepository(Notice).createQueryBuilder('n').where('n.id = :id', { id });
    if (lock) qb.setLock(lock);
    const notice = await qb.getOne();
    if (!notice) throw notFound(NOTICE);
    const visible =
      user.role === Role.CITIZEN
        ? (await this.citizenVillage(user, manager)) === notice.villageCode
        : notice.villageCode.startsWith(villageScopeOf(user));
    if (!visible) throw notFound(NOTICE);
    return notice;
  }

  private async detail(user: AuthUser, notice: Notice, manager: EntityManager): Promise<NoticeDetailDto> {
    const objections = await manager
      .getRepository(Objection)
      .createQueryBuilder('o')
      .where('o.county_code = :county AND o.notice_id = :id', { county: notice.countyCode, id: notice.id })
      .orderBy('o.created_at', 'ASC')
      .addOrderBy('o.id', 'ASC')
      .getMany();
    const accounts = await this.accounts.describe(
      manager,
      objections.flatMap((o) => [o.authorAccountId, o.answeredBy]),
    );
    const facts = (await this.factsOf([notice], manager)).get(notice.id)!;
    const today = this.clock.today();
    const open = notice.kind === NoticeKind.PUBLICITY && noticePhase(notice, today).phase === NoticePhase.OPEN;
    return mapNoticeDetail(
      notice,
      facts,
      today,
      objections.map((o) => mapObjection(o, user, accounts)),
      {
        canObject: open,
        canAnswer: OBJECTION_ANSWER_ROLES.includes(user.role) && facts.unansweredCount > 0,
      },
    );
  }

  /** Village names and objection counts of a page of notices: two queries. */
  private async factsOf(notices: Notice[], manager: EntityManager): Promise<Map<string, NoticeFacts>> {
    if (!notices.length) return new Map();
    const counts: { notice_id: string; total: number; unanswered: number }[] = await manager.query(
      `SELECT notice_id, count(*)::int AS total, (count(*) FILTER (WHERE answer IS NULL))::int AS unanswered
         FROM notice_objections WHERE county_code = ANY($1::varchar[]) AND notice_id = ANY($2::uuid[])
        GROUP BY notice_id`,
      [[...new Set(notices.map((n) => n.countyCode))], notices.map((n) => n.id)],
    );
    const byNotice = new Map(counts.map((c) => [c.notice_id, c]));
    const names = await this.regions.pathNamesOf(notices.map((n) => n.villageCode), manager);
    return new Map(
      notices.map((n) => [
        n.id,
        {
          villageName: names.get(n.villageCode) ?? '',
          objectionCount: byNotice.get(n.id)?.total ?? 0,
          unansweredCount: byNotice.get(n.id)?.unanswered ?? 0,
        },
      ]),
    );
  }
}
