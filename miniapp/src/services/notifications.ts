import { request } from '@kit/request'

// The in-app inbox (GET /notifications; server: notifications/dto/notification.dto.ts).

export interface AppNotification {
  id: string
  /** e.g. case.step, notice.objection-answered, ticket.reply */
  kind: string
  title: string
  body: string
  /** ids that open the thing it is about, e.g. { caseId } */
  data: Record<string, unknown>
  read: boolean
  readAt: string | null
  createdAt: string
}

export interface NotificationPage {
  items: AppNotification[]
  total: number
  page: number
  pageSize: number
  /** every unread message of the account, whatever the filter: the badge */
  unreadCount: number
}

export function fetchNotifications(page = 1, pageSize = 30): Promise<NotificationPage> {
  return request<NotificationPage>(`/notifications?page=${page}&pageSize=${pageSize}`, { toast: false })
}

/** The badge number, without loading the messages. */
export async function fetchUnreadCount(): Promise<number> {
  const page = await request<NotificationPage>('/notifications?unread=true&pageSize=1', { toast: false })
  return page.unreadCount
}

export function markNotificationRead(id: string): Promise<AppNotification> {
  // `data: {}`: the client always says JSON, and the server refuses an empty JSON body
  return request<AppNotification>(`/notifications/${encodeURIComponent(id)}/read`, { method: 'POST', data: {}, toast: false })
}

export function markAllNotificationsRead(): Promise<{ updated: number; unreadCount: number }> {
  return request<{ updated: number; unreadCount: number }>('/notifications/read-all', { method: 'POST', data: {}, toast: false })
}

/**
 * Unread messages grouped by what they are about, e.g. `unreadAbout('ticketId')` → ticket id → message ids: the
 * 新回复 marks of 我的留言. The newest 100 unread are enough for one villager.
 */
export async function unreadAbout(key: string): Promise<Map<string, string[]>> {
  const page = await request<NotificationPage>('/notifications?unread=true&pageSize=100', { toast: false })
  const about = new Map<string, string[]>()
  for (const n of page.items) {
    const target = n.data?.[key]
    if (typeof target === 'string') about.set(target, [...(about.get(target) ?? []), n.id])
  }
  return about
}

/** Marks read every unread message about this ticket or case, in one request (opening a ticket reads its replies). */
export function markReadAbout(key: 'ticketId' | 'caseId', id: string): Promise<{ updated: number; unreadCount: number }> {
  return request<{ updated: number; unreadCount: number }>('/notifications/read-all', { method: 'POST', data: { [key]: id }, toast: false })
}
