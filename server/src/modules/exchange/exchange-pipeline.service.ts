import { join } from 'node:path';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ExchangeBatchStatus, maskIdNumber } from '@jiuzhu/shared';
import { Clock } from '../../common/clock.js';
import { AppConfigService } from '../../config/app-config.service.js';
import { AuditService } from '../audit/audit.service.js';
import { CryptoService } from '../crypto/crypto.service.js';
import { FilesService } from '../files/files.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import { HeaderMapping, idColumnOf, mapHeader, maskedRow, validateRow } from './dataset-schema.js';
import { AppliedRule, ExchangeBatch } from './entities/exchange-batch.entity.js';
import type { ExchangeDataset } from './entities/exchange-dataset.entity.js';
import { ExchangeDatasetsService } from './exchange-datasets.service.js';
import { FileRow, readRows, storedFilePath } from './exchange-file.js';
import { openStagingSink } from './staging-sink.js';

export const EXCHANGE_BATCH_JOB = 'exchange.process-batch';
/** tries of one batch (the job's attempts): a batch that failed this many times is FAILED */
const MAX_ATTEMPTS = 3;

/**
 * What the warnings module plugs in (it depends on this module, not the other way round): the rules a batch is
 * matched with, and the set-based raising of its warnings inside the matching transaction.
 */
export interface WarningRaiser {
  /** the active rules of the dataset in force on `today` ('YYYY-MM-DD'), as the copy the batch keeps */
  readRules(manager: EntityManager, dataset: string, today: string): Promise<AppliedRule[]>;
  /** raises the batch's warnings (and tells the villages) in the caller's transaction; how many were new */
  raise(manager: EntityManager, batch: ExchangeBatch, rules: AppliedRule[], dataset: ExchangeDataset): Promise<number>;
}

/** A problem of the delivery itself (unreadable file): the batch FAILED at once, with this Chinese reason. */
export class BatchFailure extends Error {}

/** Test hooks: a way to stop a batch mid-way (a crash) and to act between reading the rules and matching. */
export interface PipelineHooks {
  afterChunk?: (batchId: string, rowsStaged: number) => Promise<void> | void;
  afterRulesRead?: (batchId: string) => Promise<void> | void;
}

/**
 * The background job of a batch: parse the stored file as a stream, validate each row, stage good rows with COPY
 * (multi-row INSERTs on PGlite) and bad rows as row errors, then in one transaction match the whole batch to the
 * registry (one UPDATE ... FROM through the keyed hash), refuse rows outside the sender's region, raise the warnings
 * and finish. Idempotent: an attempt that finds the batch not fully staged deletes what an earlier attempt staged
 * and reads the file again; one that finds it staged resumes at matching (which commits all or nothing).
 */
@Injectable()
export class ExchangePipelineService implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(ExchangePipelineService.name);
  private raiser: WarningRaiser | null = null;
  /** rows per COPY statement / INSERT group and between progress updates */
  chunkRows = 20_000;
  hooks: PipelineHooks = {};

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
    private readonly crypto: CryptoService,
    private readonly files: FilesService,
    private readonly jobs: JobsService,
    private readonly datasets: ExchangeDatasetsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.jobs.register(EXCHANGE_BATCH_JOB, async (data: { batchId?: string }) => {
      if (data?.batchId) await this.process(data.batchId);
    });
  }

  onApplicationBootstrap(): void {
    // batches a stopped server left unfinished go on (tests, with the scheduler off, call resumeUnfinished)
    if (!this.jobs.schedulerEnabled) return;
    this.resumeUnfinished().catch((error: Error) => this.logger.warn(`could not resume unfinished batches: ${error.message}`));
  }

  useWarningRaiser(raiser: WarningRaiser): void {
    this.raiser = raiser;
  }

  async enqueue(batchId: string, suffix?: string): Promise<void> {
    await this.jobs.enqueue(EXCHANGE_BATCH_JOB, { batchId }, { jobId: `exchange-batch-${batchId}${suffix ? `-${suffix}` : ''}`, attempts: MAX_ATTEMPTS });
  }

  /** Queues every batch left QUEUED, PARSING or MATCHING (a restart mid-batch); returns their ids. */
  async resumeUnfinished(): Promise<string[]> {
    const rows: { id: string; attempts: number }[] = await this.dataSource.query(
      `SELECT id, attempts FROM exchange_batches WHERE status IN ($1, $2, $3) ORDER BY created_at`,
      [ExchangeBatchStatus.QUEUED, ExchangeBatchStatus.PARSING, ExchangeBatchStatus.MATCHING],
    );
    for (const row of rows) await this.enqueue(row.id, `resume-${row.attempts}`);
    if (rows.length) this.logger.log(`resumed ${rows.length} unfinished exchange batches`);
    return rows.map((r) => r.id);
  }

  /** One attempt at a batch, start to end (the job's handler; ingestFile calls it directly). */
  async process(batchId: string): Promise<void> {
    const repository = this.dataSource.getRepository(ExchangeBatch);
    const batch = await repository.findOneBy({ id: batchId });
    if (!batch || batch.status === ExchangeBatchStatus.DONE || batch.status === ExchangeBatchStatus.FAILED) return;
    const dataset = await this.datasets.find(batch.dataset);
    batch.attempts += 1;
    await this.dataSource.query(`UPDATE exchange_batches SET attempts = $2, started_at = coalesce(started_at, $3), updated_at = $3 WHERE id = $1`, [
      batch.id,
      batch.attempts,
      this.clock.now(),
    ]);
    try {
      if (!dataset) throw new BatchFailure(`数据集 ${batch.dataset} 已不存在`);
      if (!batch.stagedAt) await this.stage(batch, dataset);
      await this.match(batch, dataset);
    } catch (error) {
      const failure = error instanceof BatchFailure;
      if (failure || batch.attempts >= MAX_ATTEMPTS) {
        const message = failure ? error.message : '处理过程中出错，已重试多次仍未成功，请联系管理员';
        this.logger.error(`exchange batch ${batch.id} failed: ${(error as Error).message}`);
        await this.fail(batch, message);
        return;
      }
      throw error;
    }
  }

  // ---------------------------------------------------------------- parse and stage

  private async stage(batch: ExchangeBatch, dataset: ExchangeDataset): Promise<void> {
    // whatever an earlier attempt staged goes: this attempt reads the file from the start
    await this.dataSource.query(`DELETE FROM exchange_records WHERE batch_id = $1`, [batch.id]);
    await this.dataSource.query(`DELETE FROM exchange_row_errors WHERE batch_id = $1`, [batch.id]);
    await this.dataSource.query(
      `UPDATE exchange_batches SET status = $2, received_count = 0, valid_count = 0, invalid_count = 0, rows_processed = 0,
              bytes_processed = 0, updated_at = $3 WHERE id = $1`,
      [batch.id, ExchangeBatchStatus.PARSING, this.clock.now()],
    );
    const path = storedFilePath(join(this.files.directory, 'exchange'), batch);
    const sink = await openStagingSink(this.dataSource, batch.id, { embedded: this.config.embeddedDatabase, copyChunkRows: this.chunkRows });
    const today = this.clock.now();
    const idHeader = idColumnOf(dataset.columns);
    let mapping: HeaderMapping | null = null;
    let received = 0;
    let invalid = 0;
    let bytes = 0;
    const rows = readRows(path, { kind: batch.format, encoding: batch.encoding, onBytes: (n) => (bytes = n) });
    try {
      for (;;) {
        let next: IteratorResult<FileRow>;
        try {
          next = await rows.next();
        } catch (error) {
          throw readFailure(error, received);
        }
        if (next.done) break;
        const { rowNumber, cells } = next.value;
        if (!mapping) {
          mapping = mapHeader(cells, dataset.columns);
          if (mapping.missing.length || mapping.unknown.length || mapping.duplicate.length) throw new BatchFailure('表头与数据集不符');
          continue;
        }
        received++;
        const result = validateRow(dataset.columns, mapping, cells, today);
        if (result.ok) {
          const { idNumber, residentId, name, fields } = result.row;
          await sink.write({
            rowNumber,
            idHash: this.crypto.lookupHash(residentId),
            idEncrypted: this.crypto.encrypt(idNumber),
            idMasked: maskIdNumber(idNumber),
            name,
            fields,
          });
        } else {
          invalid++;
          await sink.writeError({ rowNumber, problems: result.problems, row: maskedRow(dataset.columns, mapping, cells) });
        }
        if (received % this.chunkRows === 0) {
          await sink.flush();
          await this.progress(batch.id, received, bytes);
          await this.hooks.afterChunk?.(batch.id, received);
        }
      }
      await sink.flush();
    } finally {
      await rows.return(undefined).catch(() => undefined);
      await sink.close();
    }
    if (!mapping) throw new BatchFailure(`文件中没有“${idHeader.header}”等表头`);
    batch.stagedAt = this.clock.now();
    batch.receivedCount = received;
    batch.invalidCount = invalid;
    batch.validCount = received - invalid;
    batch.status = ExchangeBatchStatus.MATCHING;
    await this.dataSource.query(
      `UPDATE exchange_batches SET status = $2, staged_at = $3, received_count = $4, valid_count = $5, invalid_count = $6,
              rows_processed = $4, bytes_processed = total_bytes, updated_at = $3 WHERE id = $1`,
      [batch.id, batch.status, batch.stagedAt, received, batch.validCount, invalid],
    );
  }

  private async progress(batchId: string, rows: number, bytes: number): Promise<void> {
    await this.dataSource.query(`UPDATE exchange_batches SET rows_processed = $2, bytes_processed = $3, updated_at = $4 WHERE id = $1`, [
      batchId,
      rows,
      bytes,
      this.clock.now(),
    ]);
  }

  // ---------------------------------------------------------------- match, refuse out of region, raise

  private async match(batch: ExchangeBatch, dataset: ExchangeDataset): Promise<void> {
    if (batch.status !== ExchangeBatchStatus.MATCHING) {
      await this.dataSource.query(`UPDATE exchange_batches SET status = $2, updated_at = $3 WHERE id = $1`, [batch.id, ExchangeBatchStatus.MATCHING, this.clock.now()]);
    }
    // the rules are read once, when matching starts, and kept: a change applies from the next batch
    let rules = batch.appliedRules;
    if (!rules) {
      rules = this.raiser ? await this.raiser.readRules(this.dataSource.manager, batch.dataset, this.clock.today()) : [];
      await this.dataSource.query(`UPDATE exchange_batches SET applied_rules = $2::jsonb WHERE id = $1`, [batch.id, JSON.stringify(rules)]);
      batch.appliedRules = rules;
    }
    await this.hooks.afterRulesRead?.(batch.id);
    const idColumn = idColumnOf(dataset.columns);
    const nameColumn = dataset.columns.find((c) => c.key === 'name');
    await this.dataSource.transaction(async (manager) => {
      // one UPDATE ... FROM over the whole batch: the keyed hash meets members.id_number_hash (never decrypted)
      const [{ matched }]: { matched: number }[] = await manager.query(
        `WITH updated AS (
           UPDATE exchange_records r
              SET member_id = m.id, household_id = m.household_id, county_code = m.county_code, region_code = h.region_code
             FROM members m JOIN households h ON h.county_code = m.county_code AND h.id = m.household_id
            WHERE r.batch_id = $1 AND m.id_number_hash = r.id_hash
           RETURNING 1)
         SELECT count(*)::int AS matched FROM updated`,
        [batch.id],
      );
      let outside = 0;
      if (batch.senderRegion) {
        const headers = Object.fromEntries(dataset.columns.map((c) => [c.key, c.header]));
        const [{ moved }]: { moved: number }[] = await manager.query(
          `WITH inserted AS (
           INSERT INTO exchange_row_errors (batch_id, row_number, problems, row)
           SELECT r.batch_id, r.row_number, $3::jsonb,
                  jsonb_build_object($4::text, r.id_masked, $5::text, r.name)
                  || coalesce((SELECT jsonb_object_agg(coalesce(hd.value, f.key), f.value)
                                 FROM jsonb_each_text(r.fields) f LEFT JOIN jsonb_each_text($6::jsonb) hd ON hd.key = f.key), '{}'::jsonb)
             FROM exchange_records r
            WHERE r.batch_id = $1 AND r.household_id IS NOT NULL AND r.region_code NOT LIKE $2
           ON CONFLICT (batch_id, row_number) DO NOTHING
           RETURNING 1)
           SELECT count(*)::int AS moved FROM inserted`,
          [
            batch.id,
            `${batch.senderRegion}%`,
            JSON.stringify([{ column: null, reason: `该人员的户籍不在报送方的地区范围（${batch.senderRegion}）内，未予比对` }]),
            idColumn.header,
            nameColumn?.header ?? '姓名',
            JSON.stringify(headers),
          ],
        );
        outside = moved;
        if (outside) {
          await manager.query(`DELETE FROM exchange_records WHERE batch_id = $1 AND household_id IS NOT NULL AND region_code NOT LIKE $2`, [
            batch.id,
            `${batch.senderRegion}%`,
          ]);
        }
      }
      const valid = batch.validCount - outside;
      const counts = { matched: matched - outside, valid, invalid: batch.invalidCount + outside, unmatched: valid - (matched - outside) };
      Object.assign(batch, { matchedCount: counts.matched, validCount: counts.valid, invalidCount: counts.invalid, unmatchedCount: counts.unmatched });
      const warnings = this.raiser && rules!.length && counts.matched ? await this.raiser.raise(manager, batch, rules!, dataset) : 0;
      const now = this.clock.now();
      await manager.query(
        `UPDATE exchange_batches SET status = $2, valid_count = $3, invalid_count = $4, matched_count = $5, unmatched_count = $6,
                warning_count = $7, finished_at = $8, updated_at = $8, error = NULL WHERE id = $1`,
        [batch.id, ExchangeBatchStatus.DONE, counts.valid, counts.invalid, counts.matched, counts.unmatched, warnings, now],
      );
      await this.audit.record(manager, {
        actor: null,
        action: 'exchange-batch.process',
        entityType: 'exchange-batch',
        entityId: batch.id,
        regionCode: batch.senderRegion || null,
        after: { dataset: batch.dataset, month: batch.month, received: batch.receivedCount, ...counts, warnings, rules: rules!.map((r) => `${r.code}@${r.version}`) },
      });
    });
  }

  private async fail(batch: ExchangeBatch, message: string): Promise<void> {
    const now = this.clock.now();
    await this.dataSource.query(`UPDATE exchange_batches SET status = $2, error = $3, finished_at = $4, updated_at = $4 WHERE id = $1`, [
      batch.id,
      ExchangeBatchStatus.FAILED,
      message.slice(0, 1000),
      now,
    ]);
    await this.audit.record(null, {
      actor: null,
      action: 'exchange-batch.fail',
      entityType: 'exchange-batch',
      entityId: batch.id,
      regionCode: batch.senderRegion || null,
      after: { error: message, attempts: batch.attempts },
    });
  }
}

/** A reader's error as the department reads it. */
function readFailure(error: unknown, rowsRead: number): BatchFailure {
  const lines = (error as { lines?: number })?.lines;
  const where = lines ? `第 ${lines} 行附近` : `第 ${rowsRead + 2} 行附近`;
  return new BatchFailure(`文件${where}无法读取（如引号未配对、文件已损坏），请检查后重新报送`);
}
