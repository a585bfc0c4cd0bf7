import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CaseSource,
  CaseStatusLabel,
  labelOf,
  maskIdNumber,
  Role,
  WarningAction,
  WarningActionLabel,
  WarningStatus,
  WarningStatusLabel,
} from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { narrowRegion, regionPrefixOf } from '../../common/auth/region-scope.js';
import { Clock } from '../../common/clock.js';
import { AppException, forbidden, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { CASE_WORKER_ROLES } from '../cases/case-parties.service.js';
import { CasesErrorCode } from '../cases/cases.exception.js';
import { CasesService } from '../cases/cases.service.js';
import { ExchangeDatasetsService } from '../exchange/exchange-datasets.service.js';
import type { FeedbackDto, WarningActionResultDto, WarningDto } from './dto/warning.dto.js';
import type { FeedbackQueryDto, WarningActionDto, WarningListQueryDto } from './dto/warning-input.dto.js';
import { evidenceOf, mapWarning, WARNING_ACTION_FROM, WARNING_ACTION_ROLES, warningAuditSnapshot, type WarningRow } from './warnings.mapper.js';
import { WarningsException } from './warnings.exception.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const WARNING = '预警';

/** The warning with what a list shows beside it; `$1` is the region prefix. */
const SELECT_WARNINGS = `
  SELECT w.id, w.county_code, w.region_code, w.household_id, w.member_id, w.rule_id, w.dataset, w.month, w.severity, w.risk_type,
         w.evidence, w.status, w.dismiss_reason, w.case_id, w.handled_at, w.created_at, w.version,
         wr.name AS rule_name, h.household_number, h.household_type, h.monitoring_type, hm.name AS head_name,
         m.name AS member_name, m.relation AS member_relation
    FROM warnings w
    JOIN warning_rules wr ON wr.id = w.rule_id
    JOIN households h ON h.county_code = w.county_code AND h.id = w.household_id
    LEFT JOIN members hm ON hm.county_code = h.county_code AND hm.id = h.head_member_id
    LEFT JOIN members m ON m.county_code = w.county_code AND m.id = w.member_id`;

/**
 * Department warnings for the cadres who verify them (village, grid, township, county; administrators read): the
 * inbox, one warning, and its actions (verify, dismiss with a reason, open a case through the cases module); the
 * verdicts back to the department (feedback).
 */
@Injectable()
export class WarningsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly datasets: ExchangeDatasetsService,
    private readonly cases: CasesService,
    private readonly audit: AuditService,
  ) {}

  /** GET /warnings: within the caller's region (a village sees only its own), filtered, severest and newest first. */
  async list(user: AuthUser, query: WarningListQueryDto): Promise<Page<WarningDto>> {
    const prefix = narrowRegion(user, query.region);
    const { page, pageSize, offset } = pageOf(query);
    const parameters: unknown[] = [`${prefix}%`];
    const bind = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    const where = ['w.region_code LIKE $1'];
    if (prefix.length >= 6) where.push(`w.county_code = ${bind(prefix.slice(0, 6))}`);
    if (query.status) where.push(`w.status = ANY(${bind(query.status.split(','))}::varchar[])`);
    if (query.dataset) where.push(`w.dataset = ${bind(query.dataset)}`);
    if (query.severity) where.push(`w.severity = ${bind(query.severity)}`);
    if (query.month) where.push(`w.month = ${bind(query.month)}`);
    if (query.q) {
      const q = query.q.trim();
      where.push(`(h.household_number = ${bind(q)} OR hm.name LIKE ${bind(`${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)} OR w.evidence->>'name' = ${bind(q)})`);
    }
    const clause = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM warnings w
         JOIN households h ON h.county_code = w.county_code AND h.id = w.household_id
         LEFT JOIN members hm ON hm.county_code = h.county_code AND hm.id = h.head_member_id
        WHERE ${clause}`,
      parameters,
    );
    const rows: WarningRow[] = await this.dataSource.query(
      `${SELECT_WARNINGS} WHERE ${clause}
        ORDER BY CASE w.severity WHEN 'HIGH' THEN 0 WHEN 'MEDIUM' THEN 1 ELSE 2 END, w.created_at DESC, w.id
        LIMIT ${bind(pageSize)} OFFSET ${bind(offset)}`,
      parameters,
    );
    return { items: await this.mapAll(user, rows), total, page, pageSize };
  }

  /** GET /warnings/:id: 404 outside the caller's region. */
  async get(user: AuthUser, id: string): Promise<WarningDto> {
    const row = await this.loadVisible(this.dataSource.manager, user, id, false);
    return (await this.mapAll(user, [row]))[0];
  }

  /** POST /warnings/:id/actions: verify (NEW → VERIFYING), dismiss (reason), open-case (a DEPARTMENT_WARNING case). */
  async act(user: AuthUser, id: string, dto: WarningActionDto): Promise<WarningActionResultDto> {
    if (!WARNING_ACTION_ROLES[dto.action].includes(user.role)) {
      throw forbidden(`您的角色不能对预警执行“${WarningActionLabel[dto.action]}”`);
    }
    if (dto.action === WarningAction.DISMISS && !dto.reason?.trim()) throw validationFailed([{ field: 'reason', message: '请填写排除理由' }]);
    let linkedExistingCase = false;
    await this.dataSource.transaction(async (manager) => {
      const row = await this.loadVisible(manager, user, id, true);
      if (row.version !== dto.version) throw WarningsException.versionConflict(row.version);
      if (!WARNING_ACTION_FROM[dto.action].includes(row.status)) throw WarningsException.wrongStatus(row.status, WarningActionLabel[dto.action]);
      const before = warningAuditSnapshot(row);
      const now = this.clock.now();
      let status: WarningStatus;
      let caseId: string | null = row.case_id;
      let dismissReason: string | null = row.dismiss_reason;
      if (dto.action === WarningAction.VERIFY) {
        status = WarningStatus.VERIFYING;
      } else if (dto.action === WarningAction.DISMISS) {
        status = WarningStatus.DISMISSED;
        dismissReason = dto.reason!.trim();
      } else {
        status = WarningStatus.CASE_OPENED;
        const opened = await this.openCase(manager, user, row, dto.reason);
        caseId = opened.id;
        linkedExistingCase = opened.existing;
      }
      await manager.query(
        `UPDATE warnings SET status = $3, dismiss_reason = $4, case_id = $5, handled_by_account_id = $6, handled_at = $7, updated_at = $7,
                version = version + 1
          WHERE county_code = $1 AND id = $2`,
        [row.county_code, row.id, status, dismissReason, caseId, user.accountId, now],
      );
      await this.audit.record(manager, {
        actor: user,
        action: `warning.${dto.action}`,
        entityType: 'warning',
        entityId: row.id,
        regionCode: row.region_code,
        before,
        after: { ...warningAuditSnapshot({ ...row, status, dismiss_reason: dismissReason, case_id: caseId, version: row.version + 1 }), linkedExistingCase },
      });
    });
    return { ...(await this.get(user, id)), ...(dto.action === WarningAction.OPEN_CASE ? { linkedExistingCase } : {}) };
  }

  /**
   * GET /exchange/feedback: the verdicts on the department's records (its operators and keys): each warning with
   * status, dismiss reason or case number and the case's status, the masked ID number and the department's row
   * reference. No household details beyond that.
   */
  async feedback(user: AuthUser, query: FeedbackQueryDto): Promise<Page<FeedbackDto>> {
    const sender = await this.datasets.senderOf(user);
    const { page, pageSize, offset } = pageOf(query);
    const parameters: unknown[] = [`${sender.regionPrefix}%`];
    const bind = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    const where = ['w.region_code LIKE $1'];
    if (sender.department) where.push(`b.department = ${bind(sender.department)}`);
    if (sender.datasets) where.push(`w.dataset = ANY(${bind(sender.datasets)}::varchar[])`);
    if (query.dataset) where.push(`w.dataset = ${bind(query.dataset)}`);
    if (query.month) where.push(`w.month = ${bind(query.month)}`);
    if (query.status) where.push(`w.status = ${bind(query.status)}`);
    const clause = where.join(' AND ');
    const from = `FROM warnings w JOIN exchange_batches b ON b.id = w.batch_id JOIN warning_rules wr ON wr.id = w.rule_id WHERE ${clause}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total ${from}`, parameters);
    const rows: {
      id: string;
      dataset: string;
      month: string;
      batch_id: string;
      sender_batch_id: string | null;
      row_number: number;
      evidence: Record<string, unknown>;
      rule_name: string;
      status: WarningStatus;
      dismiss_reason: string | null;
      case_id: string | null;
      created_at: Date;
      handled_at: Date | null;
    }[] = await this.dataSource.query(
      `SELECT w.id, w.dataset, w.month, w.batch_id, b.sender_batch_id, w.row_number, w.evidence, wr.name AS rule_name, w.status,
              w.dismiss_reason, w.case_id, w.created_at, w.handled_at
         ${from} ORDER BY w.created_at DESC, w.id LIMIT ${bind(pageSize)} OFFSET ${bind(offset)}`,
      parameters,
    );
    const cases = await this.cases.briefsOf(rows.map((r) => r.case_id).filter((x): x is string => !!x));
    return {
      items: rows.map((r) => {
        const brief = r.case_id ? cases.get(r.case_id) : undefined;
        const caseStatusLabel = brief ? labelOf(CaseStatusLabel, brief.status) : null;
        const verdict =
          r.status === WarningStatus.DISMISSED
            ? `已排除：${r.dismiss_reason ?? ''}`
            : r.status === WarningStatus.CASE_OPENED
              ? `已立案（案件编号 ${brief?.caseNumber ?? ''}，${caseStatusLabel ?? ''}）`
              : '';
        return {
          warningId: r.id,
          dataset: r.dataset,
          month: r.month,
          batch: r.batch_id,
          batchId: r.sender_batch_id,
          rowNumber: r.row_number,
          // the evidence holds it masked already; masked again in case a row ever held more
          idNumber: String(r.evidence.idNumber ?? '').includes('*') ? String(r.evidence.idNumber) : maskIdNumber(String(r.evidence.idNumber ?? '')),
          ruleName: r.rule_name,
          status: r.status,
          statusLabel: labelOf(WarningStatusLabel, r.status),
          verdict,
          dismissReason: r.dismiss_reason,
          caseNumber: brief?.caseNumber ?? null,
          caseStatus: brief?.status ?? null,
          caseStatusLabel,
          raisedAt: new Date(r.created_at).toISOString(),
          handledAt: r.handled_at ? new Date(r.handled_at).toISOString() : null,
        };
      }),
      total,
      page,
      pageSize,
    };
  }

  // ---------------------------------------------------------------- helpers

  /** Opens the identification case at the declare step (source DEPARTMENT_WARNING), or links the household's open one. */
  private async openCase(manager: EntityManager, user: AuthUser, row: WarningRow, note?: string): Promise<{ id: string; existing: boolean }> {
    const dataset = await this.datasets.find(row.dataset, manager);
    const evidence = evidenceOf(row.evidence, dataset ?? undefined)
      .filter((field) => field.key !== 'idNumber')
      .map((field) => `${field.label}：${field.value}`)
      .join('；');
    const description = [
      `部门预警：${row.rule_name}（${dataset?.name ?? row.dataset}，${row.month}）。`,
      evidence ? `部门记录：${evidence}。` : '',
      note ? `核实说明：${note}` : '',
    ].join('');
    try {
      // a savepoint: a refused case leaves the warning's transaction usable
      const created = await manager.transaction((inner) =>
        this.cases.createFromSource(inner, user, {
          source: CaseSource.DEPARTMENT_WARNING,
          householdId: row.household_id,
          description,
          assignedAccountId: CASE_WORKER_ROLES.includes(user.role) ? user.accountId : null,
          reference: { type: 'warning', id: row.id },
          foundAt: new Date(row.created_at) < this.clock.now() ? new Date(row.created_at) : this.clock.now(),
        }),
      );
      return { id: created.id, existing: false };
    } catch (error) {
      if (error instanceof AppException && error.code === CasesErrorCode.CASE_ALREADY_OPEN) {
        const open = await this.cases.findOpenCase(manager, row.county_code, row.household_id);
        if (open) return { id: open.id, existing: true };
      }
      throw error;
    }
  }

  private async loadVisible(manager: EntityManager, user: AuthUser, id: string, lock: boolean): Promise<WarningRow> {
    const prefix = regionPrefixOf(user);
    if (!UUID.test(id)) throw notFound(WARNING);
    if (lock) {
      const locked = await manager.query(`SELECT id FROM warnings WHERE id = $1 AND region_code LIKE $2 FOR UPDATE`, [id, `${prefix}%`]);
      if (!locked.length) throw notFound(WARNING);
    }
    const rows: WarningRow[] = await manager.query(`${SELECT_WARNINGS} WHERE w.id = $1 AND w.region_code LIKE $2`, [id, `${prefix}%`]);
    if (!rows.length) throw notFound(WARNING);
    return rows[0];
  }

  private async mapAll(user: AuthUser, rows: WarningRow[]): Promise<WarningDto[]> {
    const datasets = new Map((await this.datasets.all()).map((d) => [d.code, d]));
    const cases = await this.cases.briefsOf(rows.map((r) => r.case_id).filter((x): x is string => !!x));
    const now = this.clock.now();
    return rows.map((row) =>
      mapWarning(row, { role: user.role, now, dataset: datasets.get(row.dataset), caseNumber: row.case_id ? (cases.get(row.case_id)?.caseNumber ?? null) : null }),
    );
  }
}

export const WARNING_READER_ROLES = [Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.ADMIN];
