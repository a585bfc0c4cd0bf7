import { HttpStatus } from '@nestjs/common';
import { AppException } from '../../common/errors/app.exception.js';

export enum RegionsErrorCode {
  REGION_NOT_FOUND = 'REGION_NOT_FOUND',
  REGION_NOT_A_VILLAGE = 'REGION_NOT_A_VILLAGE',
  GRID_NAME_TAKEN = 'GRID_NAME_TAKEN',
  GRID_CODES_EXHAUSTED = 'GRID_CODES_EXHAUSTED',
}

export class RegionsException extends AppException {
  constructor(code: RegionsErrorCode, message: string, status: HttpStatus, details: { field?: string; message: string }[] = []) {
    super(code, message, status, details);
  }

  static notFound(code: string) {
    return new RegionsException(RegionsErrorCode.REGION_NOT_FOUND, `地区 ${code} 不存在`, HttpStatus.NOT_FOUND);
  }
}
