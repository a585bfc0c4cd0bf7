import type { CalendarDayDto } from './dto/calendar.dto.js';
import type { MonitoringLineDto } from './dto/monitoring-line.dto.js';
import { CalendarDayKindLabel, type CalendarDay } from './entities/calendar-day.entity.js';
import type { MonitoringLine } from './entities/monitoring-line.entity.js';

/** The one place settings rows become API responses (and audit snapshots). */
export function mapMonitoringLine(line: MonitoringLine, regionName: string | null = null): MonitoringLineDto {
  return {
    id: line.id,
    regionCode: line.regionCode,
    regionName,
    year: line.year,
    amount: line.amount,
    note: line.note,
    updatedBy: line.updatedBy,
    updatedAt: new Date(line.updatedAt).toISOString(),
  };
}

export function mapCalendarDay(day: CalendarDay): CalendarDayDto {
  const weekday = new Date(`${day.date}T00:00:00Z`).getUTCDay();
  return {
    date: day.date,
    kind: day.kind,
    kindLabel: CalendarDayKindLabel[day.kind],
    name: day.name,
    weekday: weekday === 0 ? 7 : weekday,
    updatedBy: day.updatedBy,
    updatedAt: new Date(day.updatedAt).toISOString(),
  };
}

export const monitoringLineSnapshot = (line: MonitoringLine) => ({
  regionCode: line.regionCode,
  year: line.year,
  amount: line.amount,
  note: line.note,
});

export const calendarDaySnapshot = (day: CalendarDay) => ({ date: day.date, kind: day.kind, name: day.name });
