import { HttpStatus } from '@nestjs/common';
import { AppException, CommonErrorCode, ErrorDetail } from '../../common/errors/app.exception.js';

export enum AuthErrorCode {
  /** wrong username or password (the same answer for both) */
  AUTH_INVALID_CREDENTIALS = 'AUTH_INVALID_CREDENTIALS',
  AUTH_ACCOUNT_LOCKED = 'AUTH_ACCOUNT_LOCKED',
  AUTH_ACCOUNT_DISABLED = 'AUTH_ACCOUNT_DISABLED',
  /** the access token is past its time: the app should call /auth/refresh */
  AUTH_TOKEN_EXPIRED = 'AUTH_TOKEN_EXPIRED',
  AUTH_TOKEN_INVALID = 'AUTH_TOKEN_INVALID',
  /** logged out, revoked by an administrator, or the account was disabled: log in again */
  AUTH_SESSION_REVOKED = 'AUTH_SESSION_REVOKED',
  AUTH_REFRESH_TOKEN_INVALID = 'AUTH_REFRESH_TOKEN_INVALID',
  AUTH_WECHAT_CODE_INVALID = 'AUTH_WECHAT_CODE_INVALID',
  AUTH_WECHAT_USER_BLOCKED = 'AUTH_WECHAT_USER_BLOCKED',
  AUTH_WECOM_CODE_INVALID = 'AUTH_WECOM_CODE_INVALID',
  /** a WeCom user that no Jiuzhu account is linked to, or not a member of the organisation */
  AUTH_WECOM_NOT_LINKED = 'AUTH_WECOM_NOT_LINKED',
  /** WeChat / WeCom did not answer, answered garbage, or refused our credentials */
  AUTH_PROVIDER_UNAVAILABLE = 'AUTH_PROVIDER_UNAVAILABLE',
  /** X-Api-Key unknown or revoked (department systems) */
  AUTH_API_KEY_INVALID = 'AUTH_API_KEY_INVALID',
}

export class AuthException extends AppException {
  constructor(code: AuthErrorCode | CommonErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static invalidCredentials(): AuthException {
    return new AuthException(AuthErrorCode.AUTH_INVALID_CREDENTIALS, '用户名或密码错误', HttpStatus.UNAUTHORIZED);
  }

  static locked(until: Date, minutes: number): AuthException {
    const time = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'Asia/Shanghai',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(until);
    return new AuthException(
      AuthErrorCode.AUTH_ACCOUNT_LOCKED,
      `密码错误次数过多，账户已锁定${minutes}分钟，请在 ${time} 之后重试，或联系管理员解锁`,
      HttpStatus.LOCKED,
      [{ message: '账户锁定至', lockedUntil: until.toISOString() }],
    );
  }

  static disabled(): AuthException {
    return new AuthException(AuthErrorCode.AUTH_ACCOUNT_DISABLED, '该账户已停用，请联系管理员', HttpStatus.FORBIDDEN);
  }

  static unauthenticated(): AuthException {
    return new AuthException(CommonErrorCode.UNAUTHENTICATED, '请先登录', HttpStatus.UNAUTHORIZED);
  }

  static apiKeyInvalid(): AuthException {
    return new AuthException(AuthErrorCode.AUTH_API_KEY_INVALID, '接口密钥无效或已停用，请联系管理员', HttpStatus.UNAUTHORIZED);
  }

  static tokenExpired(): AuthException {
    return new AuthException(AuthErrorCode.AUTH_TOKEN_EXPIRED, '登录已过期，请刷新登录状态', HttpStatus.UNAUTHORIZED);
  }

  static tokenInvalid(): AuthException {
    return new AuthException(AuthErrorCode.AUTH_TOKEN_INVALID, '登录凭证无效，请重新登录', HttpStatus.UNAUTHORIZED);
  }

  static sessionRevoked(): AuthException {
    return new AuthException(AuthErrorCode.AUTH_SESSION_REVOKED, '登录已失效，请重新登录', HttpStatus.UNAUTHORIZED);
  }

  static refreshInvalid(): AuthException {
    return new AuthException(AuthErrorCode.AUTH_REFRESH_TOKEN_INVALID, '登录已失效，请重新登录', HttpStatus.UNAUTHORIZED);
  }

  static wechatCodeInvalid(): AuthException {
    return new AuthException(AuthErrorCode.AUTH_WECHAT_CODE_INVALID, '微信登录凭证无效或已使用，请重新进入小程序', HttpStatus.UNAUTHORIZED);
  }

  static wechatUserBlocked(): AuthException {
    return new AuthException(AuthErrorCode.AUTH_WECHAT_USER_BLOCKED, '微信提示该账号存在风险，暂时无法登录', HttpStatus.FORBIDDEN);
  }

  static wecomCodeInvalid(): AuthException {
    return new AuthException(AuthErrorCode.AUTH_WECOM_CODE_INVALID, '企业微信登录凭证无效或已使用，请重新打开应用', HttpStatus.UNAUTHORIZED);
  }

  static wecomNotLinked(): AuthException {
    return new AuthException(
      AuthErrorCode.AUTH_WECOM_NOT_LINKED,
      '您的企业微信账号尚未关联本系统账户，请联系管理员开通或关联',
      HttpStatus.UNAUTHORIZED,
    );
  }

  static providerRateLimited(provider: '微信' | '企业微信'): AuthException {
    return new AuthException(CommonErrorCode.TOO_MANY_REQUESTS, `${provider}登录过于频繁，请稍后再试`, HttpStatus.TOO_MANY_REQUESTS);
  }

  static providerUnavailable(provider: '微信' | '企业微信'): AuthException {
    return new AuthException(AuthErrorCode.AUTH_PROVIDER_UNAVAILABLE, `${provider}服务暂时无法访问，请稍后再试`, HttpStatus.SERVICE_UNAVAILABLE);
  }
}
