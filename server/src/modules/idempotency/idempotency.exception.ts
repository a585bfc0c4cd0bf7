import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum IdempotencyErrorCode {
  KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID',
  KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
}

export class IdempotencyException extends AppException {
  constructor(code: IdempotencyErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static keyInvalid() {
    return new IdempotencyException(
      IdempotencyErrorCode.KEY_INVALID,
      'Idempotency-Key 应为 8 至 128 位字母、数字、下划线或连字符',
      HttpStatus.BAD_REQUEST,
      [{ field: 'Idempotency-Key', message: '应为 8 至 128 位字母、数字、_ 或 -' }],
    );
  }

  static keyReused() {
    return new IdempotencyException(
      IdempotencyErrorCode.KEY_REUSED,
      '同一个 Idempotency-Key 已用于另一项不同的提交；新的提交请使用新的 Key',
      HttpStatus.UNPROCESSABLE_ENTITY,
      [{ field: 'Idempotency-Key', message: '已用于内容不同的请求' }],
    );
  }
}
