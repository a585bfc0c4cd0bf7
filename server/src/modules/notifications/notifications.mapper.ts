import type { NotificationDto } from './dto/notification.dto.js';
import type { Notification } from './entities/notification.entity.js';

/**
 * The one place notifications become API responses. Only the recipient ever sees a notification, and its text was
 * masked on the way in (NotificationsService.enqueue), so nothing more is hidden here.
 */
export function mapNotification(entity: Notification): NotificationDto {
  return {
    id: entity.id,
    kind: entity.kind,
    title: entity.title,
    body: entity.body,
    data: entity.data ?? {},
    read: entity.readAt !== null,
    readAt: entity.readAt ? entity.readAt.toISOString() : null,
    createdAt: entity.createdAt.toISOString(),
  };
}

/** What the audit log keeps of a read mark. */
export function notificationAuditSnapshot(entity: Notification) {
  return { kind: entity.kind, readAt: entity.readAt ? entity.readAt.toISOString() : null };
}
