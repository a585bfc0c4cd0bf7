import type { LocalTaskStatus } from '../../services/use-screening'

// Words of the screening screens. The server's codes are shown in Chinese; an unknown code is shown as it is.

/** Why a household is on this month's list. */
export const REASON_LABELS: Record<string, string> = {
  OUT_OF_POVERTY: '脱贫户',
  MONITORED: '监测对象',
  WARNING: '部门预警',
  EARLIER_FINDING: '近期筛查发现风险',
}

export const STATUS_LABELS: Record<LocalTaskStatus, string> = {
  TODO: '待筛查',
  DONE: '已完成',
  CONFLICT: '冲突待处理',
  WAITING: '待发送',
  REJECTED: '未通过',
}

export const CONFLICT_TEXT = '与他人修改冲突，请处理'

export const CONTACT_MODE_LABELS: Record<string, string> = { VISIT: '入户走访', PHONE: '电话联系' }

const CHINA_OFFSET_MS = 8 * 3_600_000

function china(date: Date) {
  const d = new Date(date.getTime() + CHINA_OFFSET_MS)
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    time: `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`,
  }
}

/** 'YYYY-MM' → 2025年6月; '' → this month in China time. */
export function monthLabel(month: string): string {
  const [year, m] = month ? month.split('-').map(Number) : [china(new Date()).year, china(new Date()).month]
  return `${year}年${m}月`
}

/** An ISO instant → 6月3日 09:30 (China time). */
export function timeLabel(iso: string): string {
  const p = china(new Date(iso))
  return `${p.year === china(new Date()).year ? '' : `${p.year}年`}${p.month}月${p.day}日 ${p.time}`
}
