import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpStatus, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { FastifyRequest } from 'fastify';
import type {} from '@fastify/multipart';
import { DataSource } from 'typeorm';
import { ExchangeBatchStatus } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { validationFailed } from '../../common/errors/app.exception.js';
import { flatten } from '../../common/http/validation.js';
import { AppConfigService } from '../../config/app-config.service.js';
import { AuditService } from '../audit/audit.service.js';
import { FilesService } from '../files/files.service.js';
import type { CellValue } from './dataset-schema.js';
import { columnResolver, mapHeader } from './dataset-schema.js';
import type { BatchDto } from './dto/exchange.dto.js';
import { BatchFieldsDto, JsonBatchDto } from './dto/exchange-input.dto.js';
import { ExchangeBatch, ExchangeBatchFormat } from './entities/exchange-batch.entity.js';
import type { ExchangeDataset } from './entities/exchange-dataset.entity.js';
import { ExchangeBatchesService } from './exchange-batches.service.js';
import { ExchangeDatasetsService, type Sender } from './exchange-datasets.service.js';
import { encodingOf, readHeader, sniffFile, SNIFF_BYTES, storedFilePath, Utf8Check } from './exchange-file.js';
import { ExchangePipelineService } from './exchange-pipeline.service.js';
import { ExchangeException } from './exchange.exception.js';

const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

/** A file on disk, measured while it was written: size, sha256, first bytes, whether it is all UTF-8. */
export interface ReceivedFile {
  path: string;
  name: string;
  size: number;
  sha256: string;
  head: Buffer;
  isUtf8: boolean;
  /** the path is ours to move or delete (an upload); false for ingestFile's caller's file */
  temporary: boolean;
}

export interface AcceptResult {
  status: number;
  body: BatchDto;
}

/** The sender the benchmark and other server-side tools use: the system itself, any dataset, the whole province. */
export const SYSTEM_SENDER: Sender = {
  user: { accountId: '00000000-0000-0000-0000-000000000000', role: 'ADMIN' as AuthUser['role'], regionCode: null },
  department: null,
  datasets: null,
  regionPrefix: '',
  key: 'system',
  accountId: null,
  apiKeyId: null,
};

/** Measures a stream as it goes by. */
function measuring(into: { size: number; head: Buffer }, hash: ReturnType<typeof createHash>, utf8: Utf8Check): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      utf8.update(chunk);
      into.size += chunk.length;
      if (into.head.length < SNIFF_BYTES) into.head = Buffer.concat([into.head, chunk.subarray(0, SNIFF_BYTES - into.head.length)]);
      callback(null, chunk);
    },
  });
}

const cleanName = (raw: string | undefined) =>
  // eslint-disable-next-line no-control-regex
  [...(basename((raw ?? '').replace(/\\/g, '/')).replace(/[\u0000-\u001f\u007f]/g, '').trim() || 'data')].slice(0, 255).join('');

/**
 * POST /exchange/batches: a file (multipart, streamed to disk while hashed) or JSON rows. Checked whole before it is
 * accepted (dataset and sender, content type, encoding, header, at least one row): a refused delivery stores nothing.
 * The same bytes for the same dataset, or the same batch id from the same sender, return the existing batch (200,
 * replayed). An accepted batch is a row QUEUED and a background job (ExchangePipelineService).
 */
@Injectable()
export class ExchangeIntakeService {
  private readonly logger = new Logger(ExchangeIntakeService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
    private readonly files: FilesService,
    private readonly datasets: ExchangeDatasetsService,
    private readonly batches: ExchangeBatchesService,
    private readonly pipeline: ExchangePipelineService,
    private readonly audit: AuditService,
  ) {}

  get maxBytes(): number {
    const configured = Number(this.config.get('EXCHANGE_MAX_BYTES'));
    return Number.isFinite(configured) && configured > 0 ? Math.floor(configured) : DEFAULT_MAX_BYTES;
  }

  /** Where delivered files are kept: `<files store>/exchange/<sha256 prefix>/<sha256>.<format>`. */
  get directory(): string {
    return join(this.files.directory, 'exchange');
  }

  async submit(user: AuthUser, request: FastifyRequest): Promise<AcceptResult> {
    const sender = await this.datasets.senderOf(user);
    if (request.isMultipart()) return this.submitFile(sender, request);
    return this.submitJson(sender, request.body);
  }

  /**
   * For the benchmark and server-side tools: one batch end to end from a file path, without HTTP: checked, stored,
   * processed in the caller's flow (not queued), answered with the finished batch. The caller's file is copied.
   */
  async ingestFile(path: string, options: { dataset: string; month: string; batchId?: string; sender?: Sender }): Promise<BatchDto> {
    const hash = createHash('sha256');
    const utf8 = new Utf8Check();
    const measured = { size: 0, head: Buffer.alloc(0) };
    await pipeline(createReadStream(path), measuring(measured, hash, utf8), async function* (source) {
      for await (const _ of source) void _;
    });
    const file: ReceivedFile = { path, name: basename(path), size: measured.size, sha256: hash.digest('hex'), head: measured.head, isUtf8: utf8.isUtf8, temporary: false };
    const accepted = await this.accept(options.sender ?? SYSTEM_SENDER, { dataset: options.dataset, month: options.month, batchId: options.batchId }, file, { enqueue: false });
    if (!accepted.body.replayed) await this.pipeline.process(accepted.body.id);
    return this.batches.getById(accepted.body.id);
  }

  // ---------------------------------------------------------------- multipart

  private async submitFile(sender: Sender, request: FastifyRequest): Promise<AcceptResult> {
    const maxBytes = this.maxBytes;
    const tmpDir = join(this.directory, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const fields: Record<string, string> = {};
    let file: ReceivedFile | null = null;
    try {
      const parts = request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10, parts: 12 } });
      for await (const part of parts) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value ?? '');
          continue;
        }
        const path = join(tmpDir, randomUUID());
        const hash = createHash('sha256');
        const utf8 = new Utf8Check();
        const measured = { size: 0, head: Buffer.alloc(0) };
        file = { path, name: cleanName(part.filename), size: 0, sha256: '', head: Buffer.alloc(0), isUtf8: true, temporary: true };
        await pipeline(part.file, measuring(measured, hash, utf8), createWriteStream(path));
        if (part.file.truncated) throw ExchangeException.tooLarge(maxBytes);
        Object.assign(file, { size: measured.size, sha256: hash.digest('hex'), head: measured.head, isUtf8: utf8.isUtf8 });
      }
    } catch (error) {
      if (file) await rm(file.path, { force: true });
      const code = (error as { code?: string })?.code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw ExchangeException.tooLarge(maxBytes);
      if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
        throw validationFailed([{ field: 'file', message: '一次只能上传一个文件' }]);
      }
      throw error;
    }
    try {
      const dto = await this.validFields(BatchFieldsDto, fields);
      if (!file) throw ExchangeException.noFile();
      return await this.accept(sender, dto, file, { enqueue: true });
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  }

  // ---------------------------------------------------------------- JSON rows

  private async submitJson(sender: Sender, body: unknown): Promise<AcceptResult> {
    if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body)) throw ExchangeException.noFile();
    const dto = await this.validFields(JsonBatchDto, body as Record<string, unknown>);
    const dataset = await this.datasets.require(dto.dataset);
    this.datasets.assertMayUse(sender, dataset);
    // each row's names (header or key) as the dataset's keys; unknown names stay as they are (refused by the header check)
    const resolve = columnResolver(dataset.columns);
    const columns: string[] = [];
    const seen = new Set<string>();
    const duplicate = new Set<string>();
    const canonical = dto.rows.map((row) => {
      const out: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(row)) {
        const column = resolve(name);
        const key = column?.key ?? name;
        if (key in out && column) duplicate.add(column.header);
        out[key] = value;
        if (!seen.has(key)) {
          seen.add(key);
          columns.push(key);
        }
      }
      return out;
    });
    if (duplicate.size) throw ExchangeException.badColumns([], [], [...duplicate]);
    const rows = canonical.map((row) => columns.map((key) => jsonCell(row[key])));
    const bytes = Buffer.from(JSON.stringify({ columns, rows }), 'utf8');
    const tmpDir = join(this.directory, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const path = join(tmpDir, randomUUID());
    await writeFile(path, bytes);
    try {
      const file: ReceivedFile = {
        path,
        name: 'rows.json',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        head: bytes.subarray(0, SNIFF_BYTES),
        isUtf8: true,
        temporary: true,
      };
      return await this.accept(sender, dto, file, { enqueue: true, json: true });
    } finally {
      await rm(path, { force: true });
    }
  }

  // ---------------------------------------------------------------- both

  private async validFields<T extends object>(type: new () => T, plain: Record<string, unknown>): Promise<T> {
    const dto = plainToInstance(type, plain);
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false, value: false } });
    if (errors.length) throw validationFailed(flatten(errors));
    return dto;
  }

  /** The checks every delivery passes, then the batch row and its job; a replay answers the existing batch. */
  private async accept(
    sender: Sender,
    fields: { dataset: string; month: string; batchId?: string },
    file: ReceivedFile,
    options: { enqueue: boolean; json?: boolean },
  ): Promise<AcceptResult> {
    const dataset = await this.datasets.require(fields.dataset);
    this.datasets.assertMayUse(sender, dataset);

    const existing = await this.findExisting(dataset.code, file.sha256, sender.key, fields.batchId ?? null);
    if (existing) return this.replay(sender, existing, options.enqueue);

    if (!file.size) throw ExchangeException.emptyFile('文件是空的');
    if (file.size > this.maxBytes) throw ExchangeException.tooLarge(this.maxBytes);
    let format: ExchangeBatchFormat;
    if (options.json) {
      format = ExchangeBatchFormat.JSON;
    } else {
      const sniffed = sniffFile(file.head);
      if ('refused' in sniffed) {
        if (sniffed.refused === '文件是空的') throw ExchangeException.emptyFile(sniffed.refused);
        throw ExchangeException.notATable(sniffed.refused);
      }
      format = sniffed.kind === 'XLSX' ? ExchangeBatchFormat.XLSX : ExchangeBatchFormat.CSV;
    }
    const encoding = format === ExchangeBatchFormat.CSV ? encodingOf(file.isUtf8) : null;
    await this.checkHeader(dataset, file.path, format, encoding);

    const stored = await this.store(file, format);
    const batchId = await this.dataSource.transaction(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(ExchangeBatch)
        .values({
          dataset: dataset.code,
          department: dataset.department,
          month: fields.month,
          senderKey: sender.key,
          senderBatchId: fields.batchId ?? null,
          senderAccountId: sender.accountId,
          apiKeyId: sender.apiKeyId,
          senderRegion: sender.regionPrefix,
          format,
          encoding,
          fileName: file.name,
          sha256: file.sha256,
          totalBytes: String(file.size),
          status: ExchangeBatchStatus.QUEUED,
        })
        .orIgnore()
        .returning('id')
        .updateEntity(false)
        .execute();
      const id = (result.raw[0] as { id: string } | undefined)?.id;
      if (!id) return null;
      await this.audit.record(manager, {
        actor: sender.accountId || sender.apiKeyId ? sender.user : null,
        action: 'exchange-batch.create',
        entityType: 'exchange-batch',
        entityId: id,
        regionCode: sender.regionPrefix || null,
        after: { dataset: dataset.code, month: fields.month, batchId: fields.batchId ?? null, format, fileName: file.name, bytes: file.size, sha256: file.sha256, stored },
      });
      return id;
    });
    if (!batchId) {
      // the same delivery arrived at the same moment: answer the one that won
      const raced = await this.findExisting(dataset.code, file.sha256, sender.key, fields.batchId ?? null);
      if (raced) return this.replay(sender, raced, false);
      throw new Error('batch insert ignored but no batch found');
    }
    if (options.enqueue) await this.pipeline.enqueue(batchId);
    return { status: HttpStatus.ACCEPTED, body: await this.batches.getById(batchId) };
  }

  private async findExisting(dataset: string, sha256: string, senderKey: string, senderBatchId: string | null): Promise<ExchangeBatch | null> {
    const qb = this.dataSource
      .getRepository(ExchangeBatch)
      .createQueryBuilder('b')
      .where('(b.dataset = :dataset AND b.sha256 = :sha256)', { dataset, sha256 });
    if (senderBatchId) qb.orWhere('(b.sender_key = :senderKey AND b.sender_batch_id = :senderBatchId)', { senderKey, senderBatchId });
    return qb.orderBy('b.created_at', 'ASC').getOne();
  }

  /** A re-sent delivery: the batch as it is (a FAILED one is queued again, since the sender tries again). */
  private async replay(sender: Sender, batch: ExchangeBatch, enqueue: boolean): Promise<AcceptResult> {
    if (batch.status === ExchangeBatchStatus.FAILED) {
      await this.dataSource.query(
        `UPDATE exchange_batches SET status = $2, error = NULL, attempts = 0, finished_at = NULL, updated_at = now() WHERE id = $1 AND status = $3`,
        [batch.id, ExchangeBatchStatus.QUEUED, ExchangeBatchStatus.FAILED],
      );
      if (enqueue) await this.pipeline.enqueue(batch.id, `retry-${Date.now()}`);
    }
    await this.audit.record(null, {
      actor: sender.accountId || sender.apiKeyId ? sender.user : null,
      action: 'exchange-batch.replay',
      entityType: 'exchange-batch',
      entityId: batch.id,
      regionCode: sender.regionPrefix || null,
    });
    return { status: HttpStatus.OK, body: { ...(await this.batches.getById(batch.id)), replayed: true } };
  }

  /** The header names the dataset's columns, no others, none twice, and a data row follows. */
  private async checkHeader(dataset: ExchangeDataset, path: string, format: ExchangeBatchFormat, encoding: string | null): Promise<void> {
    let header: CellValue[] | null;
    let hasData: boolean;
    try {
      ({ header, hasData } = await readHeader(path, { kind: format, encoding }));
    } catch (error) {
      this.logger.warn(`unreadable ${format} delivery: ${(error as Error).message}`);
      throw ExchangeException.notATable(format === ExchangeBatchFormat.XLSX ? '文件不是有效的 Excel（.xlsx）表格' : '文件不是有效的 CSV 表格');
    }
    if (!header) throw ExchangeException.emptyFile('文件中没有表头和数据');
    const mapping = mapHeader(header, dataset.columns);
    if (mapping.missing.length || mapping.unknown.length || mapping.duplicate.length) {
      throw ExchangeException.badColumns(mapping.missing.map((c) => c.header), mapping.unknown, mapping.duplicate);
    }
    if (!hasData) throw ExchangeException.emptyFile();
  }

  /** Keeps the bytes under their hash (the same bytes once); returns the path relative to the exchange folder. */
  private async store(file: ReceivedFile, format: ExchangeBatchFormat): Promise<string> {
    const target = storedFilePath(this.directory, { sha256: file.sha256, format });
    const relative = target.slice(this.directory.length + 1);
    try {
      await stat(target);
      return relative;
    } catch {
      await mkdir(join(target, '..'), { recursive: true });
      const partial = `${target}.${randomUUID()}.part`;
      if (file.temporary) await rename(file.path, partial);
      else await copyFile(file.path, partial);
      await rename(partial, target);
      return relative;
    }
  }
}

/** A JSON value as a cell: numbers, strings and booleans as they are; anything else as text (and refused later). */
function jsonCell(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
