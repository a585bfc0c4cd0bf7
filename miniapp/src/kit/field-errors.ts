import { ApiError } from './request'

/**
 * The messages of a 400 answer by field (`{ subject: '标题不能为空' }`), so a form shows each beside its field;
 * the server's `details` are `[{ field, message }]`.
 */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return {}
  const errors: Record<string, string> = {}
  for (const detail of error.details as { field?: unknown; message?: unknown }[]) {
    if (typeof detail?.field === 'string' && typeof detail.message === 'string' && !errors[detail.field]) {
      errors[detail.field] = detail.message
    }
  }
  return errors
}

/** What to show above a form for a failed send: the server's Chinese message, or a plain fallback. */
export function formErrorOf(error: unknown, fallback = '提交失败，请稍后重试'): string {
  return error instanceof ApiError ? error.message : fallback
}
