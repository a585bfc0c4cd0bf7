import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum QualityErrorCode {
  QUALITY_REGION_UNKNOWN = 'QUALITY_REGION_UNKNOWN',
  QUALITY_RECHECK_NOT_ALLOWED = 'QUALITY_RECHECK_NOT_ALLOWED',
  QUALITY_RUN_NOT_DONE = 'QUALITY_RUN_NOT_DONE',
  QUALITY_NO_RUN = 'QUALITY_NO_RUN',
}

export class QualityException extends AppException {
  constructor(code: QualityErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static regionUnknown(region: string) {
    return new QualityException(QualityErrorCode.QUALITY_REGION_UNKNOWN, `地区 ${region} 不存在`, HttpStatus.BAD_REQUEST, [
      { field: 'region', message: '地区不存在' },
    ]);
  }

  static recheckNotAllowed() {
    return new QualityException(
      QualityErrorCode.QUALITY_RECHECK_NOT_ALLOWED,
      '复核证件号码需要解密全部证件号码，只有县级干部和管理员可以发起',
      HttpStatus.FORBIDDEN,
      [{ field: 'recheckIdNumbers', message: '无权复核证件号码' }],
    );
  }

  static runNotDone(status: string) {
    return new QualityException(
      QualityErrorCode.QUALITY_RUN_NOT_DONE,
      status === 'FAILED' ? '该次检查失败，请重新发起检查' : '该次检查尚未完成，请稍后再导出',
      HttpStatus.CONFLICT,
      [{ field: 'run', message: '检查未完成', status }],
    );
  }

  static noRun() {
    return new QualityException(
      QualityErrorCode.QUALITY_NO_RUN,
      '该地区还没有完成的数据质量检查，请先发起检查',
      HttpStatus.NOT_FOUND,
      [{ field: 'run', message: '没有完成的检查' }],
    );
  }
}
