import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@jiuzhu/shared';
import { ancestorCodesOf } from '../regions/regions.service.js';

/** What another module may know of an account: who it is and where it acts (no phone, no login data). */
export interface AccountCard {
  id: string;
  displayName: string;
  role: Role;
  regionCode: string | null;
  isActive: boolean;
}

interface CardRow {
  id: string;
  display_name: string;
  role: Role;
  region_code: string | null;
  is_active: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const toCard = (row: CardRow): AccountCard => ({
  id: row.id,
  displayName: row.display_name,
  role: row.role,
  regionCode: row.region_code,
  isActive: row.is_active,
});

/**
 * The accounts module's read-only directory for other modules (notices, tickets): names for threads and
 * objections, and the cadres responsible for a region (a complaint names one of them).
 */
@Injectable()
export class AccountDirectoryService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** id → card for the ids given (unknown or malformed ids are left out). One query. */
  async describe(manager: EntityManager | null, ids: Iterable<string | null | undefined>): Promise<Map<string, AccountCard>> {
    const wanted = [...new Set([...ids].filter((id): id is string => !!id && UUID.test(id)))];
    if (!wanted.length) return new Map();
    const rows: CardRow[] = await (manager ?? this.dataSource.manager).query(
      'SELECT id, display_name, role, region_code, is_active FROM accounts WHERE id = ANY($1::uuid[])',
      [wanted],
    );
    return new Map(rows.map((row) => [row.id, toCard(row)]));
  }

  /**
   * Active accounts of these roles whose region contains `regionCode` (their code is a prefix of it): the cadres
   * responsible for that place, from its grid or village up to the province.
   */
  async responsibleFor(manager: EntityManager | null, regionCode: string, roles: readonly Role[]): Promise<AccountCard[]> {
    const rows: CardRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT id, display_name, role, region_code, is_active FROM accounts
        WHERE is_active AND role = ANY($1::varchar[]) AND region_code = ANY($2::varchar[])
        ORDER BY length(region_code) DESC, role, display_name, id`,
      [roles, ancestorCodesOf(regionCode)],
    );
    return rows.map(toCard);
  }

  /**
   * Active accounts of these roles on the line of `regionCode`: the ones responsible for it (their code is a prefix of
   * it) and the ones working inside it (its code is a prefix of theirs), nearest first; at most `limit`. The people a
   * case or a ticket of that place can be handed to.
   */
  async onLineOf(manager: EntityManager | null, regionCode: string, roles: readonly Role[], limit = 200): Promise<AccountCard[]> {
    const rows: CardRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT id, display_name, role, region_code, is_active FROM accounts
        WHERE is_active AND role = ANY($1::varchar[])
          AND (region_code = ANY($2::varchar[]) OR region_code LIKE $3)
        ORDER BY abs(length(region_code) - $4), role, display_name, id
        LIMIT $5`,
      [roles, ancestorCodesOf(regionCode), `${regionCode.replace(/[\\%_]/g, '')}%`, regionCode.length, limit],
    );
    return rows.map(toCard);
  }
}
