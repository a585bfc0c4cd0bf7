import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { QueryFailedError } from 'typeorm';
import { AppException, CommonErrorCode, ErrorDetail } from '../errors/app.exception.js';

const STATUS_CODES: Partial<Record<number, [string, string]>> = {
  400: [CommonErrorCode.VALIDATION_FAILED, '请求内容有误'],
  401: [CommonErrorCode.UNAUTHENTICATED, '请先登录'],
  403: [CommonErrorCode.FORBIDDEN, '您没有执行此操作的权限'],
  404: [CommonErrorCode.NOT_FOUND, '请求的内容不存在'],
  405: ['METHOD_NOT_ALLOWED', '不支持此请求方式'],
  409: [CommonErrorCode.CONFLICT, '数据已被他人修改，请刷新后重试'],
  413: ['PAYLOAD_TOO_LARGE', '提交的内容过大'],
  415: ['UNSUPPORTED_MEDIA_TYPE', '不支持的内容格式'],
  429: [CommonErrorCode.TOO_MANY_REQUESTS, '操作过于频繁，请稍后再试'],
};

export interface ErrorBody {
  code: string;
  message: string;
  details: ErrorDetail[];
  /** only on a failed health check: the state of every checked part */
  checks?: unknown;
}

/** Turns every error into `{ code, message, details }` with a Chinese message the apps can show as it is. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Error');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const [status, body] = this.toBody(exception);
    if (status >= 500) {
      this.logger.error({ err: exception, requestId: request?.id, url: request?.url }, 'unhandled error');
    }
    void reply.status(status).send(body);
  }

  private toBody(exception: unknown): [number, ErrorBody] {
    if (exception instanceof AppException) {
      return [exception.getStatus(), { code: exception.code, message: exception.message, details: exception.details }];
    }
    if (exception instanceof ThrottlerException) {
      return [429, { code: CommonErrorCode.TOO_MANY_REQUESTS, message: STATUS_CODES[429]![1], details: [] }];
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const health = exception.getResponse() as { status?: string; error?: Record<string, Record<string, unknown>>; details?: unknown };
      if (status === 503 && health?.status === 'error' && health.details) {
        // a failed health check: which parts are down, and every part's state in `checks`
        const down = Object.entries(health.error ?? {});
        return [503, {
          code: 'UNHEALTHY',
          message: `服务暂不可用：${down.map(([name]) => name).join('、')}`,
          details: down.map(([field, state]) => ({ field, message: String(state.message ?? 'down'), ...state })),
          checks: health.details,
        } as ErrorBody]; 
      }
      if (status === 400 && /JSON/i.test(exception.message)) {
        return [400, { code: 'INVALID_JSON', message: '请求内容不是有效的 JSON', details: [] }];
      }
      const [code, message] = STATUS_CODES[status] ?? [
        status >= 500 ? CommonErrorCode.INTERNAL : 'HTTP_' + status,
        status >= 500 ? '服务器内部错误，请稍后重试' : '请求无法处理',
      ];
      return [status, { code, message, details: [] }];
    }
    // Fastify errors (bad JSON, body too large) carry a statusCode
    const fastifyStatus = (exception as { statusCode?: number })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      const [code, message] = STATUS_CODES[fastifyStatus] ?? ['HTTP_' + fastifyStatus, '请求无法处理'];
      const jsonError = (exception as { code?: string }).code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/i.test(String((exception as Error).message));
      return [fastifyStatus, { code: jsonError ? 'INVALID_JSON' : code, message: jsonError ? '请求内容不是有效的 JSON' : message, details: [] }];
    }
    if (exception instanceof QueryFailedError) {
      const pg = exception.driverError as { code?: string; constraint?: string };
      if (pg?.code === '23505') {
        return [409, { code: CommonErrorCode.CONFLICT, message: '该记录已存在，不能重复登记', details: pg.constraint ? [{ message: '重复的记录', constraint: pg.constraint }] : [] }];
      }
      if (pg?.code === '40001' || pg?.code === '40P01') {
        return [409, { code: CommonErrorCode.CONFLICT, message: STATUS_CODES[409]![1], details: [] }];
      }
    }
    return [500, { code: CommonErrorCode.INTERNAL, message: '服务器内部错误，请稍后重试', details: [] }];
  }
}
