import { HttpStatus } from '@nestjs/common';
import { WorkflowError } from '@jiuzhu/shared';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum CasesErrorCode {
  CASE_VERSION_CONFLICT = 'CASE_VERSION_CONFLICT',
  /** the workflow table has no such action in this status (WorkflowError code) */
  ACTION_NOT_ALLOWED_IN_STATUS = 'ACTION_NOT_ALLOWED_IN_STATUS',
  /** the caller's role never takes this action (WorkflowError code) */
  ROLE_NOT_ALLOWED = 'ROLE_NOT_ALLOWED',
  CASE_ALREADY_OPEN = 'CASE_ALREADY_OPEN',
}

export class CasesException extends AppException {
  constructor(code: CasesErrorCode | string, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static versionConflict(current?: number) {
    return new CasesException(
      CasesErrorCode.CASE_VERSION_CONFLICT,
      '该案件已被他人处理，请刷新后再试',
      HttpStatus.CONFLICT,
      [{ field: 'version', message: '版本号已过期', ...(current !== undefined ? { currentVersion: current } : {}) }],
    );
  }

  /** A WorkflowError of the shared table: a wrong role is 403, an action the status does not allow 409. */
  static fromWorkflow(error: WorkflowError) {
    const status = error.code === 'ROLE_NOT_ALLOWED' ? HttpStatus.FORBIDDEN : HttpStatus.CONFLICT;
    return new CasesException(error.code, error.message, status, [
      { field: 'action', message: error.message, status: error.status, action: error.action },
    ]);
  }

  static alreadyOpen(caseNumber: string | null) {
    return new CasesException(
      CasesErrorCode.CASE_ALREADY_OPEN,
      caseNumber
        ? `该户已有正在办理的申请（编号 ${caseNumber}），请查看办理进度，不必重复申请`
        : '该户已有正在办理的申请，请查看办理进度，不必重复申请',
      HttpStatus.CONFLICT,
      caseNumber ? [{ field: 'householdId', message: '已有正在办理的申请', caseNumber }] : [],
    );
  }
}
