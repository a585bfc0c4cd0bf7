import { formatDay } from '../../services/dates'
import type { NoticeSummary } from '../../services/notices'

/** How a notice's period reads today: 还剩3天 / 今天是最后一天 / 6月4日开始 / 已结束. */
export function noticeTiming(notice: Pick<NoticeSummary, 'phase' | 'daysLeft' | 'startDate'>): { text: string } {
  if (notice.phase === 'UPCOMING') return { text: `${formatDay(notice.startDate)}开始` }
  if (notice.phase === 'ENDED') return { text: '已结束' }
  return { text: notice.daysLeft <= 1 ? '今天是最后一天' : `还剩${notice.daysLeft}天` }
}
