import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Department, ExchangeBatchStatus } from '@jiuzhu/shared';
import { ExchangeDataset } from './exchange-dataset.entity.js';

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export enum ExchangeBatchFormat {
  CSV = 'CSV',
  XLSX = 'XLSX',
  JSON = 'JSON',
}

/**
 * A rule as a batch was matched with it: read once when matching starts and kept on the batch (a later change applies
 * to the next batch; a restarted batch uses the same copy).
 */
export interface AppliedRule {
  id: string;
  code: string;
  version: number;
  name: string;
  severity: string;
  riskType: string;
  regionCode: string;
  condition: Record<string, unknown>;
}

/**
 * One delivery of a department: a file (or JSON rows) of one dataset for one data month. The bytes are kept in the
 * files store under their sha256; the same bytes for the same dataset, or the same sender batch id from the same
 * sender, are the same batch (a re-send doubles nothing).
 */
@Entity({ name: 'exchange_batches' })
@Check('CHK_exchange_batches_status', `"status" IN (${list(Object.values(ExchangeBatchStatus))})`)
@Check('CHK_exchange_batches_format', `"format" IN (${list(Object.values(ExchangeBatchFormat))})`)
@Check('CHK_exchange_batches_month', `"month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Index('UQ_exchange_batches_dataset_sha256', ['dataset', 'sha256'], { unique: true })
@Index('UQ_exchange_batches_sender_batch', ['senderKey', 'senderBatchId'], { unique: true, where: '"sender_batch_id" IS NOT NULL' })
@Index('IDX_exchange_batches_department', ['department', 'createdAt'])
// unfinished batches, picked up again at start
@Index('IDX_exchange_batches_unfinished', ['status'], { where: `"status" IN ('QUEUED', 'PARSING', 'MATCHING')` })
export class ExchangeBatch {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 40 })
  dataset: string;

  @ManyToOne(() => ExchangeDataset, { onDelete: 'RESTRICT', nullable: false })
  @JoinColumn({ name: 'dataset', foreignKeyConstraintName: 'FK_exchange_batches_dataset' })
  datasetRow?: ExchangeDataset;

  @Column({ type: 'varchar', length: 32 })
  department: Department;

  /** the data month 'YYYY-MM' */
  @Column({ type: 'varchar', length: 7 })
  month: string;

  /** 'account:<id>' or 'api-key:<id>': whose batch ids are unique together */
  @Column({ name: 'sender_key', type: 'varchar', length: 64 })
  senderKey: string;

  /** the sender's own id of the batch (optional) */
  @Column({ name: 'sender_batch_id', type: 'varchar', length: 100, nullable: true })
  senderBatchId: string | null;

  @Column({ name: 'sender_account_id', type: 'uuid', nullable: true })
  senderAccountId: string | null;

  @Column({ name: 'api_key_id', type: 'uuid', nullable: true })
  apiKeyId: string | null;

  /** the sender's region prefix ('' = the whole province): rows of households outside it are refused as bad rows */
  @Column({ name: 'sender_region', type: 'varchar', length: 15, default: '' })
  senderRegion: string;

  @Column({ type: 'varchar', length: 8 })
  format: ExchangeBatchFormat;

  /** CSV: 'utf-8' or 'gb18030' (GBK), detected over the whole file */
  @Column({ type: 'varchar', length: 16, nullable: true })
  encoding: string | null;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @Column({ name: 'total_bytes', type: 'bigint' })
  totalBytes: string;

  @Column({ type: 'varchar', length: 16, default: ExchangeBatchStatus.QUEUED })
  status: ExchangeBatchStatus;

  @Column({ name: 'received_count', type: 'integer', default: 0 })
  receivedCount: number;

  @Column({ name: 'valid_count', type: 'integer', default: 0 })
  validCount: number;

  @Column({ name: 'invalid_count', type: 'integer', default: 0 })
  invalidCount: number;

  @Column({ name: 'matched_count', type: 'integer', default: 0 })
  matchedCount: number;

  @Column({ name: 'unmatched_count', type: 'integer', default: 0 })
  unmatchedCount: number;

  @Column({ name: 'warning_count', type: 'integer', default: 0 })
  warningCount: number;

  @Column({ name: 'rows_processed', type: 'integer', default: 0 })
  rowsProcessed: number;

  @Column({ name: 'bytes_processed', type: 'bigint', default: 0 })
  bytesProcessed: string;

  /** every row is staged (the next attempt resumes at matching instead of reading the file again) */
  @Column({ name: 'staged_at', type: 'timestamptz', nullable: true })
  stagedAt: Date | null;

  /** the rules read when matching started */
  @Column({ name: 'applied_rules', type: 'jsonb', nullable: true })
  appliedRules: AppliedRule[] | null;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** why the batch FAILED (Chinese) */
  @Column({ type: 'varchar', length: 1000, nullable: true })
  error: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
