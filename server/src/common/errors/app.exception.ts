import { HttpException, HttpStatus } from '@nestjs/common';

export interface ErrorDetail {
  /** the request field (dotted path) or item the detail is about */
  field?: string;
  message: string;
  [key: string]: unknown;
}

/**
 * Every error the API returns is an AppException rendered by AllExceptionsFilter as
 * `{ code, message, details }`. Modules subclass it with their own code enum
 * (see STYLE.md: each module has its own exception).
 */
export class AppException extends HttpException {
  constructor(
    readonly code: string,
    message: string,
    status: HttpStatus = HttpStatus.BAD_REQUEST,
    readonly details: ErrorDetail[] = [],
  ) {
    super({ code, message, details }, status);
  }
}

/** Codes shared by every module. */
export enum CommonErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  OUT_OF_REGION = 'OUT_OF_REGION',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  TOO_MANY_REQUESTS = 'TOO_MANY_REQUESTS',
  INTERNAL = 'INTERNAL',
}

/** Worded for cadres and villagers alike: a citizen has no 辖区, only their own household and village. */
export const notFound = (what: string) =>
  new AppException(CommonErrorCode.NOT_FOUND, `${what}不存在，或您无权查看`, HttpStatus.NOT_FOUND);
export const forbidden = (message = '您没有执行此操作的权限') =>
  new AppException(CommonErrorCode.FORBIDDEN, message, HttpStatus.FORBIDDEN);
export const validationFailed = (details: ErrorDetail[]) =>
  new AppException(
    CommonErrorCode.VALIDATION_FAILED,
    `提交的内容有误：${details.map((d) => d.message).join('；')}`,
    HttpStatus.BAD_REQUEST,
    details,
  );
