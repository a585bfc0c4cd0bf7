import { HttpStatus } from '@nestjs/common';
import { labelOf, WarningStatus, WarningStatusLabel } from '@jiuzhu/shared';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum WarningsErrorCode {
  WARNING_VERSION_CONFLICT = 'WARNING_VERSION_CONFLICT',
  WARNING_STATUS_CONFLICT = 'WARNING_STATUS_CONFLICT',
  RULE_VERSION_CONFLICT = 'WARNING_RULE_VERSION_CONFLICT',
  RULE_CODE_TAKEN = 'WARNING_RULE_CODE_TAKEN',
}

export class WarningsException extends AppException {
  constructor(code: WarningsErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static versionConflict(current: number) {
    return new WarningsException(WarningsErrorCode.WARNING_VERSION_CONFLICT, '该预警已被他人处理，请刷新后再试', HttpStatus.CONFLICT, [
      { field: 'version', message: '版本号已过期', currentVersion: current },
    ]);
  }

  static wrongStatus(status: WarningStatus, action: string) {
    return new WarningsException(
      WarningsErrorCode.WARNING_STATUS_CONFLICT,
      `该预警${labelOf(WarningStatusLabel, status)}，不能再${action}`,
      HttpStatus.CONFLICT,
      [{ field: 'action', message: `当前状态：${labelOf(WarningStatusLabel, status)}`, status }],
    );
  }

  static ruleVersionConflict(current: number) {
    return new WarningsException(WarningsErrorCode.RULE_VERSION_CONFLICT, '该规则已被他人修改，请刷新后再试', HttpStatus.CONFLICT, [
      { field: 'version', message: '版本号已过期', currentVersion: current },
    ]);
  }

  static ruleCodeTaken(code: string) {
    return new WarningsException(WarningsErrorCode.RULE_CODE_TAKEN, `规则代码 ${code} 已被使用`, HttpStatus.CONFLICT, [
      { field: 'code', message: '规则代码已被使用' },
    ]);
  }
}
