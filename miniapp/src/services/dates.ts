// Dates as a villager reads them: 6月3日, 2025年6月3日, 6月3日 09:30 (China time, whatever the phone's zone).

const CHINA_OFFSET_MS = 8 * 3_600_000

function parts(date: Date) {
  const china = new Date(date.getTime() + CHINA_OFFSET_MS)
  return {
    year: china.getUTCFullYear(),
    month: china.getUTCMonth() + 1,
    day: china.getUTCDate(),
    time: `${String(china.getUTCHours()).padStart(2, '0')}:${String(china.getUTCMinutes()).padStart(2, '0')}`,
  }
}

/** `2025-06-03` → `6月3日` (with the year when it is not this year's). */
export function formatDay(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number)
  const thisYear = parts(new Date()).year
  return year === thisYear ? `${month}月${day}日` : `${year}年${month}月${day}日`
}

/** An ISO instant → `6月3日 09:30` in China time. */
export function formatTime(isoInstant: string): string {
  const p = parts(new Date(isoInstant))
  const thisYear = parts(new Date()).year
  return `${p.year === thisYear ? '' : `${p.year}年`}${p.month}月${p.day}日 ${p.time}`
}
