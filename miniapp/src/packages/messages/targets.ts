import type { AppNotification } from '../../services/notifications'
import { claimUrl, noticeUrl, ticketUrl } from '../../services/routes'

/** The page a message opens, from its kind and data; null when it has nothing to open (read it in the list). */
export function notificationTarget(n: AppNotification): string | null {
  const id = (key: string) => (typeof n.data[key] === 'string' ? (n.data[key] as string) : null)
  if (n.kind.startsWith('case.')) return id('caseId') ? claimUrl(id('caseId') as string) : null
  if (n.kind.startsWith('notice.')) return id('noticeId') ? noticeUrl(id('noticeId') as string) : null
  if (n.kind.startsWith('ticket.')) return id('ticketId') ? ticketUrl(id('ticketId') as string) : null
  return null
}
