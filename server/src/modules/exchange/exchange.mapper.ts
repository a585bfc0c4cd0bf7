import { DepartmentLabel, ExchangeBatchStatus, ExchangeBatchStatusLabel, labelOf } from '@jiuzhu/shared';
import type { BatchDto } from './dto/exchange.dto.js';
import type { ExchangeBatch } from './entities/exchange-batch.entity.js';

/** A batch as every endpoint answers it (counts, progress, error), never the sender's internals. */
export function mapBatch(batch: ExchangeBatch, datasetName: string): BatchDto {
  return {
    id: batch.id,
    dataset: batch.dataset,
    datasetName,
    department: batch.department,
    departmentLabel: labelOf(DepartmentLabel, batch.department),
    month: batch.month,
    batchId: batch.senderBatchId,
    status: batch.status,
    statusLabel: labelOf(ExchangeBatchStatusLabel, batch.status),
    format: batch.format,
    fileName: batch.fileName,
    encoding: batch.encoding,
    counts: {
      received: batch.receivedCount,
      valid: batch.validCount,
      invalid: batch.invalidCount,
      matched: batch.matchedCount,
      unmatched: batch.unmatchedCount,
      warnings: batch.warningCount,
    },
    progress: {
      rowsProcessed: batch.rowsProcessed,
      totalBytes: Number(batch.totalBytes),
      bytesProcessed: batch.status === ExchangeBatchStatus.DONE ? Number(batch.totalBytes) : Number(batch.bytesProcessed),
    },
    ...(batch.error ? { error: batch.error } : {}),
    createdAt: batch.createdAt.toISOString(),
    finishedAt: batch.finishedAt?.toISOString() ?? null,
  };
}
