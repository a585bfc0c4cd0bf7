import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum ExchangeErrorCode {
  DATASET_UNKNOWN = 'EXCHANGE_DATASET_UNKNOWN',
  DATASET_NOT_ALLOWED = 'EXCHANGE_DATASET_NOT_ALLOWED',
  NO_DEPARTMENT = 'EXCHANGE_NO_DEPARTMENT',
  BAD_COLUMNS = 'EXCHANGE_BAD_COLUMNS',
  EMPTY_FILE = 'EXCHANGE_EMPTY_FILE',
  FILE_TOO_LARGE = 'EXCHANGE_FILE_TOO_LARGE',
  NOT_A_TABLE = 'EXCHANGE_NOT_A_TABLE',
  NO_FILE = 'EXCHANGE_NO_FILE',
  BATCH_NOT_DONE = 'EXCHANGE_BATCH_NOT_DONE',
  API_KEY_REVOKED = 'EXCHANGE_API_KEY_REVOKED',
}

export class ExchangeException extends AppException {
  constructor(code: ExchangeErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static datasetUnknown(code: string) {
    return new ExchangeException(ExchangeErrorCode.DATASET_UNKNOWN, `没有名为 ${code} 的数据集，请从数据集列表中选择`, HttpStatus.BAD_REQUEST, [
      { field: 'dataset', message: '数据集不存在' },
    ]);
  }

  static datasetNotAllowed(name: string) {
    return new ExchangeException(ExchangeErrorCode.DATASET_NOT_ALLOWED, `您无权报送“${name}”数据：只能报送本部门（或本密钥）的数据集`, HttpStatus.FORBIDDEN, [
      { field: 'dataset', message: '无权报送该数据集' },
    ]);
  }

  static noDepartment() {
    return new ExchangeException(ExchangeErrorCode.NO_DEPARTMENT, '您的账户未设置所属部门，请联系管理员', HttpStatus.FORBIDDEN);
  }

  /** Missing, unknown or repeated columns: every one named. */
  static badColumns(missing: string[], unknown: string[], duplicate: string[]) {
    const parts: string[] = [];
    const details: ErrorDetail[] = [];
    if (missing.length) {
      parts.push(`缺少列：${missing.join('、')}`);
      details.push(...missing.map((column) => ({ field: 'file', column, message: `缺少列“${column}”` })));
    }
    if (unknown.length) {
      parts.push(`无法识别的列：${unknown.join('、')}`);
      details.push(...unknown.map((column) => ({ field: 'file', column, message: `无法识别的列“${column}”` })));
    }
    if (duplicate.length) {
      parts.push(`重复的列：${duplicate.join('、')}`);
      details.push(...duplicate.map((column) => ({ field: 'file', column, message: `列“${column}”出现了不止一次` })));
    }
    return new ExchangeException(
      ExchangeErrorCode.BAD_COLUMNS,
      `表头与数据集不符，整个文件未接收（${parts.join('；')}）。请下载模板核对表头`,
      HttpStatus.BAD_REQUEST,
      details,
    );
  }

  static emptyFile(reason = '文件中没有数据行') {
    return new ExchangeException(ExchangeErrorCode.EMPTY_FILE, `${reason}，整个文件未接收`, HttpStatus.BAD_REQUEST, [{ field: 'file', message: reason }]);
  }

  static tooLarge(maxBytes: number) {
    const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
    return new ExchangeException(
      ExchangeErrorCode.FILE_TOO_LARGE,
      `文件超过 ${mb} MB 的上限，整个文件未接收；请按月份或地区拆分后分批报送`,
      HttpStatus.PAYLOAD_TOO_LARGE,
      [{ field: 'file', message: `文件不能超过 ${mb} MB` }],
    );
  }

  static notATable(reason: string) {
    return new ExchangeException(ExchangeErrorCode.NOT_A_TABLE, `${reason}，整个文件未接收`, HttpStatus.BAD_REQUEST, [{ field: 'file', message: reason }]);
  }

  static noFile() {
    return new ExchangeException(ExchangeErrorCode.NO_FILE, '请附上一个 CSV 或 Excel（.xlsx）文件，或以 JSON 提交数据行', HttpStatus.BAD_REQUEST, [
      { field: 'file', message: '缺少文件' },
    ]);
  }

  static batchNotDone() {
    return new ExchangeException(ExchangeErrorCode.BATCH_NOT_DONE, '该批数据尚未比对完成，请稍后再查看未匹配名单', HttpStatus.CONFLICT);
  }

  static apiKeyRevoked() {
    return new ExchangeException(ExchangeErrorCode.API_KEY_REVOKED, '该接口密钥已停用', HttpStatus.CONFLICT);
  }
}
