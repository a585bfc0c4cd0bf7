import { HttpStatus } from '@nestjs/common';
import { AppException, CommonErrorCode, ErrorDetail } from '../../common/errors/app.exception.js';

export enum AccountsErrorCode {
  ACCOUNT_USERNAME_TAKEN = 'ACCOUNT_USERNAME_TAKEN',
  ACCOUNT_WECOM_USERID_TAKEN = 'ACCOUNT_WECOM_USERID_TAKEN',
  ACCOUNT_INVALID = 'ACCOUNT_INVALID',
  /** an administrator may not demote, disable or move their own account */
  ACCOUNT_SELF_CHANGE = 'ACCOUNT_SELF_CHANGE',
  /** name + ID number do not match a member (one message for either part) */
  BINDING_MISMATCH = 'BINDING_MISMATCH',
  BINDING_LIMIT_REACHED = 'BINDING_LIMIT_REACHED',
  /** a citizen asked for household data before binding to a member */
  BINDING_REQUIRED = 'BINDING_REQUIRED',
}

export class AccountsException extends AppException {
  constructor(code: AccountsErrorCode | CommonErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static usernameTaken(): AccountsException {
    return new AccountsException(AccountsErrorCode.ACCOUNT_USERNAME_TAKEN, '该用户名已被使用', HttpStatus.CONFLICT, [
      { field: 'username', message: '该用户名已被使用' },
    ]);
  }

  static wecomUseridTaken(): AccountsException {
    return new AccountsException(AccountsErrorCode.ACCOUNT_WECOM_USERID_TAKEN, '该企业微信账号已关联其他账户', HttpStatus.CONFLICT, [
      { field: 'wecomUserid', message: '该企业微信账号已关联其他账户' },
    ]);
  }

  /** a rule about the account as a whole (role and region do not fit together, ...) */
  static invalid(field: string, message: string): AccountsException {
    return new AccountsException(AccountsErrorCode.ACCOUNT_INVALID, message, HttpStatus.BAD_REQUEST, [{ field, message }]);
  }

  static selfChange(): AccountsException {
    return new AccountsException(
      AccountsErrorCode.ACCOUNT_SELF_CHANGE,
      '不能停用自己的账户或修改自己的角色和地区，请由其他管理员操作',
      HttpStatus.BAD_REQUEST,
    );
  }

  static bindingMismatch(): AccountsException {
    return new AccountsException(
      AccountsErrorCode.BINDING_MISMATCH,
      '信息核对未通过，请确认姓名和身份证号与户口簿一致',
      HttpStatus.BAD_REQUEST,
    );
  }

  static bindingLimitReached(max: number): AccountsException {
    return new AccountsException(
      AccountsErrorCode.BINDING_LIMIT_REACHED,
      `该家庭成员已绑定${max}个账号，不能再绑定，请联系村干部处理`,
      HttpStatus.CONFLICT,
    );
  }

  static bindingRequired(): AccountsException {
    return new AccountsException(
      AccountsErrorCode.BINDING_REQUIRED,
      '您还没有绑定家庭成员，请先在“我的”里完成绑定',
      HttpStatus.CONFLICT,
    );
  }

  static tooManyBindingAttempts(minutes: number): AccountsException {
    return new AccountsException(
      CommonErrorCode.TOO_MANY_REQUESTS,
      `核对次数过多，请${minutes}分钟后再试`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
