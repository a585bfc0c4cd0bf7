import type { ApiErrorBody } from './api-types.js';

export const NETWORK_UNAVAILABLE_MESSAGE = '网络不可用，请稍后重试';
export const UNKNOWN_ERROR_MESSAGE = '服务暂时不可用，请稍后重试';
export const LOGIN_AGAIN_MESSAGE = '请重新登录';

/** A failed API call: `message` is Chinese and can be shown as it is. `status` 0 means no HTTP answer. */
export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly details?: unknown;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = 'ApiError';
    this.code = body.code;
    this.status = status;
    this.details = body.details;
  }
}

export function isApiErrorBody(data: unknown): data is ApiErrorBody {
  return typeof data === 'object' && data !== null && typeof (data as ApiErrorBody).message === 'string';
}

/**
 * The error for a non-2xx answer: the server's `{code, message, details}` as it is, or, when the body is
 * something else (a proxy's HTML page, nothing), a generic Chinese message with the status as the code.
 */
export function apiErrorOf(status: number, data: unknown, fallback?: ApiErrorBody): ApiError {
  if (isApiErrorBody(data)) {
    return new ApiError(status, { ...data, code: typeof data.code === 'string' ? data.code : `HTTP_${status}` });
  }
  return new ApiError(status, fallback ?? { code: `HTTP_${status}`, message: UNKNOWN_ERROR_MESSAGE });
}

/** No HTTP answer came back (offline, DNS, timeout). */
export function networkError(): ApiError {
  return new ApiError(0, { code: 'NETWORK_UNAVAILABLE', message: NETWORK_UNAVAILABLE_MESSAGE });
}
