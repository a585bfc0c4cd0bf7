import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { REGION_CODE_LENGTH, RegionLevel, Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { assertInScope, narrowRegion } from '../../common/auth/region-scope.js';
import { Clock } from '../../common/clock.js';
import { forbidden, notFound } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { Household } from '../households/entities/household.entity.js';
import { RegionsService } from '../regions/regions.service.js';
import type {
  ScreeningConflictDto,
  ScreeningProgressDto,
  ScreeningProgressItemDto,
  ScreeningResultDto,
  ScreeningTaskCardDto,
} from './dto/screening.dto.js';
import type { ConflictListQueryDto, ProgressQueryDto, ResultHistoryQueryDto, TaskListQueryDto } from './dto/screening-input.dto.js';
import { ScreeningResolution, ScreeningResult } from './entities/screening-result.entity.js';
import { ScreeningTask, ScreeningTaskStatus } from './entities/screening-task.entity.js';
import { ScreeningCardsService } from './screening-cards.service.js';
import { mapTaskCard } from './screening.mapper.js';

/** Who screens: they download tasks, send results and settle conflicts. */
export const SCREENING_WORKER_ROLES: readonly Role[] = Object.freeze([Role.GRID_WORKER, Role.VILLAGE_CADRE]);
/** Who follows the progress and reads a household's screening history. */
export const SCREENING_READER_ROLES: readonly Role[] = Object.freeze([
  Role.GRID_WORKER,
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
  Role.ADMIN,
]);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LEVEL_LENGTHS = [2, 4, 6, 9, 12, 15];
const GRID_LENGTH = REGION_CODE_LENGTH[RegionLevel.GRID];

/** The code length one level below a region ('' = above the provinces; a grid is its own "child"). */
export const childLengthOf = (region: string) => LEVEL_LENGTHS.find((n) => n > region.length) ?? GRID_LENGTH;

/** SQL fragment and parameter that add the county equality when the prefix names one (the index leads with it). */
const countyOf = (prefix: string) => (prefix.length >= 6 ? prefix.slice(0, 6) : null);

export function assertRole(user: AuthUser, roles: readonly Role[], message: string): void {
  if (!roles.includes(user.role)) throw forbidden(message);
}

/**
 * The reading side of the monthly screening: the worker's download (task cards), the conflicts waiting for them,
 * the progress per region and a household's history. Every query is scoped by the caller's region prefix.
 */
@Injectable()
export class ScreeningService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly cards: ScreeningCardsService,
    private readonly regions: RegionsService,
  ) {}

  currentMonth(): string {
    return this.clock.today().slice(0, 7);
  }

  /**
   * GET /screening/tasks: the month's tasks of the caller's grids (a grid worker: the grid; a village cadre: the
   * village), in a stable order for paging, each with the household card and the last and current answers.
   */
  async tasks(user: AuthUser, query: TaskListQueryDto): Promise<Page<ScreeningTaskCardDto>> {
    assertRole(user, SCREENING_WORKER_ROLES, '只有网格员和村干部可以下载筛查任务');
    const month = query.month ?? this.currentMonth();
    const prefix = narrowRegion(user, query.grid);
    const { page, pageSize, offset } = pageOf(query, 100);
    const qb = this.dataSource
      .getRepository(ScreeningTask)
      .createQueryBuilder('t')
      .innerJoin(Household, 'h', 'h.county_code = t.county_code AND h.id = t.household_id')
      .where('t.month = :month AND t.grid_code LIKE :prefix', { month, prefix: `${prefix}%` });
    const county = countyOf(prefix);
    if (county) qb.andWhere('t.county_code = :county', { county });
    if (query.status) qb.andWhere('t.status = :status', { status: query.status });
    const [tasks, total] = await qb
      .orderBy('t.grid_code', 'ASC')
      .addOrderBy('h.household_number', 'ASC')
      .addOrderBy('t.id', 'ASC')
      // offset/limit, not skip/take: the join selects no entity (one household per task), so no distinct subquery
      .offset(offset)
      .limit(pageSize)
      .getManyAndCount();
    const manager = this.dataSource.manager;
    const refs = tasks.map((t) => ({ countyCode: t.countyCode, householdId: t.householdId }));
    const [households, last, current] = await Promise.all([
      this.cards.householdCards(manager, refs, this.clock.today()),
      this.cards.lastResults(manager, refs, month),
      this.cards.currentResults(manager, tasks),
    ]);
    const currentDtos = new Map(
      (await this.cards.results(manager, user, [...current.values()])).map((dto) => [dto.taskId, dto]),
    );
    const items = tasks
      .filter((t) => households.has(t.householdId))
      .map((t) => mapTaskCard(t, households.get(t.householdId)!, last.get(t.householdId) ?? null, currentDtos.get(t.id) ?? null));
    return { items, total, page, pageSize };
  }

  /** GET /screening/conflicts: results waiting to be kept or discarded in the caller's region (all months by default). */
  async conflicts(user: AuthUser, query: ConflictListQueryDto): Promise<Page<ScreeningConflictDto>> {
    assertRole(user, SCREENING_WORKER_ROLES, '只有网格员和村干部可以处理筛查冲突');
    const prefix = narrowRegion(user);
    const { page, pageSize, offset } = pageOf(query);
    const qb = this.dataSource
      .getRepository(ScreeningResult)
      .createQueryBuilder('r')
      .where('r.conflict AND r.resolution IS NULL AND r.grid_code LIKE :prefix', { prefix: `${prefix}%` });
    const county = countyOf(prefix);
    if (county) qb.andWhere('r.county_code = :county', { county });
    if (query.month) qb.andWhere('r.month = :month', { month: query.month });
    const [rows, total] = await qb.orderBy('r.created_at', 'ASC').addOrderBy('r.id', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    if (!rows.length) return { items: [], total, page, pageSize };

    const manager = this.dataSource.manager;
    const tasks = await manager
      .getRepository(ScreeningTask)
      .createQueryBuilder('t')
      .where('t.county_code = ANY(:counties) AND t.id = ANY(:ids)', {
        counties: [...new Set(rows.map((r) => r.countyCode))],
        ids: [...new Set(rows.map((r) => r.taskId))],
      })
      .getMany();
    const taskById = new Map(tasks.map((t) => [t.id, t]));
    const others = await manager
      .getRepository(ScreeningResult)
      .createQueryBuilder('r')
      .where('r.county_code = ANY(:counties) AND r.task_id = ANY(:tasks) AND NOT (r.id = ANY(:ids))', {
        counties: [...new Set(rows.map((r) => r.countyCode))],
        tasks: tasks.map((t) => t.id),
        ids: rows.map((r) => r.id),
      })
      .andWhere('r.resolution IS DISTINCT FROM :discarded', { discarded: ScreeningResolution.DISCARDED })
      .orderBy('r.created_at', 'ASC')
      .getMany();
    const households = await this.cards.householdCards(
      manager,
      rows.map((r) => ({ countyCode: r.countyCode, householdId: r.householdId })),
      this.clock.today(),
    );
    const dtos = await this.cards.results(manager, user, [...rows, ...others]);
    const dtoById = new Map(dtos.map((d) => [d.id, d]));
    const items = rows.map((r) => {
      const task = taskById.get(r.taskId)!;
      return {
        ...dtoById.get(r.id)!,
        household: households.get(r.householdId)!,
        taskMonth: task.month,
        taskStatus: task.status,
        otherResults: others.filter((o) => o.taskId === r.taskId).map((o) => dtoById.get(o.id)!),
      };
    });
    return { items, total, page, pageSize };
  }

  /** GET /screening/progress: tasks, done, conflicts and findings per child region of `region` (default: own). */
  async progress(user: AuthUser, query: ProgressQueryDto): Promise<ScreeningProgressDto> {
    assertRole(user, SCREENING_READER_ROLES, '您的角色不能查看筛查进度');
    const month = query.month ?? this.currentMonth();
    const region = narrowRegion(user, query.region);
    const childLength = childLengthOf(region);
    const params: unknown[] = [month, `${region}%`, childLength, ScreeningTaskStatus.DONE, ScreeningTaskStatus.CONFLICT, ScreeningResolution.KEPT];
    const county = countyOf(region);
    if (county) params.push(county);
    const rows: { code: string; total: number; done: number; conflicts: number; findings: number }[] = await this.dataSource.query(
      `SELECT left(t.grid_code, $3) AS code, count(*)::int AS total,
              count(*) FILTER (WHERE t.status = $4)::int AS done,
              count(*) FILTER (WHERE t.status = $5)::int AS conflicts,
              count(*) FILTER (WHERE EXISTS (
                SELECT 1 FROM screening_results r
                 WHERE r.county_code = t.county_code AND r.task_id = t.id AND r.has_risk
                   AND (NOT r.conflict OR r.resolution = $6)))::int AS findings
         FROM screening_tasks t
        WHERE t.month = $1 AND t.grid_code LIKE $2 ${county ? 'AND t.county_code = $7' : ''}
        GROUP BY 1 ORDER BY 1`,
      params,
    );
    const counts = new Map(rows.map((r) => [r.code, r]));
    // every child region is listed, also those with no task (nothing in scope, or not generated)
    const children: { code: string }[] =
      region.length === GRID_LENGTH
        ? [{ code: region }]
        : await this.dataSource.query(
            region ? `SELECT code FROM regions WHERE parent_code = $1 ORDER BY code` : `SELECT code FROM regions WHERE parent_code IS NULL ORDER BY code`,
            region ? [region] : [],
          );
    const codes = [...new Set([...children.map((c) => c.code), ...counts.keys()])].sort();
    const names = await this.regions.namesOf([...codes, region]);
    const item = (code: string, name: string, c?: { total: number; done: number; conflicts: number; findings: number }): ScreeningProgressItemDto => ({
      regionCode: code,
      regionName: name,
      total: c?.total ?? 0,
      done: c?.done ?? 0,
      conflicts: c?.conflicts ?? 0,
      findings: c?.findings ?? 0,
    });
    const items = codes.map((code) => item(code, names.get(code) ?? '', counts.get(code)));
    const sum = (key: 'total' | 'done' | 'conflicts' | 'findings') => items.reduce((s, i) => s + i[key], 0);
    const regionName = names.get(region) ?? '';
    return {
      month,
      region,
      regionName,
      totals: { regionCode: region, regionName, total: sum('total'), done: sum('done'), conflicts: sum('conflicts'), findings: sum('findings') },
      items,
    };
  }

  /** GET /screening/results: a household's screening history (newest first), or every result in the caller's region. */
  async history(user: AuthUser, query: ResultHistoryQueryDto): Promise<Page<ScreeningResultDto>> {
    assertRole(user, SCREENING_READER_ROLES, '您的角色不能查看筛查记录');
    const { page, pageSize, offset } = pageOf(query);
    const qb = this.dataSource.getRepository(ScreeningResult).createQueryBuilder('r');
    if (query.householdId) {
      const household = UUID.test(query.householdId)
        ? await this.dataSource.getRepository(Household).findOne({ where: { id: query.householdId }, select: { id: true, countyCode: true, regionCode: true } })
        : null;
      if (!household) throw notFound('户');
      assertInScope(user, household.regionCode, '户');
      qb.where('r.county_code = :county AND r.household_id = :id', { county: household.countyCode, id: household.id });
    } else {
      const prefix = narrowRegion(user);
      qb.where('r.grid_code LIKE :prefix', { prefix: `${prefix}%` });
      const county = countyOf(prefix);
      if (county) qb.andWhere('r.county_code = :county', { county });
    }
    if (query.month) qb.andWhere('r.month = :month', { month: query.month });
    const [rows, total] = await qb
      .orderBy('r.visited_at', 'DESC')
      .addOrderBy('r.created_at', 'DESC')
      .addOrderBy('r.id', 'ASC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    return { items: await this.cards.results(this.dataSource.manager, user, rows), total, page, pageSize };
  }
}
