import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { ErrorDetail, forbidden, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import type { ExchangeDataset } from '../exchange/entities/exchange-dataset.entity.js';
import { ExchangeDatasetsService } from '../exchange/exchange-datasets.service.js';
import type { WarningRuleDto } from './dto/warning.dto.js';
import type { CreateWarningRuleDto, UpdateWarningRuleDto, WarningRuleListQueryDto } from './dto/warning-input.dto.js';
import { WarningRule } from './entities/warning-rule.entity.js';
import { checkCondition, describeCondition, type RuleCondition } from './rule-condition.js';
import { WarningsException } from './warnings.exception.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Warning rules as data: administrators keep every rule, a county officer the rules scoped to their county (and sees
 * the province's and prefecture's that apply there). Every change is versioned (409 on a stale version) and audited;
 * it applies from the next batch (batches read the rules when matching starts).
 */
@Injectable()
export class WarningRulesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly datasets: ExchangeDatasetsService,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, query: WarningRuleListQueryDto): Promise<Page<WarningRuleDto>> {
    this.assertEditor(user);
    const { page, pageSize, offset } = pageOf(query);
    const qb = this.dataSource.getRepository(WarningRule).createQueryBuilder('r');
    const own = user.regionCode ?? '';
    if (user.role === Role.COUNTY_OFFICER || own.length > 2) {
      // rules that apply in the caller's region: the wider ones above it and every one inside it
      qb.andWhere("(r.region_code LIKE :inside OR :own LIKE r.region_code || '%')", { inside: `${own}%`, own });
    }
    if (query.dataset) qb.andWhere('r.dataset = :dataset', { dataset: query.dataset });
    if (query.active !== undefined) qb.andWhere('r.active = :active', { active: query.active });
    const [rows, total] = await qb.orderBy('r.dataset').addOrderBy('r.code').skip(offset).take(pageSize).getManyAndCount();
    const datasets = new Map((await this.datasets.all()).map((d) => [d.code, d]));
    return { items: rows.map((r) => this.map(r, datasets.get(r.dataset))), total, page, pageSize };
  }

  async get(user: AuthUser, id: string): Promise<WarningRuleDto> {
    this.assertEditor(user);
    const rule = await this.load(this.dataSource.manager, user, id, false);
    return this.map(rule, (await this.datasets.find(rule.dataset)) ?? undefined);
  }

  async create(user: AuthUser, dto: CreateWarningRuleDto): Promise<WarningRuleDto> {
    this.assertEditor(user);
    const errors: ErrorDetail[] = [];
    const dataset = await this.datasets.find(dto.dataset);
    if (!dataset) errors.push({ field: 'dataset', message: `没有名为 ${dto.dataset} 的数据集` });
    const regionCode = this.regionFor(user, dto.regionCode, errors);
    const checked = dataset ? checkCondition(dto.condition, dataset.columns) : null;
    if (checked) errors.push(...checked.errors);
    if (errors.length || !dataset || !checked) throw validationFailed(errors);
    return this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(WarningRule)
        .values({
          code: dto.code,
          dataset: dataset.code,
          name: dto.name,
          condition: checked.condition,
          severity: dto.severity,
          riskType: dto.riskType,
          regionCode,
          validFrom: dto.validFrom,
          active: dto.active ?? true,
          updatedByAccountId: user.accountId,
        })
        .orIgnore()
        .returning('id')
        .updateEntity(false)
        .execute();
      const id = (result.raw[0] as { id: string } | undefined)?.id;
      if (!id) throw WarningsException.ruleCodeTaken(dto.code);
      const rule = await manager.getRepository(WarningRule).findOneByOrFail({ id });
      await this.audit.record(manager, {
        actor: user,
        action: 'warning-rule.create',
        entityType: 'warning-rule',
        entityId: id,
        regionCode: regionCode || null,
        after: this.snapshot(rule),
      });
      return this.map(rule, dataset);
    });
  }

  /** PATCH /warning-rules/:id: the fields sent; active false deactivates. */
  async update(user: AuthUser, id: string, dto: UpdateWarningRuleDto): Promise<WarningRuleDto> {
    this.assertEditor(user);
    return this.dataSource.transaction(async (manager) => {
      const rule = await this.load(manager, user, id, true);
      if (rule.version !== dto.version) throw WarningsException.ruleVersionConflict(rule.version);
      const dataset = (await this.datasets.find(rule.dataset, manager)) as ExchangeDataset;
      const errors: ErrorDetail[] = [];
      const changes: Partial<WarningRule> = {};
      if (dto.condition !== undefined) {
        const checked = checkCondition(dto.condition, dataset.columns);
        errors.push(...checked.errors);
        changes.condition = checked.condition;
      }
      if (dto.regionCode !== undefined) changes.regionCode = this.regionFor(user, dto.regionCode, errors);
      if (errors.length) throw validationFailed(errors);
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.severity !== undefined) changes.severity = dto.severity;
      if (dto.riskType !== undefined) changes.riskType = dto.riskType;
      if (dto.validFrom !== undefined) changes.validFrom = dto.validFrom;
      if (dto.active !== undefined) changes.active = dto.active;
      const before = this.snapshot(rule);
      await manager
        .createQueryBuilder()
        .update(WarningRule)
        .set({ ...changes, updatedByAccountId: user.accountId, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: rule.version })
        .execute();
      const updated = await manager.getRepository(WarningRule).findOneByOrFail({ id });
      await this.audit.record(manager, {
        actor: user,
        action: dto.active === false && rule.active ? 'warning-rule.deactivate' : 'warning-rule.update',
        entityType: 'warning-rule',
        entityId: id,
        regionCode: updated.regionCode || null,
        before,
        after: this.snapshot(updated),
      });
      return this.map(updated, dataset);
    });
  }

  private assertEditor(user: AuthUser): void {
    if (user.role !== Role.ADMIN && user.role !== Role.COUNTY_OFFICER) throw forbidden('只有管理员和县级干部可以管理预警规则');
  }

  /** A rule's region: inside the caller's; '' (the whole province) only for a province administrator. */
  private regionFor(user: AuthUser, requested: string | undefined, errors: ErrorDetail[]): string {
    const own = user.regionCode ?? '';
    const region = requested ?? (user.role === Role.ADMIN && own.length <= 2 ? '' : own);
    if (region === '') {
      if (user.role !== Role.ADMIN || own.length > 2) errors.push({ field: 'regionCode', message: '只有省级管理员可以设置全省适用的规则' });
      return region;
    }
    if (!region.startsWith(own)) errors.push({ field: 'regionCode', message: '所选地区不在您的辖区内' });
    return region;
  }

  /** The rule, if the caller may see it (edit: it lies inside the caller's region), else 404. */
  private async load(manager: EntityManager, user: AuthUser, id: string, forEdit: boolean): Promise<WarningRule> {
    const qb = manager.getRepository(WarningRule).createQueryBuilder('r').where('r.id = :id', { id });
    if (forEdit) qb.setLock('pessimistic_write');
    const rule = UUID.test(id) ? await qb.getOne() : null;
    const own = user.regionCode ?? '';
    const province = user.role === Role.ADMIN && own.length <= 2;
    const inside = rule ? province || (rule.regionCode !== '' && rule.regionCode.startsWith(own)) : false;
    const above = rule ? own.startsWith(rule.regionCode) : false;
    if (!rule || !(inside || (!forEdit && above))) throw notFound('预警规则');
    return rule;
  }

  private snapshot(rule: WarningRule): Record<string, unknown> {
    return {
      code: rule.code,
      dataset: rule.dataset,
      name: rule.name,
      condition: rule.condition,
      severity: rule.severity,
      riskType: rule.riskType,
      regionCode: rule.regionCode,
      validFrom: rule.validFrom,
      active: rule.active,
      version: rule.version,
    };
  }

  private map(rule: WarningRule, dataset: ExchangeDataset | undefined): WarningRuleDto {
    return {
      id: rule.id,
      code: rule.code,
      dataset: rule.dataset,
      datasetName: dataset?.name ?? rule.dataset,
      name: rule.name,
      condition: rule.condition as unknown as Record<string, unknown>,
      conditionText: dataset ? describeCondition(rule.condition as RuleCondition, dataset.columns) : '',
      severity: rule.severity,
      riskType: rule.riskType,
      regionCode: rule.regionCode,
      validFrom: rule.validFrom,
      active: rule.active,
      version: rule.version,
      updatedAt: rule.updatedAt.toISOString(),
    };
  }
}
