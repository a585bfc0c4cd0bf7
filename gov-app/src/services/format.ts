// Dates, money and deadlines as the case, hotline and household screens write them.

const CHINA_OFFSET_MS = 8 * 3_600_000

/** Today in China, YYYY-MM-DD (the server's dates are China dates). */
export function chinaToday(): string {
  return new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10)
}

/** 'YYYY-MM-DD' plus n days. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00.000Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/

/** A real calendar date written YYYY-MM-DD. */
export function isDate(value: string): boolean {
  if (!DATE_PATTERN.test(value)) return false
  return new Date(`${value}T00:00:00.000Z`).toISOString().slice(0, 10) === value
}

/** 2025-06-03 → 2025年6月3日 */
export function formatDay(date: string | null | undefined): string {
  if (!date) return ''
  const [y, m, d] = date.slice(0, 10).split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** An instant as China date and time: 2025年6月3日 09:05 */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const china = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS).toISOString()
  return `${formatDay(china.slice(0, 10))} ${china.slice(11, 16)}`
}

/** Yuan with two decimals at most and thousands separators: 8700 → 8,700；4100.5 → 4,100.50 */
export function formatYuan(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—'
  const fixed = Math.round(value * 100) / 100
  const [whole, cents] = Math.abs(fixed).toFixed(2).split('.')
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return `${fixed < 0 ? '−' : ''}${grouped}${cents === '00' ? '' : `.${cents}`}`
}

/** A typed amount ('' counts as 0); NaN when it is not a number of yuan with at most two decimals. */
export function parseYuan(text: string): number {
  const value = text.trim()
  if (value === '') return 0
  if (!/^\d+(\.\d{1,2})?$/.test(value)) return Number.NaN
  return Number(value)
}

/** The deadline line of a case or ticket: text that says it (never colour alone) and whether it is late. */
export function deadlineText(facts: { daysLeft: number | null; overdue: boolean; dueDate: string; closedAt?: string | null }): {
  text: string
  late: boolean
} {
  if (facts.closedAt || facts.daysLeft === null) return { text: '已办结', late: false }
  if (facts.overdue) return { text: `已超期${Math.abs(facts.daysLeft)}天（期限${formatDay(facts.dueDate)}）`, late: true }
  if (facts.daysLeft === 0) return { text: `今天到期（${formatDay(facts.dueDate)}）`, late: false }
  return { text: `剩${facts.daysLeft}天（${formatDay(facts.dueDate)}前）`, late: false }
}
