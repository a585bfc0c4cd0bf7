import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RegionLevel } from '@jiuzhu/shared';
import { Clock } from '../../common/clock.js';
import { AuditService } from '../audit/audit.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import { QualityRun, QualityRunStatus, QualityRunTrigger } from './entities/quality-run.entity.js';
import { addMonths, Bind, MONITORED_MONTHS, QUALITY_CHECKS } from './quality-checks.js';
import { QualityIdRecheckService } from './quality-id-recheck.service.js';

export const QUALITY_RUN_JOB = 'quality.run';
export const QUALITY_MONTHLY_JOB = 'quality.monthly';
// the monthly job looks every hour whether a county still lacks this month's run (one cheap query when none does)
const MONTHLY_CHECK_EVERY_MS = 60 * 60 * 1000;

export interface QualityRunJobData {
  runId: string;
  attempt: number;
}

/** The job id of one attempt of a run (BullMQ keeps finished jobs for a while: a new attempt needs a new id). */
export const runJobId = (runId: string, attempt: number) => `quality-run-${runId}-${attempt}`;

/**
 * Runs the checks (quality-checks.ts): each county of a run in its own transaction, which first removes the run's
 * findings of that county, so a retried or repeated run never doubles a finding. The monthly job makes one run per
 * county that has households, once per China month.
 */
@Injectable()
export class QualityRunnerService implements OnModuleInit {
  private readonly logger = new Logger(QualityRunnerService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly audit: AuditService,
    private readonly idRecheck: QualityIdRecheckService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(QUALITY_RUN_JOB, (data: QualityRunJobData) => this.execute(data));
    this.jobs.register(QUALITY_MONTHLY_JOB, async () => {
      const created = await this.createMonthlyRuns();
      if (created.length) this.logger.log(`quality ${this.clock.today().slice(0, 7)}: ${created.length} county runs queued`);
    });
    void this.jobs.schedule(QUALITY_MONTHLY_JOB, MONTHLY_CHECK_EVERY_MS);
  }

  /** Queues a run's current attempt (a no-op while the same attempt still waits or runs). */
  async enqueue(run: Pick<QualityRun, 'id' | 'attempt'>): Promise<void> {
    const data: QualityRunJobData = { runId: run.id, attempt: run.attempt };
    await this.jobs.enqueue(QUALITY_RUN_JOB, data, { jobId: runJobId(run.id, run.attempt), attempts: 3 });
  }

  /** The monthly job: a MONTHLY run for every county with households and none this month; returns their ids. */
  async createMonthlyRuns(): Promise<string[]> {
    const today = this.clock.today();
    const monthStart = `${today.slice(0, 7)}-01`;
    const counties: { code: string }[] = await this.dataSource.query(
      `SELECT r.code FROM regions r
        WHERE r.level = $1
          AND EXISTS (SELECT 1 FROM households h WHERE h.county_code = r.code)
          AND NOT EXISTS (SELECT 1 FROM quality_runs q WHERE q.region_code = r.code AND q.trigger = $2 AND q.run_date >= $3)
        ORDER BY r.code`,
      [RegionLevel.COUNTY, QualityRunTrigger.MONTHLY, monthStart],
    );
    const created: string[] = [];
    for (const { code } of counties) {
      const run = await this.dataSource.transaction(async (manager) => {
        const rows: QualityRun[] = await manager.query(
          `INSERT INTO quality_runs (region_code, run_date, trigger, status, recheck_id_numbers, attempt, created_at, updated_at)
           VALUES ($1, $2, $3, $4, false, 1, $5, $5)
           ON CONFLICT ON CONSTRAINT "UQ_quality_runs_region_date_trigger" DO NOTHING
           RETURNING id, attempt`,
          [code, today, QualityRunTrigger.MONTHLY, QualityRunStatus.QUEUED, this.clock.now()],
        );
        if (!rows.length) return null;
        await this.audit.record(manager, {
          actor: null,
          action: 'quality.run',
          entityType: 'quality_run',
          entityId: rows[0].id,
          regionCode: code,
          after: { region: code, runDate: today, trigger: QualityRunTrigger.MONTHLY, attempt: 1 },
        });
        return rows[0];
      });
      if (!run) continue;
      await this.enqueue(run);
      created.push(run.id);
    }
    return created;
  }

  /** The run job. Safe to run twice: each county's findings are replaced in one transaction. */
  async execute(data: QualityRunJobData): Promise<void> {
    const repo = this.dataSource.getRepository(QualityRun);
    const run = await repo.findOneBy({ id: data.runId });
    // a newer request replaced this attempt, or a repeated delivery of a finished one
    if (!run || run.attempt !== data.attempt || run.status === QualityRunStatus.DONE) return;
    const counties = await this.countiesOf(run.regionCode);
    await this.dataSource.query(
      `UPDATE quality_runs SET status = $3, started_at = $4, finished_at = NULL, counties_total = $5, counties_done = 0,
              error = NULL, updated_at = $4
        WHERE id = $1 AND attempt = $2`,
      [run.id, run.attempt, QualityRunStatus.RUNNING, this.clock.now(), counties.length],
    );
    try {
      let rechecked = 0;
      for (const county of counties) {
        rechecked += await this.dataSource.transaction((manager) => this.checkCounty(manager, run, county));
        await this.dataSource.query(`UPDATE quality_runs SET counties_done = counties_done + 1 WHERE id = $1 AND attempt = $2`, [run.id, run.attempt]);
      }
      // counties that no longer have households keep no findings of an earlier attempt
      await this.dataSource.query(`DELETE FROM quality_findings WHERE run_id = $1 AND NOT (county_code = ANY($2::varchar[]))`, [run.id, counties]);
      const rows: { check_code: string; n: number }[] = await this.dataSource.query(
        `SELECT check_code, count(*)::int AS n FROM quality_findings WHERE run_id = $1 GROUP BY check_code`,
        [run.id],
      );
      const counts = Object.fromEntries(rows.map((r) => [r.check_code, r.n]));
      const total = rows.reduce((sum, r) => sum + r.n, 0);
      await this.dataSource.transaction(async (manager) => {
        await manager.query(
          `UPDATE quality_runs SET status = $3, counts = $4, total = $5, id_numbers_rechecked = $6, finished_at = $7, updated_at = $7
            WHERE id = $1 AND attempt = $2`,
          [run.id, run.attempt, QualityRunStatus.DONE, counts, total, rechecked, this.clock.now()],
        );
        await this.audit.record(manager, {
          actor: null,
          action: 'quality.run-finish',
          entityType: 'quality_run',
          entityId: run.id,
          regionCode: run.regionCode || null,
          after: { attempt: run.attempt, counties: counties.length, total, counts, idNumbersRechecked: rechecked },
        });
      });
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      this.logger.error(`quality run ${run.id} failed: ${message}`);
      await this.dataSource
        .query(`UPDATE quality_runs SET status = $3, error = $4, updated_at = $5 WHERE id = $1 AND attempt = $2`, [
          run.id,
          run.attempt,
          QualityRunStatus.FAILED,
          message.slice(0, 500),
          this.clock.now(),
        ])
        .catch(() => undefined);
      throw error;
    }
  }

  /** Every check over one county (the part of it under the run's region); returns the ID numbers it decrypted. */
  private async checkCounty(manager: EntityManager, run: QualityRun, countyCode: string): Promise<number> {
    const prefix = run.regionCode.length > 6 ? run.regionCode : countyCode;
    const now = this.clock.now();
    const monitoredSinceCutoff = addMonths(this.clock.today().slice(0, 7), -MONITORED_MONTHS);
    // JIT compiles these plans for longer than they run (measured: 1.5 s of 5 s on a county of 76,000 members)
    await manager.query(`SELECT set_config('jit', 'off', true)`);
    await manager.query(`DELETE FROM quality_findings WHERE county_code = $1 AND run_id = $2`, [countyCode, run.id]);
    for (const check of QUALITY_CHECKS) {
      if (!check.select) continue;
      const params: unknown[] = [];
      const bind: Bind = (value) => `$${params.push(value)}`;
      const select = check.select({ bind, countyCode, prefix, monitoredSinceCutoff });
      await manager.query(
        `INSERT INTO quality_findings (run_id, county_code, region_code, household_id, household_number, check_code, details, created_at)
         SELECT ${bind(run.id)}::uuid, ${bind(countyCode)}, f.region_code, f.household_id, f.household_number, ${bind(check.code)}, f.details,
                ${bind(now)}::timestamptz
           FROM (${select}) f
         ON CONFLICT ON CONSTRAINT "UQ_quality_findings_county_run_household_check" DO NOTHING`,
        params,
      );
    }
    return run.recheckIdNumbers ? this.idRecheck.recheckCounty(manager, run, countyCode, prefix) : 0;
  }

  /** The counties a run covers: the county of a region at county level or below, else every county with households. */
  private async countiesOf(regionCode: string): Promise<string[]> {
    if (regionCode.length >= 6) return [regionCode.slice(0, 6)];
    const rows: { code: string }[] = await this.dataSource.query(
      `SELECT r.code FROM regions r
        WHERE r.level = $1 AND r.code LIKE $2 AND EXISTS (SELECT 1 FROM households h WHERE h.county_code = r.code)
        ORDER BY r.code`,
      [RegionLevel.COUNTY, `${regionCode}%`],
    );
    return rows.map((r) => r.code);
  }
}
