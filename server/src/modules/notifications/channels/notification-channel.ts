import type { Role } from '@jiuzhu/shared';
import type { DeliveryChannel, NotificationDelivery } from '../entities/notification-delivery.entity.js';
import type { Notification } from '../entities/notification.entity.js';

/** The recipient as a channel needs it, read when the delivery is sent (an openid may have changed since). */
export interface RecipientAccount {
  id: string;
  role: Role;
  displayName: string;
  isActive: boolean;
  wechatOpenid: string | null;
  wecomUserid: string | null;
}

/**
 * What became of one try:
 * - SENT: the channel accepted it;
 * - SKIPPED: not sent and never will be (the person refused the subscription, has no address any more);
 * - FAILED: a permanent refusal (e.g. the address does not exist); not retried;
 * - RETRY: a passing failure (network, HTTP 5xx, busy, rate limit); tried again after a backoff until the
 *   attempts run out.
 */
export type DeliveryOutcome =
  | { status: 'SENT' }
  | { status: 'SKIPPED'; reason: string }
  | { status: 'FAILED'; reason: string }
  | { status: 'RETRY'; reason: string };

/** One external channel. Adapters never throw for a provider's answer; a thrown error counts as RETRY. */
export abstract class NotificationChannel {
  abstract readonly channel: DeliveryChannel;
  /** 'http' talks to the real API, 'dev' only logs (development and tests without app ids) */
  abstract readonly kind: 'http' | 'dev';
  abstract send(delivery: NotificationDelivery, notification: Notification, account: RecipientAccount): Promise<DeliveryOutcome>;
}

/** An error message short enough for last_error, never with a URL (those carry access tokens). */
export function describeError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/https?:\/\/\S+/g, '<url>').slice(0, 480);
}
