import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum HouseholdsErrorCode {
  ID_NUMBER_TAKEN = 'HOUSEHOLD_ID_NUMBER_TAKEN',
  HOUSEHOLD_VERSION_CONFLICT = 'HOUSEHOLD_VERSION_CONFLICT',
  MEMBER_VERSION_CONFLICT = 'MEMBER_VERSION_CONFLICT',
  HEAD_MEMBER_REQUIRED = 'HOUSEHOLD_HEAD_MEMBER_REQUIRED',
  CANNOT_REMOVE_HEAD = 'HOUSEHOLD_CANNOT_REMOVE_HEAD',
  RECORD_REFERENCED = 'HOUSEHOLD_RECORD_REFERENCED',
  SEARCH_TOO_SHORT = 'HOUSEHOLD_SEARCH_TOO_SHORT',
  GRID_FULL = 'HOUSEHOLD_GRID_FULL',
}

export class HouseholdsException extends AppException {
  constructor(code: HouseholdsErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static idNumberTaken(fields: string[]) {
    return new HouseholdsException(
      HouseholdsErrorCode.ID_NUMBER_TAKEN,
      '证件号码已登记，同一人在全省只能登记一次；如需迁户，请先从原户移除',
      HttpStatus.CONFLICT,
      fields.map((field) => ({ field, message: '该证件号码已登记' })),
    );
  }

  static householdVersionConflict() {
    return new HouseholdsException(
      HouseholdsErrorCode.HOUSEHOLD_VERSION_CONFLICT,
      '该户信息已被他人修改，请刷新后重试',
      HttpStatus.CONFLICT,
      [{ field: 'version', message: '版本号已过期' }],
    );
  }

  static memberVersionConflict() {
    return new HouseholdsException(
      HouseholdsErrorCode.MEMBER_VERSION_CONFLICT,
      '该成员信息已被他人修改，请刷新后重试',
      HttpStatus.CONFLICT,
      [{ field: 'version', message: '版本号已过期' }],
    );
  }
}
