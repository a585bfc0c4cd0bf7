import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseStatus, RegionLevel } from '@jiuzhu/shared';
import { Clock } from '../../common/clock.js';
import { JobsService } from '../jobs/jobs.service.js';
import { CaseJournalService } from './case-journal.service.js';
import { daysBetween } from './case-deadlines.js';
import { ESCALATE_EVENT } from './cases.mapper.js';
import { Case, type EscalationLevel } from './entities/case.entity.js';

export const ESCALATION_JOB = 'cases.escalate';
/** How often the scan runs; the threshold itself (escalateAfterDays) is a workflow setting. */
export const ESCALATION_SCAN_EVERY_MS = 60 * 60 * 1000;
const BATCH = 200;

/** Statuses worked at the township or county: escalation goes to the county. Everything earlier is the village's. */
const COUNTY_ESCALATION_STATUSES: readonly CaseStatus[] = [CaseStatus.TOWNSHIP_REVIEW, CaseStatus.COUNTY_DECISION];
const RANK: Record<EscalationLevel, number> = { [RegionLevel.TOWNSHIP]: 1, [RegionLevel.COUNTY]: 2 };

/** The level above the one working the case now (village → township → county; the county is the top). */
export const escalationTarget = (status: CaseStatus): EscalationLevel =>
  COUNTY_ESCALATION_STATUSES.includes(status) ? RegionLevel.COUNTY : RegionLevel.TOWNSHIP;

/**
 * 超期上报: an hourly job flags open cases older than escalateAfterDays (their escalate_at, fixed at intake) to
 * the level above the one working them, and notifies that level's cadres: once per level, so a case still open
 * when it reaches the township is escalated again, to the county.
 */
@Injectable()
export class CaseEscalationService implements OnModuleInit {
  private readonly logger = new Logger(CaseEscalationService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly jobs: JobsService,
    private readonly journal: CaseJournalService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(ESCALATION_JOB, async () => {
      await this.escalateDue();
    });
    void this.jobs.schedule(ESCALATION_JOB, ESCALATION_SCAN_EVERY_MS);
  }

  /** One scan: every due case escalated in its own transaction. Returns how many were escalated. */
  async escalateDue(): Promise<number> {
    const now = this.clock.now();
    let escalated = 0;
    let after: { at: Date; id: string } | null = null;
    for (;;) {
      const qb = this.dataSource
        .getRepository(Case)
        .createQueryBuilder('c')
        .select(['c.id', 'c.countyCode', 'c.escalateAt'])
        .where('c.closed_at IS NULL AND c.escalate_at <= :now', { now })
        .andWhere(`(c.escalation_level IS NULL OR (c.escalation_level = :township AND c.status IN (:...countyStatuses)))`, {
          township: RegionLevel.TOWNSHIP,
          countyStatuses: COUNTY_ESCALATION_STATUSES,
        });
      if (after) qb.andWhere('(c.escalate_at, c.id) > (:afterAt, :afterId)', { afterAt: after.at, afterId: after.id });
      const batch = await qb.orderBy('c.escalate_at', 'ASC').addOrderBy('c.id', 'ASC').limit(BATCH).getMany();
      for (const row of batch) {
        try {
          if (await this.escalate(row.countyCode, row.id, now)) escalated++;
        } catch (error) {
          this.logger.error({ err: error, caseId: row.id }, 'case escalation failed');
        }
      }
      if (batch.length < BATCH) break;
      const last = batch[batch.length - 1];
      after = { at: last.escalateAt, id: last.id };
    }
    return escalated;
  }

  /** Escalates one case unless someone got there first (the conditional UPDATE on the level it had). */
  private async escalate(countyCode: string, id: string, now: Date): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const c = await manager.getRepository(Case).findOneBy({ countyCode, id });
      if (!c || c.closedAt) return false;
      const target = escalationTarget(c.status);
      if (c.escalationLevel && RANK[c.escalationLevel] >= RANK[target]) return false;
      const result = await manager
        .createQueryBuilder()
        .update(Case)
        .set({ escalationLevel: target, escalatedAt: now })
        .where('county_code = :county AND id = :id AND closed_at IS NULL AND escalation_level IS NOT DISTINCT FROM :level', {
          county: countyCode,
          id,
          level: c.escalationLevel,
        })
        .execute();
      if (!result.affected) return false;
      const updated = await manager.getRepository(Case).findOneByOrFail({ countyCode, id });
      const daysOpen = daysBetween(c.intakeDate, this.clock.today());
      await this.journal.record(manager, {
        actor: null,
        action: ESCALATE_EVENT,
        from: c.status,
        before: c,
        after: updated,
        payload: { level: target, daysOpen, dueDate: c.dueDate },
        notify: [this.journal.escalationNotice(updated, target, daysOpen)],
      });
      return true;
    });
  }
}
