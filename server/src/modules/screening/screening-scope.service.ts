import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { forbidden, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { AuditService } from '../audit/audit.service.js';
import { settingLevelsOf } from '../settings/settings.service.js';
import type { ScreeningScopeDto } from './dto/screening.dto.js';
import type { PutScreeningScopeDto } from './dto/screening-input.dto.js';
import { ScreeningScopeSetting } from './entities/screening-scope-setting.entity.js';
import { DEFAULT_SCREENING_SCOPE, ScreeningScope } from './screening-scope.js';

interface ScopeRow {
  region_code: string;
  include_out_of_poverty: boolean;
  include_monitored: boolean;
  include_warnings: boolean;
  include_recent_findings: boolean;
  finding_months: number;
}

const toScope = (row: ScopeRow): ScreeningScope => ({
  includeOutOfPoverty: row.include_out_of_poverty,
  includeMonitored: row.include_monitored,
  includeWarnings: row.include_warnings,
  includeRecentFindings: row.include_recent_findings,
  findingMonths: Number(row.finding_months),
});

/**
 * Which households the monthly screening includes, as data: the most specific row of screening_scope_settings
 * (county over prefecture over province), else DEFAULT_SCREENING_SCOPE. Administrators set them.
 */
@Injectable()
export class ScreeningScopeService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The scope in force in a county (or any region code of 2+ digits), and where it comes from. */
  async scopeFor(manager: EntityManager | null, regionCode: string): Promise<{ scope: ScreeningScope; source: string | null }> {
    const rows: ScopeRow[] = await (manager ?? this.dataSource.manager).query(
      `SELECT region_code, include_out_of_poverty, include_monitored, include_warnings, include_recent_findings, finding_months
         FROM screening_scope_settings WHERE region_code = ANY($1::varchar[]) ORDER BY length(region_code) DESC LIMIT 1`,
      [settingLevelsOf(regionCode)],
    );
    return rows.length ? { scope: toScope(rows[0]), source: rows[0].region_code } : { scope: { ...DEFAULT_SCREENING_SCOPE }, source: null };
  }

  /** GET /screening/scope?region= */
  async get(user: AuthUser, regionCode: string): Promise<ScreeningScopeDto> {
    if (user.role === Role.CITIZEN) throw forbidden();
    return this.describe(null, regionCode);
  }

  /** PUT /screening/scope: an administrator sets the scope of a region in their own region (audited). */
  async put(user: AuthUser, dto: PutScreeningScopeDto): Promise<ScreeningScopeDto> {
    this.assertWriter(user, dto.regionCode);
    return this.dataSource.transaction(async (manager) => {
      await this.assertRegionExists(manager, dto.regionCode);
      const before = await manager.getRepository(ScreeningScopeSetting).findOneBy({ regionCode: dto.regionCode });
      await manager.query(
        `INSERT INTO screening_scope_settings (region_code, include_out_of_poverty, include_monitored, include_warnings,
                                              include_recent_findings, finding_months, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, now())
         ON CONFLICT (region_code) DO UPDATE SET include_out_of_poverty = EXCLUDED.include_out_of_poverty,
           include_monitored = EXCLUDED.include_monitored, include_warnings = EXCLUDED.include_warnings,
           include_recent_findings = EXCLUDED.include_recent_findings, finding_months = EXCLUDED.finding_months,
           updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [
          dto.regionCode,
          dto.includeOutOfPoverty,
          dto.includeMonitored,
          dto.includeWarnings,
          dto.includeRecentFindings,
          dto.findingMonths,
          user.accountId,
        ],
      );
      const { regionCode, ...after } = dto;
      await this.audit.record(manager, {
        actor: user,
        action: 'screening-scope.update',
        entityType: 'screening_scope',
        entityId: regionCode,
        regionCode,
        before: before ? toScope(this.rowOf(before)) : null,
        after,
      });
      return this.describe(manager, regionCode);
    });
  }

  /** DELETE /screening/scope/:regionCode: the region's own row goes; the level above (or the default) applies. */
  async remove(user: AuthUser, regionCode: string): Promise<ScreeningScopeDto> {
    this.assertWriter(user, regionCode);
    return this.dataSource.transaction(async (manager) => {
      const before = await manager.getRepository(ScreeningScopeSetting).findOneBy({ regionCode });
      if (!before) throw notFound('该地区的筛查范围设置');
      await manager.getRepository(ScreeningScopeSetting).delete({ regionCode });
      await this.audit.record(manager, {
        actor: user,
        action: 'screening-scope.delete',
        entityType: 'screening_scope',
        entityId: regionCode,
        regionCode,
        before: toScope(this.rowOf(before)),
      });
      return this.describe(manager, regionCode);
    });
  }

  private async describe(manager: EntityManager | null, regionCode: string): Promise<ScreeningScopeDto> {
    const { scope, source } = await this.scopeFor(manager, regionCode);
    return { regionCode, ...scope, sourceRegionCode: source, own: source === regionCode };
  }

  private rowOf(entity: ScreeningScopeSetting): ScopeRow {
    return {
      region_code: entity.regionCode,
      include_out_of_poverty: entity.includeOutOfPoverty,
      include_monitored: entity.includeMonitored,
      include_warnings: entity.includeWarnings,
      include_recent_findings: entity.includeRecentFindings,
      finding_months: entity.findingMonths,
    };
  }

  private assertWriter(user: AuthUser, regionCode: string): void {
    if (user.role !== Role.ADMIN) throw forbidden('只有管理员可以修改筛查范围');
    if (!regionCode.startsWith(user.regionCode ?? '')) throw forbidden('所选地区不在您的辖区内');
  }

  private async assertRegionExists(manager: EntityManager, code: string): Promise<void> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM regions WHERE code = $1`, [code]);
    if (!rows.length) throw validationFailed([{ field: 'regionCode', message: `地区 ${code} 不存在` }]);
  }
}
