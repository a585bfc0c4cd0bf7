import { queryString } from './query'

// Pages of 数据报送 (subpackage packages/exchange); kept apart so the workbench imports no upload or download code.
export const EXCHANGE_UPLOAD_PAGE = '/packages/exchange/pages/upload/index'
export const EXCHANGE_BATCHES_PAGE = '/packages/exchange/pages/batches/index'
export const EXCHANGE_BATCH_PAGE = '/packages/exchange/pages/batch/index'
export const EXCHANGE_FEEDBACK_PAGE = '/packages/exchange/pages/feedback/index'
export const batchUrl = (id: string) => `${EXCHANGE_BATCH_PAGE}?id=${encodeURIComponent(id)}`
export const feedbackUrl = (dataset?: string, month?: string) => `${EXCHANGE_FEEDBACK_PAGE}${queryString({ dataset, month })}`
