import { Injectable, Logger, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { narrowRegion } from '../../common/auth/region-scope.js';
import { pageOf } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import type { QualityFindingDto, QualityFindingPageDto } from './dto/quality.dto.js';
import type { QualityExportQueryDto, QualityFindingQueryDto } from './dto/quality-input.dto.js';
import { QualityRun, QualityRunStatus } from './entities/quality-run.entity.js';
import { codeRange } from './quality-checks.js';
import { QualityException } from './quality.exception.js';
import { exportRow, FindingRow, mapFinding } from './quality.mapper.js';
import { QualityService, visiblePart } from './quality.service.js';

const EXPORT_BATCH = 1000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const EXPORT_HEADERS = ['县', '乡镇', '村', '户编号', '户主', '问题', '说明'];
const EXPORT_WIDTHS = [14, 16, 18, 22, 10, 36, 80];

interface Selection {
  run: QualityRun;
  /** the region prefix listed: the narrower of the run's region and the one asked for */
  prefix: string;
  check: string | null;
  /** the region asked for lies beside the run's (another township of the county): nothing of the run is there */
  beside: boolean;
}

const SELECT = `SELECT f.id, f.run_id, f.check_code, f.details, f.region_code, f.household_id, f.household_number,
       hm.name AS head_name, rc.name AS county_name, rt.name AS township_name, rv.name AS village_name
  FROM quality_findings f
  JOIN households h ON h.county_code = f.county_code AND h.id = f.household_id
  LEFT JOIN members hm ON hm.county_code = h.county_code AND hm.household_id = h.id AND hm.id = h.head_member_id
  LEFT JOIN regions rc ON rc.code = left(f.region_code, 6)
  LEFT JOIN regions rt ON rt.code = left(f.region_code, 9)
  LEFT JOIN regions rv ON rv.code = left(f.region_code, 12)`;

/** RFC 5987 / 6266: an ASCII fallback name and the UTF-8 one. */
export function attachmentDisposition(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** The 问题清单: a run's findings in the caller's region, as a page or as a streamed .xlsx. */
@Injectable()
export class QualityFindingsService {
  private readonly logger = new Logger(QualityFindingsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly runs: QualityService,
    private readonly audit: AuditService,
  ) {}

  /** GET /quality/findings */
  async list(user: AuthUser, query: QualityFindingQueryDto): Promise<QualityFindingPageDto> {
    const { page, pageSize, offset } = pageOf(query);
    const selection = await this.select(user, query);
    if (!selection) return { items: [], total: 0, page, pageSize, run: null };
    const { where, params } = this.where(selection);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM quality_findings f WHERE ${where}`, params);
    const rows: FindingRow[] = await this.dataSource.query(
      `${SELECT} WHERE ${where} ORDER BY f.region_code, f.household_number, f.check_code
        LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, pageSize, offset],
    );
    const items: QualityFindingDto[] = rows.map(mapFinding);
    return { items, total, page, pageSize, run: await this.runs.view(user, selection.run) };
  }

  /**
   * GET /quality/findings/export: one row per finding, streamed (exceljs WorkbookWriter over keyset batches of the
   * run's index), so the memory stays flat whatever the region's size. Audited with the number of rows.
   */
  async export(user: AuthUser, query: QualityExportQueryDto): Promise<StreamableFile> {
    const selection = await this.select(user, query);
    if (!selection) throw QualityException.noRun();
    if (selection.run.status !== QualityRunStatus.DONE) throw QualityException.runNotDone(selection.run.status);
    const { where, params } = this.where(selection);
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM quality_findings f WHERE ${where}`, params);
    const [region] = selection.prefix ? await this.dataSource.query(`SELECT name FROM regions WHERE code = $1`, [selection.prefix]) : [];
    await this.audit.record(null, {
      actor: user,
      action: 'quality.export',
      entityType: 'quality_run',
      entityId: selection.run.id,
      regionCode: selection.prefix || null,
      after: { region: selection.prefix, check: selection.check, rows: total },
    });

    const date = String(selection.run.runDate).slice(0, 10);
    const out = new PassThrough();
    void this.writeWorkbook(out, selection).catch((error: Error) => {
      this.logger.error(`quality export of run ${selection.run.id} failed: ${error.message}`);
      out.destroy(error);
    });
    return new StreamableFile(out, {
      type: XLSX,
      disposition: attachmentDisposition(
        `quality-findings-${selection.prefix || 'all'}-${date}.xlsx`,
        `问题清单-${region?.name ?? (selection.prefix || '全部')}-${date}.xlsx`,
      ),
    });
  }

  private async writeWorkbook(out: PassThrough, selection: Selection): Promise<void> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('问题清单');
    sheet.columns = EXPORT_HEADERS.map((header, i) => ({ header, width: EXPORT_WIDTHS[i] }));
    const { where, params } = this.where(selection);
    let after: [string, string, string] | null = null;
    for (;;) {
      if (out.destroyed) return; // the client went away
      const keyset: string = after ? `AND (f.region_code, f.household_number, f.check_code) > ($${params.length + 1}, $${params.length + 2}, $${params.length + 3})` : '';
      const rows: FindingRow[] = await this.dataSource.query(
        `${SELECT} WHERE ${where} ${keyset} ORDER BY f.region_code, f.household_number, f.check_code LIMIT ${EXPORT_BATCH}`,
        after ? [...params, ...after] : params,
      );
      for (const row of rows) sheet.addRow(exportRow(row)).commit();
      if (rows.length < EXPORT_BATCH) break;
      const last = rows[rows.length - 1];
      after = [last.region_code, last.household_number, last.check_code];
      // let a slow client drain what is written before reading more
      if (out.writableNeedDrain) await once(out, 'drain');
    }
    sheet.commit();
    await workbook.commit();
  }

  /** Which run and region: the run asked for (if the caller sees it), else the latest finished run covering the region. */
  private async select(user: AuthUser, query: { run?: string; region?: string; check?: string }): Promise<Selection | null> {
    const region = narrowRegion(user, query.region);
    const run = query.run ? await this.runs.load(user, query.run) : await this.runs.latestDoneCovering(region);
    if (!run) return null;
    const prefix = visiblePart(run.regionCode, region);
    return { run, prefix: prefix ?? region, check: query.check ?? null, beside: prefix === null };
  }

  private where(selection: Selection): { where: string; params: unknown[] } {
    const { lower, upper } = codeRange(selection.prefix);
    const params: unknown[] = [selection.run.id, lower];
    const where = [`f.run_id = $1`, `f.region_code >= $2`];
    if (selection.beside) where.push('false');
    if (upper) where.push(`f.region_code < $${params.push(upper)}`);
    if (selection.check) where.push(`f.check_code = $${params.push(selection.check)}`);
    return { where: where.join(' AND '), params };
  }
}
