import type { DatasetColumnType, Department, ExchangeBatchStatus, WarningStatus } from '@jiuzhu/shared/enums'
import { saveDownload } from '@kit/download'
import { request } from '@kit/request'
import { sendFileForm } from '@kit/send-form'
import { queryString, type Paged } from './query'

// 数据报送 as department operators use it; the types follow server/src/modules/exchange/dto and warnings/dto (feedback).

export { batchUrl, EXCHANGE_BATCH_PAGE, EXCHANGE_BATCHES_PAGE, EXCHANGE_FEEDBACK_PAGE, EXCHANGE_UPLOAD_PAGE, feedbackUrl } from './exchange-routes'

/** The file types a batch may be (the server checks the content too). */
export const BATCH_FILE_EXTENSIONS = ['csv', 'xlsx']

export interface DatasetColumn {
  key: string
  /** the Chinese header in the file */
  header: string
  type: DatasetColumnType
  required: boolean
  values?: string[]
  max?: number
  min?: number
  note?: string
}

export interface Dataset {
  code: string
  department: Department
  departmentLabel: string
  name: string
  description: string
  columns: DatasetColumn[]
  canSend: boolean
  /** '/api/v1/exchange/datasets/CODE/template.xlsx' */
  templateUrl: string
}

export interface BatchCounts {
  received: number
  valid: number
  invalid: number
  matched: number
  unmatched: number
  warnings: number
}

export interface BatchProgress {
  rowsProcessed: number
  totalBytes: number
  bytesProcessed: number
}

export interface Batch {
  id: string
  dataset: string
  datasetName: string
  department: Department
  departmentLabel: string
  month: string
  batchId: string | null
  status: ExchangeBatchStatus
  statusLabel: string
  format: string
  fileName: string
  encoding: string | null
  counts: BatchCounts
  progress: BatchProgress
  error?: string
  createdAt: string
  finishedAt: string | null
  /** the same file (or batch id) was sent before: this is the earlier batch, nothing was processed twice */
  replayed?: boolean
}

/** A warning raised from the department's records and what the village found (no household details). */
export interface FeedbackItem {
  warningId: string
  dataset: string
  month: string
  batch: string
  batchId: string | null
  rowNumber: number
  /** masked */
  idNumber: string
  ruleName: string
  status: WarningStatus
  statusLabel: string
  verdict: string
  dismissReason: string | null
  caseNumber: string | null
  caseStatus: string | null
  caseStatusLabel: string | null
  raisedAt: string
  handledAt: string | null
}

/** A batch still being worked on by the server (the batch page polls it). */
export function isRunning(batch: Pick<Batch, 'status'>): boolean {
  return batch.status === 'QUEUED' || batch.status === 'PARSING' || batch.status === 'MATCHING'
}

/** The datasets I may send (administrators: all); `quiet` where a failure only leaves out a filter. */
export async function listDatasets(quiet = false): Promise<Dataset[]> {
  return (await request<{ items: Dataset[] }>('/exchange/datasets', { toast: !quiet })).items
}

export interface BatchFilters {
  dataset?: string
  month?: string
  status?: ExchangeBatchStatus
  page?: number
}

export function listBatches(filters: BatchFilters): Promise<Paged<Batch>> {
  return request<Paged<Batch>>(
    `/exchange/batches${queryString({ dataset: filters.dataset, month: filters.month, status: filters.status, page: filters.page ?? 1, pageSize: 20 })}`,
  )
}

/** `quiet`: the batch page's polling, which shows a failure on the page rather than as a toast. */
export function getBatch(id: string, quiet = false): Promise<Batch> {
  return request<Batch>(`/exchange/batches/${encodeURIComponent(id)}`, { toast: !quiet })
}

export interface FeedbackFilters {
  dataset?: string
  month?: string
  status?: WarningStatus
  page?: number
}

export function listFeedback(filters: FeedbackFilters): Promise<Paged<FeedbackItem>> {
  return request<Paged<FeedbackItem>>(
    `/exchange/feedback${queryString({ dataset: filters.dataset, month: filters.month, status: filters.status, page: filters.page ?? 1, pageSize: 20 })}`,
  )
}

/**
 * Sends a department file (multipart: dataset, month, then the file). Resolves with the batch (`replayed` when the
 * same file was sent before); a refused file rejects with the server's ApiError (400 columns/empty/not a table,
 * 403 dataset not mine, 413 too large) whose message is shown as it is.
 */
export async function sendBatch(
  fields: { dataset: string; month: string },
  file: { path: string; name: string },
  onProgress: (percent: number) => void,
): Promise<Batch> {
  const sent = await sendFileForm<Batch>('/exchange/batches', file.path, { fields, fileName: file.name, onProgress })
  return { ...sent.data, replayed: sent.data.replayed ?? sent.statusCode === 200 }
}

/** The server's paths start with the API base (`/api/v1/exchange/...`); the download wrapper adds it itself. */
function belowApiBase(path: string): string {
  return path.replace(/^\/api\/v1(?=\/)/, '')
}

export function downloadTemplate(dataset: Dataset): Promise<void> {
  return saveDownload(belowApiBase(dataset.templateUrl), `${dataset.name}模板.xlsx`)
}

export function downloadErrorReport(batch: Batch): Promise<void> {
  return saveDownload(`/exchange/batches/${encodeURIComponent(batch.id)}/errors?format=xlsx`, `${batch.datasetName}-${batch.month}-错误报告.xlsx`)
}

export function downloadUnmatched(batch: Batch): Promise<void> {
  return saveDownload(`/exchange/batches/${encodeURIComponent(batch.id)}/unmatched?format=xlsx`, `${batch.datasetName}-${batch.month}-未匹配名单.xlsx`)
}

/** Last month in China, YYYY-MM (departments send a month once it is over). */
export function lastMonth(): string {
  const china = new Date(Date.now() + 8 * 3_600_000)
  china.setUTCDate(1)
  china.setUTCMonth(china.getUTCMonth() - 1)
  return china.toISOString().slice(0, 7)
}

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/

/** 12 345 bytes → 12.1 KB */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
