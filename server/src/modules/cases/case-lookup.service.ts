import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CaseAction, labelOf, RoleLabel } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { regionPrefixOf } from '../../common/auth/region-scope.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AccountDirectoryService } from '../accounts/account-directory.service.js';
import { HouseholdsService } from '../households/households.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { CASE_WORKER_ROLES } from './case-parties.service.js';
import { CaseQueryService } from './case-query.service.js';
import type { HouseholdSurveysQueryDto } from './dto/case-input.dto.js';
import type { CaseWorkerListDto, HouseholdSurveyDto } from './dto/case.dto.js';

interface SurveyRow {
  case_id: string;
  case_number: string;
  payload: Record<string, unknown>;
  at: Date;
}

const num = (value: unknown) => (typeof value === 'number' ? value : Number(value ?? 0));

/**
 * What the government app's forms look up around a case: the cadres a case can be handed to or surveyed by, and
 * the field surveys of a household (its income history, from the survey events of its cases).
 */
@Injectable()
export class CaseLookupService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: CaseQueryService,
    private readonly accounts: AccountDirectoryService,
    private readonly regions: RegionsService,
    private readonly households: HouseholdsService,
  ) {}

  /** GET /cases/:id/workers: active field cadres whose region covers the case's village or grid (the server's rule). */
  async workers(user: AuthUser, id: string): Promise<CaseWorkerListDto> {
    const manager = this.dataSource.manager;
    const c = await this.queries.loadVisible(manager, user, id);
    const cards = await this.accounts.onLineOf(manager, c.regionCode, CASE_WORKER_ROLES);
    const names = await this.regions.pathNamesOf(cards.map((card) => card.regionCode!), manager);
    return {
      items: cards.map((card) => ({
        accountId: card.id,
        name: card.displayName,
        role: card.role,
        roleLabel: labelOf(RoleLabel, card.role),
        regionCode: card.regionCode!,
        regionName: names.get(card.regionCode!) ?? '',
      })),
    };
  }

  /** GET /cases/surveys?householdId=: every survey.submit of the household's cases, newest first (404 outside scope). */
  async householdSurveys(user: AuthUser, query: HouseholdSurveysQueryDto): Promise<Page<HouseholdSurveyDto>> {
    const { page, pageSize, offset } = pageOf(query);
    const manager = this.dataSource.manager;
    const household = await this.households.getSummary(user, query.householdId, manager);
    const county = household.regionCode.slice(0, 6);
    const where = `c.county_code = $1 AND c.household_id = $2 AND c.region_code LIKE $3 AND e.action = $4`;
    const params = [county, household.id, `${regionPrefixOf(user)}%`, CaseAction.SURVEY_SUBMIT];
    const from = `FROM case_events e JOIN cases c ON c.county_code = e.county_code AND c.id = e.case_id`;
    const [{ total }] = await manager.query(`SELECT count(*)::int AS total ${from} WHERE ${where}`, params);
    const rows: SurveyRow[] = await manager.query(
      `SELECT c.id AS case_id, c.case_number, e.payload, e.at ${from} WHERE ${where} ORDER BY e.at DESC, e.id DESC LIMIT $5 OFFSET $6`,
      [...params, pageSize, offset],
    );
    return {
      items: rows.map((row) => {
        const p = row.payload ?? {};
        const line = p.monitoringLine as { amount?: number } | undefined;
        return {
          caseId: row.case_id,
          caseNumber: row.case_number,
          round: num(p.round || 1),
          visitDate: String(p.visitDate ?? ''),
          memberCount: num(p.memberCount),
          income: Object.fromEntries(Object.entries((p.income as Record<string, unknown>) ?? {}).map(([k, v]) => [k, num(v)])),
          householdNetIncome: num(p.householdNetIncome),
          perCapitaNetIncome: num(p.perCapitaNetIncome),
          monitoringLine: line?.amount !== undefined ? num(line.amount) : null,
          comparison: typeof p.comparison === 'string' ? p.comparison : null,
          surveyors: Array.isArray(p.surveyors) ? (p.surveyors as { name?: string }[]).map((s) => s.name ?? '').filter(Boolean) : [],
          at: new Date(row.at).toISOString(),
        };
      }),
      total,
      page,
      pageSize,
    };
  }
}
