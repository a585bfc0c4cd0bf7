import { HttpStatus } from '@nestjs/common';
import { AppException, ErrorDetail } from '../../common/errors/app.exception.js';

export enum TicketsErrorCode {
  TICKET_CLOSED = 'TICKET_CLOSED',
  TICKET_NOT_HELP = 'TICKET_NOT_HELP',
  TICKET_ALREADY_CONVERTED = 'TICKET_ALREADY_CONVERTED',
  TICKET_NEEDS_VILLAGE = 'TICKET_NEEDS_VILLAGE',
  IDENTITY_HIDDEN = 'TICKET_IDENTITY_HIDDEN',
}

export class TicketsException extends AppException {
  constructor(code: TicketsErrorCode, message: string, status: HttpStatus, details: ErrorDetail[] = []) {
    super(code, message, status, details);
  }

  static closed() {
    return new TicketsException(TicketsErrorCode.TICKET_CLOSED, '该工单已办结', HttpStatus.CONFLICT);
  }

  static notHelp() {
    return new TicketsException(TicketsErrorCode.TICKET_NOT_HELP, '只有求助申请可以转为救助案件', HttpStatus.CONFLICT);
  }

  static alreadyConverted(caseId: string) {
    return new TicketsException(TicketsErrorCode.TICKET_ALREADY_CONVERTED, '该求助已转为案件', HttpStatus.CONFLICT, [
      { message: '已有案件', caseId },
    ]);
  }

  static needsVillage() {
    return new TicketsException(
      TicketsErrorCode.TICKET_NEEDS_VILLAGE,
      '转为案件需要知道所在的村（社区）：该工单只登记到乡镇或县，请核实后重新登记',
      HttpStatus.CONFLICT,
    );
  }

  static identityHidden() {
    return new TicketsException(
      TicketsErrorCode.IDENTITY_HIDDEN,
      '该工单的提出人要求匿名，联系方式只有县级干部和管理员可以查看',
      HttpStatus.FORBIDDEN,
    );
  }
}
