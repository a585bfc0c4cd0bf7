import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum NoticesErrorCode {
  NOTICE_CLOSED = 'NOTICE_CLOSED',
  RESULT_NOTICE_NO_OBJECTIONS = 'RESULT_NOTICE_NO_OBJECTIONS',
  NOTICE_PERIOD_NOT_OVER = 'NOTICE_PERIOD_NOT_OVER',
  OBJECTIONS_UNANSWERED = 'OBJECTIONS_UNANSWERED',
  OBJECTION_ALREADY_ANSWERED = 'OBJECTION_ALREADY_ANSWERED',
  NO_PUBLICITY_NOTICE = 'NO_PUBLICITY_NOTICE',
  CITIZEN_NOT_BOUND = 'CITIZEN_NOT_BOUND',
}

export class NoticesException extends AppException {
  constructor(code: NoticesErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static closed(startDate: string, endDate: string, notStarted: boolean) {
    return new NoticesException(
      NoticesErrorCode.NOTICE_CLOSED,
      notStarted ? `公示将于${startDate}开始，开始后才能提出异议` : `公示已于${endDate}结束，不再受理异议`,
      HttpStatus.CONFLICT,
      [{ message: notStarted ? '公示尚未开始' : '公示期已过', startDate, endDate }],
    );
  }

  static resultNoticeNoObjections() {
    return new NoticesException(
      NoticesErrorCode.RESULT_NOTICE_NO_OBJECTIONS,
      '结果公告不受理异议；如有意见，请通过“投诉举报”反映',
      HttpStatus.CONFLICT,
    );
  }

  static periodNotOver(endDate: string) {
    return new NoticesException(
      NoticesErrorCode.NOTICE_PERIOD_NOT_OVER,
      `公示期至${endDate}结束，期满后才能结束公示`,
      HttpStatus.CONFLICT,
      [{ message: '公示期未满', endDate }],
    );
  }

  static objectionsUnanswered(count: number) {
    return new NoticesException(
      NoticesErrorCode.OBJECTIONS_UNANSWERED,
      `还有${count}条异议未答复，全部答复后才能结束公示`,
      HttpStatus.CONFLICT,
      [{ message: '有异议未答复', count }],
    );
  }

  static alreadyAnswered() {
    return new NoticesException(NoticesErrorCode.OBJECTION_ALREADY_ANSWERED, '该异议已经答复过', HttpStatus.CONFLICT);
  }

  static noPublicityNotice() {
    return new NoticesException(NoticesErrorCode.NO_PUBLICITY_NOTICE, '该案件还没有公示', HttpStatus.CONFLICT);
  }

  static citizenNotBound() {
    return new NoticesException(
      NoticesErrorCode.CITIZEN_NOT_BOUND,
      '请先在“我的”中绑定本人的户籍信息，才能查看本村公示',
      HttpStatus.FORBIDDEN,
    );
  }
}
