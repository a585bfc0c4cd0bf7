// Every TypeORM entity, listed explicitly (no globs: the same list works in dist/, in jest and in the CLI).
// Add each new entity here.
import { Account } from '../modules/accounts/entities/account.entity.js';
import { BindingAttempt } from '../modules/accounts/entities/binding-attempt.entity.js';
import { Session } from '../modules/accounts/entities/session.entity.js';
import { AuditLog } from '../modules/audit/entities/audit-log.entity.js';
import { CaseEvent } from '../modules/cases/entities/case-event.entity.js';
import { Case } from '../modules/cases/entities/case.entity.js';
import { Household } from '../modules/households/entities/household.entity.js';
import { Member } from '../modules/households/entities/member.entity.js';
import { Region } from '../modules/regions/entities/region.entity.js';
import { NotificationDelivery } from '../modules/notifications/entities/notification-delivery.entity.js';
import { Notification } from '../modules/notifications/entities/notification.entity.js';
import { Notice } from '../modules/notices/entities/notice.entity.js';
import { Objection } from '../modules/notices/entities/objection.entity.js';
import { Ticket } from '../modules/tickets/entities/ticket.entity.js';
import { TicketReply } from '../modules/tickets/entities/ticket-reply.entity.js';
import { CalendarDay } from '../modules/settings/entities/calendar-day.entity.js';
import { MonitoringLine } from '../modules/settings/entities/monitoring-line.entity.js';
import { WorkflowSetting } from '../modules/settings/entities/workflow-setting.entity.js';
import { IdempotencyKey } from '../modules/idempotency/entities/idempotency-key.entity.js';
import { StoredFile } from '../modules/files/entities/stored-file.entity.js';
import { ScreeningRound } from '../modules/screening/entities/screening-round.entity.js';
import { ScreeningTask } from '../modules/screening/entities/screening-task.entity.js';
import { ScreeningResult } from '../modules/screening/entities/screening-result.entity.js';
import { ScreeningScopeSetting } from '../modules/screening/entities/screening-scope-setting.entity.js';
import { ScreeningGeneration } from '../modules/screening/entities/screening-generation.entity.js';
import { QualityRun } from '../modules/quality/entities/quality-run.entity.js';
import { QualityFinding } from '../modules/quality/entities/quality-finding.entity.js';
import { ExchangeDataset } from '../modules/exchange/entities/exchange-dataset.entity.js';
import { ExchangeBatch } from '../modules/exchange/entities/exchange-batch.entity.js';
import { ExchangeRecord } from '../modules/exchange/entities/exchange-record.entity.js';
import { ExchangeRowError } from '../modules/exchange/entities/exchange-row-error.entity.js';
import { ExchangeApiKey } from '../modules/exchange/entities/exchange-api-key.entity.js';
import { WarningRule } from '../modules/warnings/entities/warning-rule.entity.js';
import { Warning } from '../modules/warnings/entities/warning.entity.js';
export const ENTITIES: Function[] = [
  Notice,
  Objection,
  Ticket,
  TicketReply,
  Account,
  Session,
  BindingAttempt,
  Region,
  AuditLog,
  Household,
  Member,
  Notification,
  NotificationDelivery,
  Case,
  CaseEvent,
  CalendarDay,
  MonitoringLine,
  WorkflowSetting,
  IdempotencyKey,
  StoredFile,
  ScreeningRound,
  ScreeningTask,
  ScreeningResult,
  ScreeningScopeSetting,
  ScreeningGeneration,
  QualityRun,
  QualityFinding,
  ExchangeDataset,
  ExchangeBatch,
  ExchangeRecord,
  ExchangeRowError,
  ExchangeApiKey,
  WarningRule,
  Warning,
];
