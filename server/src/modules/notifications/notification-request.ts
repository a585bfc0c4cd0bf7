import type { Role } from '@jiuzhu/shared';

/**
 * Who a notification goes to: one account, or every active account of these roles whose region contains
 * `regionCode` (their region code is a prefix of it): the cadres responsible for that place.
 */
export type NotificationTarget = { accountId: string } | { regionCode: string; roles: Role[] };

/** What a module asks NotificationsService.enqueue to send (inside its own transaction). */
export interface NotificationRequest {
  to: NotificationTarget;
  /** lower-case dotted name, e.g. 'case.step', 'case.waiting', 'case.escalated', 'notice.objection', 'ticket.reply' */
  kind: string;
  /** Chinese, short (WeChat shows 20 characters of it) */
  title: string;
  /** Chinese; no ID or phone number (any that slips in is masked) */
  body: string;
  /** what the apps need to open the subject, e.g. { caseId } */
  data?: Record<string, unknown>;
  /** the region the notification is about (its county becomes county_code); default the target's region */
  regionCode?: string | null;
}
