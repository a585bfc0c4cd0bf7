import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';
import { ACCEPTED_TYPES_LABEL } from './file-type.js';

export enum FilesErrorCode {
  NO_FILE = 'FILE_REQUIRED',
  TYPE_NOT_ALLOWED = 'FILE_TYPE_NOT_ALLOWED',
  TOO_LARGE = 'FILE_TOO_LARGE',
  TOO_MANY = 'FILE_TOO_MANY',
  NOT_MULTIPART = 'FILE_NOT_MULTIPART',
}

const megabytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;

export class FilesException extends AppException {
  constructor(code: FilesErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static noFile() {
    return new FilesException(FilesErrorCode.NO_FILE, '请选择要上传的文件', HttpStatus.BAD_REQUEST, [
      { field: 'files', message: '没有收到文件' },
    ]);
  }

  static notMultipart() {
    return new FilesException(
      FilesErrorCode.NOT_MULTIPART,
      '上传文件请使用 multipart/form-data 格式',
      HttpStatus.BAD_REQUEST,
      [{ field: 'files', message: '请求不是 multipart/form-data' }],
    );
  }

  static typeNotAllowed(refused: { field: string; name: string }[]) {
    return new FilesException(
      FilesErrorCode.TYPE_NOT_ALLOWED,
      `只能上传${ACCEPTED_TYPES_LABEL}：${refused.map((r) => `“${r.name}”`).join('、')}不是`,
      HttpStatus.BAD_REQUEST,
      refused.map((r) => ({ field: r.field, name: r.name, message: `“${r.name}”的内容不是${ACCEPTED_TYPES_LABEL}` })),
    );
  }

  static tooLarge(maxBytes: number, name?: string) {
    return new FilesException(
      FilesErrorCode.TOO_LARGE,
      `文件过大：每个文件不能超过 ${megabytes(maxBytes)}${name ? `（“${name}”超过了）` : ''}`,
      HttpStatus.PAYLOAD_TOO_LARGE,
      [{ field: 'files', message: `每个文件不能超过 ${megabytes(maxBytes)}`, maxBytes, ...(name ? { name } : {}) }],
    );
  }

  static tooMany(maxCount: number) {
    return new FilesException(
      FilesErrorCode.TOO_MANY,
      `文件过多：一次最多上传 ${maxCount} 个文件`,
      HttpStatus.BAD_REQUEST,
      [{ field: 'files', message: `一次最多上传 ${maxCount} 个文件`, maxCount }],
    );
  }
}
