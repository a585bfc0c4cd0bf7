import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { forbidden, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import type {
  MonitoringLineDto,
  MonitoringLineInForceDto,
  MonitoringLineInForceQueryDto,
  MonitoringLineQueryDto,
  PutMonitoringLineDto,
} from './dto/monitoring-line.dto.js';
import type { PutWorkflowSettingsDto, WorkflowSettingsDto } from './dto/workflow-settings.dto.js';
import { MonitoringLine } from './entities/monitoring-line.entity.js';
import { WorkflowSetting } from './entities/workflow-setting.entity.js';
import { mapMonitoringLine, monitoringLineSnapshot } from './settings.mapper.js';
import { SettingsErrorCode, SettingsException } from './settings.exception.js';
import {
  WORKFLOW_SETTING_DEFINITIONS,
  WORKFLOW_SETTING_KEYS,
  WorkflowSettingKey,
  WorkflowSettings,
} from './workflow-settings.js';

export type { WorkflowSettings } from './workflow-settings.js';

export interface MonitoringLineInForce {
  year: number;
  amount: number;
  /** the province, prefecture or county that set it */
  regionCode: string;
}

const MONITORING_LINE = '监测线';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The province (2), prefecture (4) and county (6) codes above or at a region code. */
export function settingLevelsOf(regionCode: string): string[] {
  return [2, 4, 6].filter((n) => regionCode.length >= n).map((n) => regionCode.slice(0, n));
}

/**
 * Business numbers as data (DOMAIN.md: "every number is a default an administrator can change per year and per
 * region"): the monitoring line of each year and the workflow deadlines, each a province row overridable by a
 * prefecture or county row. Every rule that needs one reads it here, in its own transaction when it has one.
 */
@Injectable()
export class SettingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  // ---------------------------------------------------------------- for other modules

  /**
   * The monitoring line in force in a region on a date: the row of the latest year not after the date's year
   * (2023 uses 2022's line when 2023 has none); within that year the most specific one (county over prefecture
   * over province).
   */
  async monitoringLineAt(manager: EntityManager | null, regionCode: string, date: string): Promise<MonitoringLineInForce> {
    const year = Number(date.slice(0, 4));
    if (!/^\d{2,15}$/.test(regionCode) || !Number.isInteger(year)) throw new Error(`bad region or date: ${regionCode} ${date}`);
    const rows: { region_code: string; year: number; amount: number }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT region_code, year, amount FROM monitoring_lines
        WHERE region_code = ANY($1::varchar[]) AND year <= $2
        ORDER BY year DESC, length(region_code) DESC LIMIT 1`,
      [settingLevelsOf(regionCode), year],
    );
    if (!rows.length) throw SettingsException.monitoringLineMissing(regionCode, year);
    return { year: Number(rows[0].year), amount: Number(rows[0].amount), regionCode: rows[0].region_code };
  }

  /** The deadlines in force in a region: each key from the most specific row (county > prefecture > province). */
  async workflowSettingsFor(manager: EntityManager | null, regionCode: string): Promise<WorkflowSettings> {
    const { settings } = await this.resolveWorkflow(manager ?? this.dataSource.manager, regionCode);
    return settings;
  }

  // ---------------------------------------------------------------- monitoring lines API

  async listMonitoringLines(user: AuthUser, query: MonitoringLineQueryDto): Promise<Page<MonitoringLineDto>> {
    this.assertReader(user);
    const { page, pageSize, offset } = pageOf(query);
    const qb = this.dataSource.getRepository(MonitoringLine).createQueryBuilder('l');
    if (query.region) {
      // the lines that apply there: the levels above it and the overrides inside it
      qb.andWhere('(l.region_code = ANY(:levels) OR l.region_code LIKE :inside)', {
        levels: settingLevelsOf(query.region),
        inside: `${query.region}%`,
      });
    }
    if (query.year) qb.andWhere('l.year = :year', { year: query.year });
    const [rows, total] = await qb
      .orderBy('l.year', 'DESC')
      .addOrderBy('l.region_code', 'ASC')
      .skip(offset)
      .take(pageSize)
      .getManyAndCount();
    const names = await this.regionNames(rows.map((r) => r.regionCode));
    return { items: rows.map((r) => mapMonitoringLine(r, names.get(r.regionCode) ?? null)), total, page, pageSize };
  }

  async monitoringLineInForce(user: AuthUser, query: MonitoringLineInForceQueryDto): Promise<MonitoringLineInForceDto> {
    this.assertReader(user);
    return this.monitoringLineAt(null, query.region, query.date);
  }

  /** PUT: sets (creates or replaces) the line of one region and year. */
  async putMonitoringLine(user: AuthUser, dto: PutMonitoringLineDto): Promise<MonitoringLineDto> {
    this.assertWriter(user, dto.regionCode);
    return this.dataSource.transaction(async (manager) => {
      await this.assertRegionExists(manager, dto.regionCode, 'regionCode');
      const repository = manager.getRepository(MonitoringLine);
      const before = await repository.findOneBy({ regionCode: dto.regionCode, year: dto.year });
      await manager.query(
        `INSERT INTO monitoring_lines (region_code, year, amount, note, updated_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ON CONSTRAINT "UQ_monitoring_lines_region_year"
         DO UPDATE SET amount = EXCLUDED.amount, note = EXCLUDED.note, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [dto.regionCode, dto.year, dto.amount, dto.note ?? null, user.accountId],
      );
      const after = await repository.findOneByOrFail({ regionCode: dto.regionCode, year: dto.year });
      await this.audit.record(manager, {
        actor: user,
        action: before ? 'monitoring-line.update' : 'monitoring-line.create',
        entityType: 'monitoring_line',
        entityId: after.id,
        regionCode: after.regionCode,
        before: before ? monitoringLineSnapshot(before) : null,
        after: monitoringLineSnapshot(after),
      });
      const names = await this.regionNames([after.regionCode], manager);
      return mapMonitoringLine(after, names.get(after.regionCode) ?? null);
    });
  }

  async deleteMonitoringLine(user: AuthUser, id: string): Promise<void> {
    if (user.role !== Role.ADMIN) throw forbidden('只有管理员可以修改系统设置');
    if (!UUID.test(id)) throw notFound(MONITORING_LINE);
    await this.dataSource.transaction(async (manager) => {
      const line = await manager.getRepository(MonitoringLine).findOneBy({ id });
      if (!line || !line.regionCode.startsWith(user.regionCode ?? '')) throw notFound(MONITORING_LINE);
      await manager.getRepository(MonitoringLine).delete({ id });
      await this.audit.record(manager, {
        actor: user,
        action: 'monitoring-line.delete',
        entityType: 'monitoring_line',
        entityId: id,
        regionCode: line.regionCode,
        before: monitoringLineSnapshot(line),
      });
    });
  }

  // ---------------------------------------------------------------- workflow settings API

  async getWorkflowSettings(user: AuthUser, regionCode: string): Promise<WorkflowSettingsDto> {
    this.assertReader(user);
    return this.resolveWorkflow(this.dataSource.manager, regionCode);
  }

  /** PUT: sets some of a region's own values; a null removes the region's value (the level above applies again). */
  async putWorkflowSettings(user: AuthUser, dto: PutWorkflowSettingsDto): Promise<WorkflowSettingsDto> {
    this.assertWriter(user, dto.regionCode);
    const given = WORKFLOW_SETTING_KEYS.filter((key) => dto.values[key] !== undefined);
    if (!given.length) throw validationFailed([{ field: 'values', message: '请至少填写一项设置' }]);
    const isProvince = dto.regionCode.length === 2;
    const cleared = given.filter((key) => dto.values[key] === null);
    if (isProvince && cleared.length) {
      throw new SettingsException(
        SettingsErrorCode.PROVINCE_VALUE_REQUIRED,
        '全省默认值不能取消，只能修改',
        HttpStatus.BAD_REQUEST,
        cleared.map((key) => ({ field: `values.${key}`, message: `${WORKFLOW_SETTING_DEFINITIONS[key].label}的全省默认值不能为空` })),
      );
    }
    return this.dataSource.transaction(async (manager) => {
      await this.assertRegionExists(manager, dto.regionCode, 'regionCode');
      const repository = manager.getRepository(WorkflowSetting);
      const current = await repository.findBy({ regionCode: dto.regionCode });
      const before = Object.fromEntries(current.map((row) => [row.key, row.value]));
      for (const key of given) {
        const value = dto.values[key];
        if (value === null) {
          await repository.delete({ regionCode: dto.regionCode, key });
        } else {
          await manager.query(
            `INSERT INTO workflow_settings (region_code, key, value, updated_by) VALUES ($1, $2, $3, $4)
             ON CONFLICT (region_code, key) DO UPDATE SET value = EXCLUDED.value, updated_by = EXCLUDED.updated_by, updated_at = now()`,
            [dto.regionCode, key, value, user.accountId],
          );
        }
      }
      const after = Object.fromEntries((await repository.findBy({ regionCode: dto.regionCode })).map((row) => [row.key, row.value]));
      await this.audit.record(manager, {
        actor: user,
        action: 'workflow-settings.update',
        entityType: 'workflow_settings',
        entityId: dto.regionCode,
        regionCode: dto.regionCode,
        before,
        after: { ...after, changedFields: given },
      });
      return this.resolveWorkflow(manager, dto.regionCode);
    });
  }

  // ---------------------------------------------------------------- helpers

  private async resolveWorkflow(manager: EntityManager, regionCode: string): Promise<WorkflowSettingsDto> {
    if (!/^\d{2,15}$/.test(regionCode)) throw new Error(`bad region code: ${regionCode}`);
    const rows: { region_code: string; key: WorkflowSettingKey; value: number }[] = await manager.query(
      `SELECT region_code, key, value FROM workflow_settings WHERE region_code = ANY($1::varchar[])`,
      [settingLevelsOf(regionCode)],
    );
    const chosen = new Map<WorkflowSettingKey, { value: number; region: string }>();
    for (const row of rows) {
      const seen = chosen.get(row.key);
      if (!seen || row.region_code.length > seen.region.length) chosen.set(row.key, { value: Number(row.value), region: row.region_code });
    }
    const missing = WORKFLOW_SETTING_KEYS.filter((key) => !chosen.has(key));
    if (missing.length) throw SettingsException.workflowSettingMissing(missing);
    const settings = Object.fromEntries(WORKFLOW_SETTING_KEYS.map((key) => [key, chosen.get(key)!.value])) as WorkflowSettings;
    const items = WORKFLOW_SETTING_KEYS.map((key) => {
      const { label, unit, min, max } = WORKFLOW_SETTING_DEFINITIONS[key];
      const { value, region } = chosen.get(key)!;
      return { key, label, unit, min, max, value, sourceRegionCode: region, own: region === regionCode };
    });
    return { regionCode, settings, items };
  }

  private assertReader(user: AuthUser): void {
    if (user.role === Role.CITIZEN) throw forbidden();
  }

  /** ADMIN only, and inside the admin's own region (a prefecture admin sets its prefecture and counties). */
  private assertWriter(user: AuthUser, regionCode: string): void {
    if (user.role !== Role.ADMIN) throw forbidden('只有管理员可以修改系统设置');
    if (!regionCode.startsWith(user.regionCode ?? '')) throw forbidden('所选地区不在您的辖区内');
  }

  private async assertRegionExists(manager: EntityManager, code: string, field: string): Promise<void> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM regions WHERE code = $1`, [code]);
    if (!rows.length) throw validationFailed([{ field, message: `地区 ${code} 不存在` }]);
  }

  private async regionNames(codes: string[], manager?: EntityManager): Promise<Map<string, string>> {
    if (!codes.length) return new Map();
    const rows: { code: string; name: string }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT code, name FROM regions WHERE code = ANY($1::varchar[])`,
      [[...new Set(codes)]],
    );
    return new Map(rows.map((r) => [r.code, r.name]));
  }
}
