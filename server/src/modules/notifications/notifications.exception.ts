import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum NotificationsErrorCode {
  NOTIFICATION_NOT_FOUND = 'NOTIFICATION_NOT_FOUND',
}

export class NotificationsException extends AppException {
  constructor(code: NotificationsErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  /** Someone else's notification is "not found" too, so ids cannot be probed. */
  static notFound(): NotificationsException {
    return new NotificationsException(NotificationsErrorCode.NOTIFICATION_NOT_FOUND, '消息不存在', HttpStatus.NOT_FOUND);
  }
}
