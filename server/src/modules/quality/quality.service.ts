import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { narrowRegion, regionPrefixOf } from '../../common/auth/region-scope.js';
import { Clock } from '../../common/clock.js';
import { notFound } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import type { QualityCheckDto, QualityRunDto } from './dto/quality.dto.js';
import type { CreateQualityRunDto, QualityRunListQueryDto } from './dto/quality-input.dto.js';
import { QualityRun, QualityRunStatus, QualityRunTrigger } from './entities/quality-run.entity.js';
import { codeRange, QUALITY_CHECKS } from './quality-checks.js';
import { QualityException } from './quality.exception.js';
import { mapCheck, mapRun } from './quality.mapper.js';
import { QualityRunnerService } from './quality-runner.service.js';

const RUN = '数据质量检查';
const RECHECKERS: readonly Role[] = [Role.ADMIN, Role.COUNTY_OFFICER];

/**
 * The part of a run a caller sees: the run's region when it lies inside the caller's, the caller's when the run
 * covers it; null when they do not meet.
 */
export function visiblePart(runRegion: string, callerPrefix: string): string | null {
  if (runRegion.startsWith(callerPrefix)) return runRegion;
  if (callerPrefix.startsWith(runRegion)) return callerPrefix;
  return null;
}

/**
 * Data-quality runs 账账相符、账实相符: asked for by a county officer, a township reviewer or an administrator for a
 * region inside their own (or made by the monthly job), executed by QualityRunnerService as a job.
 */
@Injectable()
export class QualityService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly runner: QualityRunnerService,
  ) {}

  /** GET /quality/checks */
  checks(): QualityCheckDto[] {
    return QUALITY_CHECKS.map(mapCheck);
  }

  /**
   * POST /quality/runs: one run per region and China day. Asked again while it waits or runs: the same run; asked
   * again after it finished: the same run once more (its findings replaced), so it never holds two copies.
   */
  async request(user: AuthUser, dto: CreateQualityRunDto): Promise<QualityRunDto> {
    const recheck = dto.recheckIdNumbers === true;
    if (recheck && !RECHECKERS.includes(user.role)) throw QualityException.recheckNotAllowed();
    const region = narrowRegion(user, dto.region);
    if (region) {
      const [known] = await this.dataSource.query(`SELECT 1 FROM regions WHERE code = $1`, [region]);
      if (!known) throw QualityException.regionUnknown(region);
    }
    const today = this.clock.today();
    const now = this.clock.now();
    const id = await this.dataSource.transaction(async (manager) => {
      const busy = `quality_runs.status IN ('${QualityRunStatus.QUEUED}', '${QualityRunStatus.RUNNING}')`;
      const [row]: { id: string; attempt: number; recheck_id_numbers: boolean }[] = await manager.query(
        `INSERT INTO quality_runs (region_code, run_date, trigger, status, recheck_id_numbers, attempt, requested_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, 1, $6, $7, $7)
         ON CONFLICT ON CONSTRAINT "UQ_quality_runs_region_date_trigger" DO UPDATE SET
           status = CASE WHEN ${busy} THEN quality_runs.status ELSE EXCLUDED.status END,
           attempt = CASE WHEN ${busy} THEN quality_runs.attempt ELSE quality_runs.attempt + 1 END,
           recheck_id_numbers = CASE WHEN ${busy} THEN quality_runs.recheck_id_numbers ELSE EXCLUDED.recheck_id_numbers END,
           requested_by = CASE WHEN ${busy} THEN quality_runs.requested_by ELSE EXCLUDED.requested_by END,
           updated_at = EXCLUDED.updated_at
         RETURNING id, attempt, recheck_id_numbers`,
        [region, today, QualityRunTrigger.MANUAL, QualityRunStatus.QUEUED, recheck, user.accountId, now],
      );
      await this.audit.record(manager, {
        actor: user,
        action: 'quality.run',
        entityType: 'quality_run',
        entityId: row.id,
        regionCode: region || null,
        after: { region, runDate: today, trigger: QualityRunTrigger.MANUAL, attempt: row.attempt, recheckIdNumbers: row.recheck_id_numbers },
      });
      return row.id;
    });
    const run = await this.dataSource.getRepository(QualityRun).findOneByOrFail({ id });
    // after the commit, so the job finds the row; a run that still waits is queued again only if the queue lost it
    await this.runner.enqueue(run);
    return this.view(user, run);
  }

  /** GET /quality/runs/:id: status, progress and counts per check within the caller's region. */
  async get(user: AuthUser, id: string): Promise<QualityRunDto> {
    return this.view(user, await this.load(user, id));
  }

  /** GET /quality/runs: the runs that meet the caller's region (inside it, or covering it), newest first. */
  async list(user: AuthUser, query: QualityRunListQueryDto): Promise<Page<QualityRunDto>> {
    const { page, pageSize, offset } = pageOf(query);
    const prefix = narrowRegion(user, query.region);
    const params: unknown[] = [`${prefix}%`, prefix];
    const where = [`(q.region_code LIKE $1 OR $2 LIKE q.region_code || '%')`];
    if (query.trigger) where.push(`q.trigger = $${params.push(query.trigger)}`);
    if (query.status) where.push(`q.status = $${params.push(query.status)}`);
    const sql = `FROM quality_runs q WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${sql}`, params);
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT q.id ${sql} ORDER BY q.created_at DESC, q.id LIMIT $${params.push(pageSize)} OFFSET $${params.push(offset)}`,
      params,
    );
    const runs = ids.length ? await this.dataSource.getRepository(QualityRun).findBy(ids.map((r) => ({ id: r.id }))) : [];
    const byId = new Map(runs.map((r) => [r.id, r]));
    const items: QualityRunDto[] = [];
    for (const { id } of ids) items.push(await this.view(user, byId.get(id)!));
    return { items, total, page, pageSize };
  }

  /** A run the caller may see (404 when it lies outside their region). */
  async load(user: AuthUser, id: string, manager: EntityManager = this.dataSource.manager): Promise<QualityRun> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) throw notFound(RUN);
    const run = await manager.getRepository(QualityRun).findOneBy({ id });
    if (!run || visiblePart(run.regionCode, regionPrefixOf(user)) === null) throw notFound(RUN);
    return run;
  }

  /** The latest finished run that covers the region (its region is the region or one above it), or null. */
  async latestDoneCovering(region: string): Promise<QualityRun | null> {
    const [row]: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM quality_runs WHERE status = $1 AND $2 LIKE region_code || '%' ORDER BY finished_at DESC, id LIMIT 1`,
      [QualityRunStatus.DONE, region],
    );
    return row ? this.dataSource.getRepository(QualityRun).findOneBy({ id: row.id }) : null;
  }

  /** The run as the caller sees it: counts over the part of it inside their region. */
  async view(user: AuthUser, run: QualityRun): Promise<QualityRunDto> {
    const scope = visiblePart(run.regionCode, regionPrefixOf(user)) ?? run.regionCode;
    let counts = run.counts ?? {};
    if (scope !== run.regionCode || run.status !== QualityRunStatus.DONE) {
      const { lower, upper } = codeRange(scope);
      const rows: { check_code: string; n: number }[] = await this.dataSource.query(
        `SELECT check_code, count(*)::int AS n FROM quality_findings
          WHERE run_id = $1 AND region_code >= $2 ${upper ? 'AND region_code < $3' : ''}
          GROUP BY check_code`,
        upper ? [run.id, lower, upper] : [run.id, lower],
      );
      counts = Object.fromEntries(rows.map((r) => [r.check_code, r.n]));
    }
    const [region] = run.regionCode ? await this.dataSource.query(`SELECT name FROM regions WHERE code = $1`, [run.regionCode]) : [];
    return mapRun(run, { regionName: region?.name ?? null, scope, counts });
  }
}
