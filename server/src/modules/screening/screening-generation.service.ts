import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RegionLevel, Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { narrowRegion } from '../../common/auth/region-scope.js';
import { Clock } from '../../common/clock.js';
import { forbidden } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import type { GenerateRoundsResultDto } from './dto/screening.dto.js';
import type { GenerateRoundsDto } from './dto/screening-input.dto.js';
import { ScreeningTaskStatus } from './entities/screening-task.entity.js';
import { ScreeningException } from './screening.exception.js';
import { addMonths, Bind, reasonExpression } from './screening-scope.js';
import { ScreeningScopeService } from './screening-scope.service.js';

export const SCREENING_GENERATE_JOB = 'screening.generate-monthly';
// the job looks every hour whether a county still lacks this month's rounds (cheap: one query when none does)
const GENERATE_CHECK_EVERY_MS = 60 * 60 * 1000;
const STARTUP_DELAY_MS = 60 * 1000;

export interface CountyGeneration {
  countyCode: string;
  roundsCreated: number;
  tasksCreated: number;
}

/**
 * Monthly screening rounds 一月一筛查: for every grid of a county one round per month, with one task per household
 * in scope (ScreeningScopeService, INCLUSION_RULES), in set-based SQL (INSERT ... SELECT ... ON CONFLICT DO NOTHING):
 * running it again creates only what is missing. The job does it for every county at the start of each month;
 * administrators and county officers can trigger it (also to pick up households that came into scope since).
 */
@Injectable()
export class ScreeningGenerationService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(ScreeningGenerationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly scopes: ScreeningScopeService,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SCREENING_GENERATE_JOB, async (data: { month?: string }) => {
      const done = await this.generateMissingCounties(data?.month);
      if (done.length) {
        const tasks = done.reduce((sum, c) => sum + c.tasksCreated, 0);
        this.logger.log(`screening ${data?.month ?? this.currentMonth()}: ${done.length} counties, ${tasks} tasks created`);
      }
    });
    void this.jobs.schedule(SCREENING_GENERATE_JOB, GENERATE_CHECK_EVERY_MS);
  }

  onApplicationBootstrap(): void {
    // a server started after the 1st does not wait an hour for the month's rounds
    if (!this.jobs.schedulerEnabled) return;
    // delayed: a short-lived boot (the OpenAPI writer, a migration run) ends before it; one id per month, so
    // restarts within a month queue it once (Redis keeps finished jobs for a while)
    this.jobs
      .enqueue(SCREENING_GENERATE_JOB, {}, { jobId: `screening-generate-startup-${this.currentMonth()}`, delayMs: STARTUP_DELAY_MS, attempts: 3 })
      .catch((error: Error) => this.logger.warn(`could not queue the screening generation: ${error.message}`));
  }

  /** The China calendar month now, 'YYYY-MM'. */
  currentMonth(): string {
    return this.clock.today().slice(0, 7);
  }

  /** POST /screening/rounds/generate (ADMIN, COUNTY_OFFICER within their region). */
  async generate(user: AuthUser, dto: GenerateRoundsDto): Promise<GenerateRoundsResultDto> {
    if (user.role !== Role.ADMIN && user.role !== Role.COUNTY_OFFICER) throw forbidden('只有管理员和县级干部可以生成筛查任务');
    const month = dto.month ?? this.currentMonth();
    const latest = addMonths(this.currentMonth(), 1);
    if (month > latest) throw ScreeningException.monthOutOfRange(latest);
    const region = narrowRegion(user, dto.region);
    const counties = region.length >= 6 ? [region.slice(0, 6)] : await this.countiesWithin(region);
    let roundsCreated = 0;
    let tasksCreated = 0;
    for (const county of counties) {
      const prefix = region.length > 6 ? region : county;
      const result = await this.dataSource.transaction((manager) => this.generateCounty(manager, user, county, month, prefix));
      roundsCreated += result.roundsCreated;
      tasksCreated += result.tasksCreated;
    }
    return { month, roundsCreated, tasksCreated, counties };
  }

  /** The job: every county that has no rounds of the month yet (default: this month), each in its own transaction. */
  async generateMissingCounties(month = this.currentMonth()): Promise<CountyGeneration[]> {
    const rows: { code: string }[] = await this.dataSource.query(
      `SELECT r.code FROM regions r
        WHERE r.level = $1
          AND NOT EXISTS (SELECT 1 FROM screening_generations g WHERE g.county_code = r.code AND g.month = $2)
        ORDER BY r.code`,
      [RegionLevel.COUNTY, month],
    );
    const done: CountyGeneration[] = [];
    for (const { code } of rows) {
      try {
        done.push(await this.dataSource.transaction((manager) => this.generateCounty(manager, null, code, month, code)));
      } catch (error) {
        this.logger.error(`screening generation of ${code} ${month} failed: ${(error as Error).message}`);
      }
    }
    return done;
  }

  /**
   * One county's rounds and tasks of a month (only the grids under `prefix`), in the caller's transaction, audited.
   * Also for the demo seed. A run over the whole county is recorded in screening_generations.
   */
  async generateCounty(
    manager: EntityManager,
    actor: AuthUser | null,
    countyCode: string,
    month: string,
    prefix = countyCode,
  ): Promise<CountyGeneration> {
    if (!/^[0-9]{6}$/.test(countyCode) || !prefix.startsWith(countyCode)) throw new Error(`bad county ${countyCode} / ${prefix}`);
    const { scope } = await this.scopes.scopeFor(manager, countyCode);
    const now = this.clock.now();

    const candidates = (bind: Bind) =>
      `SELECT h.id, h.county_code, h.region_code, h.version, ${reasonExpression(scope, month, bind)} AS reason
         FROM households h
        WHERE h.county_code = ${bind(countyCode)} AND h.region_code LIKE ${bind(`${prefix}%`)} AND length(h.region_code) = 15`;

    const roundParams: unknown[] = [];
    const bindRound: Bind = (value) => `$${roundParams.push(value)}`;
    const roundSql = `WITH inserted AS (
        INSERT INTO screening_rounds (county_code, month, grid_code, created_at)
        SELECT DISTINCT c.county_code, ${bindRound(month)}, c.region_code, ${bindRound(now)}::timestamptz
          FROM (${candidates(bindRound)}) c WHERE c.reason IS NOT NULL
        ON CONFLICT ON CONSTRAINT "UQ_screening_rounds_county_month_grid" DO NOTHING
        RETURNING 1)
      SELECT count(*)::int AS n FROM inserted`;
    const [{ n: roundsCreated }] = await manager.query(roundSql, roundParams);

    const taskParams: unknown[] = [];
    const bindTask: Bind = (value) => `$${taskParams.push(value)}`;
    const taskSql = `WITH inserted AS (
        INSERT INTO screening_tasks (county_code, round_id, grid_code, month, household_id, status, reason,
                                     household_version_at_issue, created_at, updated_at)
        SELECT c.county_code, r.id, c.region_code, r.month, c.id, ${bindTask(ScreeningTaskStatus.TODO)}, c.reason, c.version,
               ${bindTask(now)}::timestamptz, ${bindTask(now)}::timestamptz
          FROM (${candidates(bindTask)}) c
          JOIN screening_rounds r ON r.county_code = c.county_code AND r.month = ${bindTask(month)} AND r.grid_code = c.region_code
         WHERE c.reason IS NOT NULL
        ON CONFLICT ON CONSTRAINT "UQ_screening_tasks_county_month_household" DO NOTHING
        RETURNING 1)
      SELECT count(*)::int AS n FROM inserted`;
    const [{ n: tasksCreated }] = await manager.query(taskSql, taskParams);

    if (prefix === countyCode) {
      await manager.query(
        `INSERT INTO screening_generations (county_code, month, rounds_created, tasks_created, generated_by, first_generated_at, last_generated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (county_code, month) DO UPDATE SET
           rounds_created = screening_generations.rounds_created + EXCLUDED.rounds_created,
           tasks_created = screening_generations.tasks_created + EXCLUDED.tasks_created,
           generated_by = EXCLUDED.generated_by, last_generated_at = EXCLUDED.last_generated_at`,
        [countyCode, month, roundsCreated, tasksCreated, actor?.accountId ?? null, now],
      );
    }
    // the job's run over a county with nobody in scope leaves no audit row (a trigger always does)
    if (actor || roundsCreated || tasksCreated) {
      await this.audit.record(manager, {
        actor,
        action: 'screening.generate',
        entityType: 'screening_round',
        entityId: `${prefix}:${month}`,
        regionCode: prefix,
        after: { month, region: prefix, roundsCreated, tasksCreated, scope },
      });
    }
    return { countyCode, roundsCreated, tasksCreated };
  }

  private async countiesWithin(prefix: string): Promise<string[]> {
    const rows: { code: string }[] = await this.dataSource.query(
      `SELECT code FROM regions WHERE level = $1 AND code LIKE $2 ORDER BY code`,
      [RegionLevel.COUNTY, `${prefix}%`],
    );
    return rows.map((r) => r.code);
  }
}
