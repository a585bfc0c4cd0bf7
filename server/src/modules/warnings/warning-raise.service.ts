import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DepartmentLabel, labelOf, Role, WarningStatus } from '@jiuzhu/shared';
import { Clock } from '../../common/clock.js';
import type { AppliedRule, ExchangeBatch } from '../exchange/entities/exchange-batch.entity.js';
import type { ExchangeDataset } from '../exchange/entities/exchange-dataset.entity.js';
import { ExchangePipelineService, type WarningRaiser } from '../exchange/exchange-pipeline.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { WarningRule } from './entities/warning-rule.entity.js';
import { compileCondition, HouseholdClass, MemberClass, type RuleCondition } from './rule-condition.js';

/**
 * The warnings of a matched batch, set-based: per rule one INSERT ... SELECT over the batch's matched records (the
 * condition compiled to SQL with parameters), ON CONFLICT DO NOTHING on the one-open-warning-per-household-rule-month
 * index. Then one notification per village that got new warnings (not one per warning). Plugged into the exchange
 * pipeline, inside its matching transaction.
 */
@Injectable()
export class WarningRaiseService implements WarningRaiser, OnModuleInit {
  constructor(
    private readonly pipeline: ExchangePipelineService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.pipeline.useWarningRaiser(this);
  }

  async readRules(manager: EntityManager, dataset: string, today: string): Promise<AppliedRule[]> {
    const rules = await manager
      .getRepository(WarningRule)
      .createQueryBuilder('r')
      .where('r.dataset = :dataset AND r.active AND r.valid_from <= :today', { dataset, today })
      .orderBy('r.code')
      .getMany();
    return rules.map((r) => ({
      id: r.id,
      code: r.code,
      version: r.version,
      name: r.name,
      severity: r.severity,
      riskType: r.riskType,
      regionCode: r.regionCode,
      condition: r.condition as unknown as Record<string, unknown>,
    }));
  }

  async raise(manager: EntityManager, batch: ExchangeBatch, rules: AppliedRule[], dataset: ExchangeDataset): Promise<number> {
    const now = this.clock.now();
    const byVillage = new Map<string, number>();
    let total = 0;
    for (const rule of rules) {
      const parameters: unknown[] = [];
      const bind = (value: unknown) => {
        parameters.push(value);
        return `$${parameters.length}`;
      };
      const condition = rule.condition as RuleCondition;
      const where = compileCondition(condition, dataset.columns, bind, batch.month);
      const joinHousehold = (condition.householdIs ?? HouseholdClass.ANY) !== HouseholdClass.ANY;
      const joinMember = (condition.memberIs ?? MemberClass.ANY) !== MemberClass.ANY;
      const rows: { village: string; n: number }[] = await manager.query(
        `WITH raised AS (
           INSERT INTO warnings (county_code, region_code, household_id, member_id, rule_id, rule_version, dataset, batch_id,
                                 record_id, row_number, month, severity, risk_type, evidence, status, version, created_at, updated_at)
           SELECT DISTINCT ON (r.county_code, r.household_id)
                  r.county_code, r.region_code, r.household_id, r.member_id, ${bind(rule.id)}::uuid, ${bind(rule.version)}::int,
                  ${bind(batch.dataset)}::varchar, r.batch_id, r.id, r.row_number, ${bind(batch.month)}::varchar, ${bind(rule.severity)}::varchar,
                  ${bind(rule.riskType)}::varchar,
                  r.fields || jsonb_build_object('idNumber', r.id_masked, 'name', r.name),
                  ${bind(WarningStatus.NEW)}::varchar, 1, ${bind(now)}::timestamptz, ${bind(now)}::timestamptz
             FROM exchange_records r
             ${joinHousehold ? 'JOIN households h ON h.county_code = r.county_code AND h.id = r.household_id' : ''}
             ${joinMember ? 'JOIN members m ON m.county_code = r.county_code AND m.id = r.member_id' : ''}
            WHERE r.batch_id = ${bind(batch.id)}::uuid AND r.household_id IS NOT NULL
              AND r.region_code LIKE ${bind(`${rule.regionCode}%`)} AND ${where}
            ORDER BY r.county_code, r.household_id, r.row_number
           ON CONFLICT (county_code, household_id, rule_id, month) WHERE status IN ('NEW', 'VERIFYING') DO NOTHING
           RETURNING region_code)
         SELECT left(region_code, 12) AS village, count(*)::int AS n FROM raised GROUP BY 1`,
        parameters,
      );
      for (const { village, n } of rows) {
        byVillage.set(village, (byVillage.get(village) ?? 0) + n);
        total += n;
      }
    }
    if (byVillage.size) {
      const department = labelOf(DepartmentLabel, dataset.department);
      await this.notifications.enqueue(
        manager,
        [...byVillage].map(([village, n]) => ({
          to: { regionCode: village, roles: [Role.VILLAGE_CADRE] },
          kind: 'warning.new',
          title: `部门预警：${n}条待核实`,
          body: `${department}“${dataset.name}”${batch.month} 数据比对后，本村有 ${n} 条新的预警，请在“部门预警”中逐条核实。`,
          regionCode: village,
          data: { batchId: batch.id, dataset: batch.dataset, month: batch.month, count: n },
        })),
      );
    }
    return total;
  }
}
