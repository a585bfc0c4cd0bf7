import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DepartmentLabel, labelOf, Role } from '@jiuzhu/shared';
import { ApiKeyAuthenticator } from '../../common/auth/api-key-authenticator.js';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { narrowRegion } from '../../common/auth/region-scope.js';
import { Clock } from '../../common/clock.js';
import { forbidden, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import type { ApiKeyDto, CreatedApiKeyDto } from './dto/exchange.dto.js';
import type { ApiKeyListQueryDto, CreateApiKeyDto } from './dto/exchange-input.dto.js';
import { ExchangeApiKey } from './entities/exchange-api-key.entity.js';
import { ExchangeDatasetsService } from './exchange-datasets.service.js';
import { ExchangeException } from './exchange.exception.js';

const KEY_PATTERN = /^jzk_[A-Za-z0-9_-]{20,80}$/;
// last_used_at is written at most this often per key (not on every request)
const LAST_USED_EVERY_MS = 60_000;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Department systems' keys (X-Api-Key): made by an administrator, shown once, kept as sha256, scoped to a department,
 * datasets and a region prefix, revocable. Also the ApiKeyAuthenticator the JwtAuthGuard asks on @ApiKeyAllowed routes.
 */
@Injectable()
export class ExchangeApiKeysService extends ApiKeyAuthenticator {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly datasets: ExchangeDatasetsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    super();
  }

  async authenticate(key: string): Promise<AuthUser | null> {
    if (!KEY_PATTERN.test(key)) return null;
    const row = await this.dataSource.getRepository(ExchangeApiKey).findOneBy({ keyHash: sha256(key) });
    if (!row || row.revokedAt) return null;
    const now = this.clock.now();
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_EVERY_MS) {
      await this.dataSource.query(`UPDATE exchange_api_keys SET last_used_at = $2 WHERE id = $1`, [row.id, now]);
    }
    return {
      // audit rows name the key as the actor
      accountId: row.id,
      role: Role.DEPARTMENT_OPERATOR,
      regionCode: row.regionCode,
      apiKey: { id: row.id, department: row.department, datasets: [...row.datasets] },
    };
  }

  /** POST /exchange/api-keys (ADMIN, within their region): the key is in this answer only. */
  async create(user: AuthUser, dto: CreateApiKeyDto): Promise<CreatedApiKeyDto> {
    if (user.role !== Role.ADMIN) throw forbidden('只有管理员可以创建接口密钥');
    narrowRegion(user, dto.regionCode);
    const departmentDatasets = (await this.datasets.all()).filter((d) => d.department === dto.department).map((d) => d.code);
    const datasets = dto.datasets?.length ? [...new Set(dto.datasets)] : departmentDatasets;
    const wrong = datasets.map((code, i) => ({ code, i })).filter(({ code }) => !departmentDatasets.includes(code));
    if (wrong.length) {
      throw validationFailed(wrong.map(({ code, i }) => ({ field: `datasets[${i}]`, message: `数据集 ${code} 不存在或不属于${labelOf(DepartmentLabel, dto.department)}` })));
    }
    if (!datasets.length) throw validationFailed([{ field: 'datasets', message: '该部门还没有数据集' }]);
    const key = `jzk_${randomBytes(30).toString('base64url')}`;
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager
        .createQueryBuilder()
        .insert()
        .into(ExchangeApiKey)
        .values({
          name: dto.name,
          department: dto.department,
          datasets,
          regionCode: dto.regionCode,
          keyPrefix: key.slice(0, 12),
          keyHash: sha256(key),
          createdByAccountId: user.accountId,
        })
        .returning('*')
        .execute()).generatedMaps as ExchangeApiKey[];
      const saved = await manager.getRepository(ExchangeApiKey).findOneByOrFail({ id: row.id });
      await this.audit.record(manager, {
        actor: user,
        action: 'exchange-api-key.create',
        entityType: 'exchange-api-key',
        entityId: saved.id,
        regionCode: saved.regionCode,
        after: this.snapshot(saved),
      });
      return { ...this.map(saved), key };
    });
  }

  /** GET /exchange/api-keys (ADMIN): the keys within the administrator's region, newest first; never the key itself. */
  async list(user: AuthUser, query: ApiKeyListQueryDto): Promise<Page<ApiKeyDto>> {
    if (user.role !== Role.ADMIN) throw forbidden();
    const { page, pageSize, offset } = pageOf(query);
    const qb = this.dataSource
      .getRepository(ExchangeApiKey)
      .createQueryBuilder('k')
      .where('k.region_code LIKE :prefix', { prefix: `${user.regionCode ?? ''}%` });
    if (query.department) qb.andWhere('k.department = :department', { department: query.department });
    const [rows, total] = await qb.orderBy('k.created_at', 'DESC').addOrderBy('k.id').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map((row) => this.map(row)), total, page, pageSize };
  }

  /** POST /exchange/api-keys/:id/revoke (ADMIN): refused from the next request on. */
  async revoke(user: AuthUser, id: string): Promise<ApiKeyDto> {
    if (user.role !== Role.ADMIN) throw forbidden();
    return this.dataSource.transaction(async (manager) => {
      const row = /^[0-9a-f-]{36}$/i.test(id)
        ? await manager.getRepository(ExchangeApiKey).createQueryBuilder('k').where('k.id = :id', { id }).setLock('pessimistic_write').getOne()
        : null;
      if (!row || !row.regionCode.startsWith(user.regionCode ?? '')) throw notFound('接口密钥');
      if (row.revokedAt) throw ExchangeException.apiKeyRevoked();
      const before = this.snapshot(row);
      row.revokedAt = this.clock.now();
      row.revokedByAccountId = user.accountId;
      await manager.update(ExchangeApiKey, { id }, { revokedAt: row.revokedAt, revokedByAccountId: user.accountId });
      await this.audit.record(manager, {
        actor: user,
        action: 'exchange-api-key.revoke',
        entityType: 'exchange-api-key',
        entityId: id,
        regionCode: row.regionCode,
        before,
        after: this.snapshot(row),
      });
      return this.map(row);
    });
  }

  private snapshot(row: ExchangeApiKey): Record<string, unknown> {
    return { name: row.name, department: row.department, datasets: row.datasets, regionCode: row.regionCode, keyPrefix: row.keyPrefix, revokedAt: row.revokedAt };
  }

  private map(row: ExchangeApiKey): ApiKeyDto {
    return {
      id: row.id,
      name: row.name,
      department: row.department,
      departmentLabel: labelOf(DepartmentLabel, row.department),
      datasets: row.datasets,
      regionCode: row.regionCode,
      keyPrefix: row.keyPrefix,
      createdAt: row.createdAt.toISOString(),
      lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
      revokedAt: row.revokedAt?.toISOString() ?? null,
    };
  }
}
