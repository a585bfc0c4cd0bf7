import { HouseholdType } from '@jiuzhu/shared';
import { ScreeningReason } from './entities/screening-task.entity.js';

/** Which households a month's screening includes in a region (table screening_scope_settings, else the default). */
export interface ScreeningScope {
  includeOutOfPoverty: boolean;
  includeMonitored: boolean;
  includeWarnings: boolean;
  includeRecentFindings: boolean;
  /** "a risk finding in the last N months" */
  findingMonths: number;
}

/** Issue 5: 脱贫户, every monitoring object, households with an open department warning or a finding in 3 months. */
export const DEFAULT_SCREENING_SCOPE: Readonly<ScreeningScope> = Object.freeze({
  includeOutOfPoverty: true,
  includeMonitored: true,
  includeWarnings: true,
  includeRecentFindings: true,
  findingMonths: 3,
});

export const MONTH_PATTERN = /^[0-9]{4}-(0[1-9]|1[0-2])$/;

/** 'YYYY-MM' plus n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [year, m] = month.split('-').map(Number);
  const index = year * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Adds a value to a parameter list and returns its placeholder ($n). */
export type Bind = (value: unknown) => string;

/**
 * One reason a household is screened: a SQL condition over `h` (a households row). The first rule that matches
 * names the task's reason, so the order is the order of importance. To add a source (department warnings, issue
 * of the warnings module): give WARNING its predicate, e.g.
 * `EXISTS (SELECT 1 FROM warnings w WHERE w.county_code = h.county_code AND w.household_id = h.id AND w.status = 'OPEN')`.
 */
export interface InclusionRule {
  reason: ScreeningReason;
  enabled: (scope: ScreeningScope) => boolean;
  /** null: the source does not exist yet (the setting is kept, nothing matches) */
  predicate: ((bind: Bind, context: { month: string; scope: ScreeningScope }) => string) | null;
}

export const INCLUSION_RULES: readonly InclusionRule[] = Object.freeze([
  {
    reason: ScreeningReason.MONITORED,
    enabled: (scope) => scope.includeMonitored,
    predicate: () => `h.monitoring_type IS NOT NULL`,
  },
  {
    reason: ScreeningReason.WARNING,
    enabled: (scope) => scope.includeWarnings,
    // department warnings are not built yet (the data-sharing center's issue); see the comment above
    predicate: null,
  },
  {
    reason: ScreeningReason.EARLIER_FINDING,
    enabled: (scope) => scope.includeRecentFindings,
    predicate: (bind, { month, scope }) =>
      `EXISTS (SELECT 1 FROM screening_results r
                WHERE r.county_code = h.county_code AND r.household_id = h.id AND r.has_risk
                  AND r.resolution IS DISTINCT FROM 'DISCARDED'
                  AND r.month >= ${bind(addMonths(month, -scope.findingMonths))} AND r.month < ${bind(month)})`,
  },
  {
    reason: ScreeningReason.OUT_OF_POVERTY,
    enabled: (scope) => scope.includeOutOfPoverty,
    predicate: (bind) => `h.household_type = ${bind(HouseholdType.OUT_OF_POVERTY)}`,
  },
]);

/**
 * `CASE WHEN <rule> THEN '<reason>' ... END` over the enabled rules: the reason a household is in scope, or NULL.
 * Returns 'NULL' when no rule is enabled.
 */
export function reasonExpression(scope: ScreeningScope, month: string, bind: Bind): string {
  const branches = INCLUSION_RULES.filter((rule) => rule.enabled(scope) && rule.predicate).map(
    (rule) => `WHEN ${rule.predicate!(bind, { month, scope })} THEN ${bind(rule.reason)}`,
  );
  return branches.length ? `(CASE ${branches.join(' ')} END)::varchar` : 'NULL::varchar';
}
