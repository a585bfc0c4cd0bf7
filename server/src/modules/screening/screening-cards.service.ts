import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { HouseholdType, MonitoringType, Relation, RiskType } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { AccountDirectoryService } from '../accounts/account-directory.service.js';
import { CryptoService } from '../crypto/crypto.service.js';
import type { ScreeningHouseholdCardDto, ScreeningResultDto } from './dto/screening.dto.js';
import { ScreeningResolution, ScreeningResult } from './entities/screening-result.entity.js';
import { HouseholdCardPlain, mapHouseholdCard, mapResult } from './screening.mapper.js';

interface HouseholdRow {
  id: string;
  household_number: string;
  address: string;
  household_type: HouseholdType;
  monitoring_type: MonitoringType | null;
  risk_types: RiskType[];
  phone_encrypted: string | null;
  version: number;
  head_member_id: string | null;
}

interface MemberRow {
  id: string;
  household_id: string;
  name: string;
  relation: Relation;
  birth_date: string | null;
  id_number_encrypted: string | null;
}

const counties = (items: { countyCode: string }[]) => [...new Set(items.map((i) => i.countyCode))];

/**
 * What the phone downloads and the lists show beside a task or result: household cards (decrypted here, masked by
 * the mapper), the latest answers, the workers' names. A page of cards costs a fixed handful of queries.
 */
@Injectable()
export class ScreeningCardsService {
  constructor(
    private readonly crypto: CryptoService,
    private readonly accounts: AccountDirectoryService,
  ) {}

  /** Household cards by id (two queries: households, members), as of `today` for the ages. */
  async householdCards(
    manager: EntityManager,
    refs: { countyCode: string; householdId: string }[],
    today: string,
  ): Promise<Map<string, ScreeningHouseholdCardDto>> {
    if (!refs.length) return new Map();
    const params = [counties(refs), [...new Set(refs.map((r) => r.householdId))]];
    const households: HouseholdRow[] = await manager.query(
      `SELECT id, household_number, address, household_type, monitoring_type, risk_types, phone_encrypted, version, head_member_id
         FROM households WHERE county_code = ANY($1::varchar[]) AND id = ANY($2::uuid[])`,
      params,
    );
    const members: MemberRow[] = await manager.query(
      `SELECT id, household_id, name, relation, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, id_number_encrypted
         FROM members WHERE county_code = ANY($1::varchar[]) AND household_id = ANY($2::uuid[])
        ORDER BY household_id, (relation = 'HEAD') DESC, birth_date ASC, id ASC`,
      params,
    );
    const byHousehold = new Map<string, HouseholdCardPlain['members']>();
    for (const m of members) {
      const list = byHousehold.get(m.household_id) ?? [];
      list.push({ id: m.id, name: m.name, relation: m.relation, birthDate: m.birth_date, idNumber: this.crypto.decrypt(m.id_number_encrypted) });
      byHousehold.set(m.household_id, list);
    }
    return new Map(
      households.map((h) => [
        h.id,
        mapHouseholdCard(
          {
            id: h.id,
            householdNumber: h.household_number,
            address: h.address,
            householdType: h.household_type,
            monitoringType: h.monitoring_type,
            riskTypes: h.risk_types ?? [],
            phone: this.crypto.decrypt(h.phone_encrypted),
            version: Number(h.version),
            headMemberId: h.head_member_id,
            members: byHousehold.get(h.id) ?? [],
          },
          today,
        ),
      ]),
    );
  }

  /** Each household's latest answers of a month before `month` (not discarded). */
  async lastResults(manager: EntityManager, refs: { countyCode: string; householdId: string }[], month: string): Promise<Map<string, ScreeningResult>> {
    if (!refs.length) return new Map();
    const rows = await manager
      .getRepository(ScreeningResult)
      .createQueryBuilder('r')
      .distinctOn(['r.household_id'])
      .where('r.county_code = ANY(:counties) AND r.household_id = ANY(:ids)', {
        counties: counties(refs),
        ids: [...new Set(refs.map((r) => r.householdId))],
      })
      .andWhere('r.month < :month', { month })
      .andWhere('r.resolution IS DISTINCT FROM :discarded', { discarded: ScreeningResolution.DISCARDED })
      .orderBy('r.household_id')
      .addOrderBy('r.visited_at', 'DESC')
      .addOrderBy('r.created_at', 'DESC')
      .getMany();
    return new Map(rows.map((r) => [r.householdId, r]));
  }

  /** Each task's latest result that is not discarded. */
  async currentResults(manager: EntityManager, tasks: { countyCode: string; id: string }[]): Promise<Map<string, ScreeningResult>> {
    if (!tasks.length) return new Map();
    const rows = await manager
      .getRepository(ScreeningResult)
      .createQueryBuilder('r')
      .distinctOn(['r.task_id'])
      .where('r.county_code = ANY(:counties) AND r.task_id = ANY(:ids)', { counties: counties(tasks), ids: tasks.map((t) => t.id) })
      .andWhere('r.resolution IS DISTINCT FROM :discarded', { discarded: ScreeningResolution.DISCARDED })
      .orderBy('r.task_id')
      .addOrderBy('r.created_at', 'DESC')
      .getMany();
    return new Map(rows.map((r) => [r.taskId, r]));
  }

  /** Results as the API shows them, with their workers' names (one query). */
  async results(manager: EntityManager, viewer: AuthUser, results: ScreeningResult[]): Promise<ScreeningResultDto[]> {
    if (!results.length) return [];
    const cards = await this.accounts.describe(manager, results.map((r) => r.workerAccountId));
    const names = new Map([...cards].map(([id, card]) => [id, card.displayName]));
    return results.map((r) => mapResult(r, viewer, names));
  }
}
