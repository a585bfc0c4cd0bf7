import { PassThrough, Readable } from 'node:stream';
import { Injectable, StreamableFile } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ExchangeBatchStatus, maskName } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { notFound } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import type { BatchDto, RowErrorDto, UnmatchedRowDto } from './dto/exchange.dto.js';
import type { BatchListQueryDto, ReportFormat, ReportQueryDto } from './dto/exchange-input.dto.js';
import { ExchangeBatch } from './entities/exchange-batch.entity.js';
import type { ExchangeDataset } from './entities/exchange-dataset.entity.js';
import type { RowProblem } from './entities/exchange-row-error.entity.js';
import { ExchangeDatasetsService, type Sender } from './exchange-datasets.service.js';
import { ExcelJS } from './exchange-file.js';
import { ExchangeException } from './exchange.exception.js';
import { mapBatch } from './exchange.mapper.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// rows read from the database per round trip while a report streams
const REPORT_PAGE = 2000;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const csvCell = (value: unknown) => {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};
const csvLine = (cells: unknown[]) => `${cells.map(csvCell).join(',')}\r\n`;

interface ErrorRow {
  row_number: number;
  problems: RowProblem[];
  row: Record<string, string>;
}

/** A batch's status for its sender, the sender's list, the error report and the unmatched list (paged or streamed). */
@Injectable()
export class ExchangeBatchesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly datasets: ExchangeDatasetsService,
    private readonly audit: AuditService,
  ) {}

  /** The batch as answered, whoever asks (the intake, the benchmark); callers check scope first. */
  async getById(id: string): Promise<BatchDto> {
    const batch = await this.dataSource.getRepository(ExchangeBatch).findOneByOrFail({ id });
    const dataset = await this.datasets.find(batch.dataset);
    return mapBatch(batch, dataset?.name ?? batch.dataset);
  }

  /** GET /exchange/batches/:id */
  async get(user: AuthUser, id: string): Promise<BatchDto> {
    const { batch, dataset } = await this.loadVisible(await this.datasets.senderOf(user), id);
    return mapBatch(batch, dataset.name);
  }

  /** GET /exchange/batches: the sender's department and region (an API key: its datasets too); administrators all. */
  async list(user: AuthUser, query: BatchListQueryDto): Promise<Page<BatchDto>> {
    const sender = await this.datasets.senderOf(user);
    const { page, pageSize, offset } = pageOf(query);
    const qb = this.dataSource.getRepository(ExchangeBatch).createQueryBuilder('b');
    this.scope(qb, sender);
    if (query.dataset) qb.andWhere('b.dataset = :dataset', { dataset: query.dataset });
    if (query.month) qb.andWhere('b.month = :month', { month: query.month });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    const [rows, total] = await qb.orderBy('b.created_at', 'DESC').addOrderBy('b.id').skip(offset).take(pageSize).getManyAndCount();
    const names = new Map((await this.datasets.all()).map((d) => [d.code, d.name]));
    return { items: rows.map((b) => mapBatch(b, names.get(b.dataset) ?? b.dataset)), total, page, pageSize };
  }

  /**
   * GET /exchange/batches/:id/errors: one line per problem (row number, column, reason) with the row as sent (ID
   * masked). json pages; csv and xlsx stream the whole report.
   */
  async errors(user: AuthUser, id: string, query: ReportQueryDto): Promise<Page<RowErrorDto> | StreamableFile> {
    const sender = await this.datasets.senderOf(user);
    const { batch, dataset } = await this.loadVisible(sender, id);
    const format = query.format ?? 'json';
    if (format === 'json') {
      const { page, pageSize, offset } = pageOf(query);
      const [{ total }] = await this.dataSource.query(
        `SELECT coalesce(sum(jsonb_array_length(problems)), 0)::int AS total FROM exchange_row_errors WHERE batch_id = $1`,
        [batch.id],
      );
      const rows: (ErrorRow & { problem: RowProblem })[] = await this.dataSource.query(
        `SELECT e.row_number, e.row, p.value AS problem
           FROM exchange_row_errors e CROSS JOIN LATERAL jsonb_array_elements(e.problems) WITH ORDINALITY AS p(value, n)
          WHERE e.batch_id = $1 ORDER BY e.row_number, p.n LIMIT $2 OFFSET $3`,
        [batch.id, pageSize, offset],
      );
      return {
        items: rows.map((r) => ({ rowNumber: r.row_number, column: r.problem.column, reason: r.problem.reason, row: r.row })),
        total,
        page,
        pageSize,
      };
    }
    await this.recordExport(user, batch, 'exchange-batch.errors-export', format);
    const headers = dataset.columns.map((c) => c.header);
    const lines = this.errorLines(batch.id, headers);
    return this.download(lines, ['行号', '出错的列', '错误原因', ...headers], `${dataset.name}-${batch.month}-错误报告`, format);
  }

  /** GET /exchange/batches/:id/unmatched: rows whose person is not in the registry (masked ID and name, row number). */
  async unmatched(user: AuthUser, id: string, query: ReportQueryDto): Promise<Page<UnmatchedRowDto> | StreamableFile> {
    const sender = await this.datasets.senderOf(user);
    const { batch, dataset } = await this.loadVisible(sender, id);
    if (batch.status !== ExchangeBatchStatus.DONE) throw ExchangeException.batchNotDone();
    const format = query.format ?? 'json';
    if (format === 'json') {
      const { page, pageSize, offset } = pageOf(query);
      const rows: { row_number: number; id_masked: string; name: string }[] = await this.dataSource.query(
        `SELECT row_number, id_masked, name FROM exchange_records WHERE batch_id = $1 AND household_id IS NULL ORDER BY row_number LIMIT $2 OFFSET $3`,
        [batch.id, pageSize, offset],
      );
      return { items: rows.map((r) => ({ rowNumber: r.row_number, idNumber: r.id_masked, name: maskName(r.name) })), total: batch.unmatchedCount, page, pageSize };
    }
    await this.recordExport(user, batch, 'exchange-batch.unmatched-export', format);
    const dataSource = this.dataSource;
    async function* lines(): AsyncGenerator<unknown[]> {
      let after = 0;
      for (;;) {
        const rows: { row_number: number; id_masked: string; name: string }[] = await dataSource.query(
          `SELECT row_number, id_masked, name FROM exchange_records WHERE batch_id = $1 AND household_id IS NULL AND row_number > $2
            ORDER BY row_number LIMIT $3`,
          [batch.id, after, REPORT_PAGE],
        );
        for (const r of rows) yield [r.row_number, r.id_masked, maskName(r.name)];
        if (rows.length < REPORT_PAGE) return;
        after = rows[rows.length - 1].row_number;
      }
    }
    return this.download(lines(), ['行号', '身份证号', '姓名'], `${dataset.name}-${batch.month}-未匹配名单`, format);
  }

  /** The batch if the sender may see it, else 404 (ids outside the sender's reach are not probed). */
  async loadVisible(sender: Sender, id: string): Promise<{ batch: ExchangeBatch; dataset: ExchangeDataset }> {
    const batch = UUID.test(id) ? await this.dataSource.getRepository(ExchangeBatch).findOneBy({ id }) : null;
    const dataset = batch ? await this.datasets.find(batch.dataset) : null;
    if (!batch || !dataset || !this.visible(sender, batch)) throw notFound('数据批次');
    return { batch, dataset };
  }

  private visible(sender: Sender, batch: ExchangeBatch): boolean {
    if (!sender.department) return sender.regionPrefix.length <= 2 || batch.senderRegion.startsWith(sender.regionPrefix);
    if (batch.department !== sender.department) return false;
    if (sender.datasets && !sender.datasets.includes(batch.dataset)) return false;
    return batch.senderRegion.startsWith(sender.regionPrefix);
  }

  private scope(qb: ReturnType<Repository['createQueryBuilder']>, sender: Sender): void {
    if (!sender.department) {
      if (sender.regionPrefix.length > 2) qb.andWhere('b.sender_region LIKE :prefix', { prefix: `${sender.regionPrefix}%` });
      return;
    }
    qb.andWhere('b.department = :department', { department: sender.department });
    qb.andWhere('b.sender_region LIKE :prefix', { prefix: `${sender.regionPrefix}%` });
    if (sender.datasets) qb.andWhere('b.dataset IN (:...datasets)', { datasets: sender.datasets });
  }

  private async *errorLines(batchId: string, headers: string[]): AsyncGenerator<unknown[]> {
    let after = 0;
    for (;;) {
      const rows: ErrorRow[] = await this.dataSource.query(
        `SELECT row_number, problems, row FROM exchange_row_errors WHERE batch_id = $1 AND row_number > $2 ORDER BY row_number LIMIT $3`,
        [batchId, after, REPORT_PAGE],
      );
      for (const r of rows) {
        for (const problem of r.problems) yield [r.row_number, problem.column ?? '', problem.reason, ...headers.map((h) => r.row[h] ?? '')];
      }
      if (rows.length < REPORT_PAGE) return;
      after = rows[rows.length - 1].row_number;
    }
  }

  /** csv (UTF-8 with BOM, so Excel shows the Chinese) or xlsx (exceljs streaming writer), line by line from the database. */
  private download(lines: AsyncGenerator<unknown[]>, header: string[], name: string, format: Exclude<ReportFormat, 'json'>): StreamableFile {
    const disposition = (ext: string) => `attachment; filename="report.${ext}"; filename*=UTF-8''${encodeURIComponent(`${name}.${ext}`)}`;
    if (format === 'csv') {
      async function* text(): AsyncGenerator<string> {
        yield `\uFEFF${csvLine(header)}`;
        for await (const line of lines) yield csvLine(line);
      }
      return new StreamableFile(Readable.from(text()), { type: 'text/csv; charset=utf-8', disposition: disposition('csv') });
    }
    const out = new PassThrough();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const sheet = workbook.addWorksheet('报告');
    void (async () => {
      sheet.addRow(header).commit();
      for await (const line of lines) sheet.addRow(line).commit();
      sheet.commit();
      await workbook.commit();
    })().catch((error: Error) => out.destroy(error));
    return new StreamableFile(out, { type: XLSX, disposition: disposition('xlsx') });
  }

  private async recordExport(user: AuthUser, batch: ExchangeBatch, action: string, format: string): Promise<void> {
    await this.audit.record(null, {
      actor: user,
      action,
      entityType: 'exchange-batch',
      entityId: batch.id,
      regionCode: batch.senderRegion || null,
      after: { format, dataset: batch.dataset, month: batch.month },
    });
  }
}

type Repository = import('typeorm').Repository<ExchangeBatch>;
