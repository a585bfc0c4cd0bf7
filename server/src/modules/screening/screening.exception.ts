import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum ScreeningErrorCode {
  SCREENING_ALREADY_RESOLVED = 'SCREENING_ALREADY_RESOLVED',
  SCREENING_NOT_CONFLICT = 'SCREENING_NOT_CONFLICT',
  SCREENING_MONTH_OUT_OF_RANGE = 'SCREENING_MONTH_OUT_OF_RANGE',
}

export class ScreeningException extends AppException {
  constructor(code: ScreeningErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static alreadyResolved(resolution: string) {
    return new ScreeningException(
      ScreeningErrorCode.SCREENING_ALREADY_RESOLVED,
      resolution === 'KEPT' ? '该冲突已处理（已保留），请刷新' : '该冲突已处理（已作废），请刷新',
      HttpStatus.CONFLICT,
      [{ field: 'resolution', message: '已处理', resolution }],
    );
  }

  static notConflict() {
    return new ScreeningException(ScreeningErrorCode.SCREENING_NOT_CONFLICT, '该筛查结果没有冲突，无需处理', HttpStatus.CONFLICT);
  }

  static monthOutOfRange(latest: string) {
    return new ScreeningException(
      ScreeningErrorCode.SCREENING_MONTH_OUT_OF_RANGE,
      `最多只能生成到 ${latest} 的筛查任务`,
      HttpStatus.BAD_REQUEST,
      [{ field: 'month', message: `月份不能晚于 ${latest}` }],
    );
  }
}
