import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { regionPrefixOf } from '../../common/auth/region-scope.js';
import { validationFailed } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { requestContext } from '../../common/request-context.js';
import { AuditLog } from './entities/audit-log.entity.js';
import { redactForAudit } from './audit-redaction.js';
import type { AuditLogDto, AuditQueryDto } from './dto/audit.dto.js';
import { mapAuditLog } from './audit.mapper.js';

export interface AuditEntry {
  /** null for the system itself (imports, the demo seed) */
  actor: AuthUser | null;
  /** `<entity>.<verb>`: household.create, member.view-id, account.login ... */
  action: string;
  entityType: string;
  entityId?: string | null;
  /** region of the record acted on; its first 6 digits become county_code */
  regionCode?: string | null;
  /** masked snapshots (the resource's mapper); redacted again here */
  before?: object | null;
  after?: object | null;
}

@Injectable()
export class AuditService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one audit row. Pass the transaction's manager when there is one, so the row commits or rolls back
   * with the change (and so PGlite, which serialises connections during a transaction, cannot deadlock).
   */
  async record(manager: EntityManager | null, entry: AuditEntry): Promise<void> {
    const context = requestContext.getStore();
    const regionCode = entry.regionCode ?? null;
    const row = {
      actorAccountId: entry.actor?.accountId ?? null,
      actorRole: entry.actor?.role ?? null,
      actorRegion: entry.actor?.regionCode ?? null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      regionCode,
      countyCode: regionCode && regionCode.length >= 6 ? regionCode.slice(0, 6) : null,
      before: (redactForAudit(entry.before) as Record<string, unknown> | null) ?? null,
      after: (redactForAudit(entry.after) as Record<string, unknown> | null) ?? null,
      requestId: context?.requestId ?? null,
      ip: context?.ip ?? null,
    };
    await (manager ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(AuditLog)
      .values(row as QueryDeepPartialEntity<AuditLog>)
      .updateEntity(false)
      .execute();
  }

  /** ADMIN sees every row; a county officer the rows of records in their region (prefix of region_code). */
  async list(user: AuthUser, query: AuditQueryDto): Promise<Page<AuditLogDto>> {
    const { page, pageSize, offset } = pageOf(query);
    const from = query.from ? new Date(query.from) : null;
    // a date without a time means the whole of that day
    const to = query.to ? new Date(query.to.length === 10 ? Date.parse(query.to) + 86_400_000 : query.to) : null;
    if (from && to && from > to) {
      throw validationFailed([{ field: 'to', message: '结束时间不能早于开始时间' }]);
    }
    const qb = this.dataSource.getRepository(AuditLog).createQueryBuilder('a');
    const prefix = regionPrefixOf(user);
    const provinceWide = user.role === Role.ADMIN && prefix.length <= 2;
    if (!provinceWide) qb.andWhere('a.region_code LIKE :prefix', { prefix: `${prefix}%` });
    if (query.entityType) qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    if (query.actor) qb.andWhere('a.actor_account_id = :actor', { actor: query.actor });
    if (query.action) qb.andWhere('a.action = :action', { action: query.action });
    if (from) qb.andWhere('a.at >= :from', { from });
    if (to) qb.andWhere(query.to!.length === 10 ? 'a.at < :to' : 'a.at <= :to', { to });
    const [rows, total] = await qb
      .orderBy('a.at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    return { items: rows.map(mapAuditLog), total, page, pageSize };
  }
}
