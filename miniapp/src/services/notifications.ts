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
