import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { addCalendarDays } from '../../common/clock.js';
import { forbidden, notFound, validationFailed } from '../../common/errors/app.exception.js';
import { Page, pageOf } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import type { CalendarDayDto, CalendarQueryDto, PutCalendarDayDto } from './dto/calendar.dto.js';
import { CalendarDay, CalendarDayKind } from './entities/calendar-day.entity.js';
import { calendarDaySnapshot, mapCalendarDay } from './settings.mapper.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// how far ahead one query reads; a longer stretch is read in further windows
const WINDOW_DAYS = 62;

function assertDate(date: string): void {
  if (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))) {
    throw new Error(`not a date (YYYY-MM-DD): ${date}`);
  }
}

const isWeekend = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
};

/**
 * Working days over the calendar table (DOMAIN.md deadlines counted in working days): Monday to Friday, except
 * the HOLIDAY rows, plus the WORKDAY rows (调休上班 on a weekend). The rows are data (the State Council's yearly
 * schedule), read on each call so every server process sees an admin's change at once.
 */
@Injectable()
export class CalendarService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async isWorkingDay(manager: EntityManager | null, date: string): Promise<boolean> {
    assertDate(date);
    const exceptions = await this.exceptions(manager, date, date);
    return this.working(date, exceptions);
  }

  /**
   * The date `n` working days after `date` (the day itself not counted): addWorkingDays('2025-09-30', 1) is
   * 2025-10-09, after the National Day holiday. n = 0 gives `date` itself.
   */
  async addWorkingDays(manager: EntityManager | null, date: string, n: number): Promise<string> {
    assertDate(date);
    if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a whole number >= 0: ${n}`);
    let current = date;
    let left = n;
    while (left > 0) {
      const from = addCalendarDays(current, 1);
      const to = addCalendarDays(current, Math.max(WINDOW_DAYS, left * 2));
      const exceptions = await this.exceptions(manager, from, to);
      for (let day = from; day <= to; day = addCalendarDays(day, 1)) {
        current = day;
        if (this.working(day, exceptions) && --left === 0) break;
      }
    }
    return current;
  }

  /** How many working days lie after `from` up to and including `to` (0 when `to` is not after `from`). */
  async workingDaysBetween(manager: EntityManager | null, from: string, to: string): Promise<number> {
    assertDate(from);
    assertDate(to);
    if (to <= from) return 0;
    const start = addCalendarDays(from, 1);
    const exceptions = await this.exceptions(manager, start, to);
    let count = 0;
    for (let day = start; day <= to; day = addCalendarDays(day, 1)) if (this.working(day, exceptions)) count++;
    return count;
  }

  // ---------------------------------------------------------------- admin API

  /** GET /settings/calendar: the holiday and make-up working day rows, by date. */
  async list(user: AuthUser, query: CalendarQueryDto): Promise<Page<CalendarDayDto>> {
    if (user.role === Role.CITIZEN) throw forbidden();
    const { page, pageSize, offset } = pageOf(query, 100);
    const qb = this.dataSource.getRepository(CalendarDay).createQueryBuilder('c');
    if (query.year) qb.andWhere(`c.date BETWEEN :start AND :end`, { start: `${query.year}-01-01`, end: `${query.year}-12-31` });
    if (query.from) qb.andWhere('c.date >= :from', { from: query.from });
    if (query.to) qb.andWhere('c.date <= :to', { to: query.to });
    if (query.kind) qb.andWhere('c.kind = :kind', { kind: query.kind });
    const [rows, total] = await qb.orderBy('c.date', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map(mapCalendarDay), total, page, pageSize };
  }

  /** PUT /settings/calendar: marks one date a holiday or a make-up working day (national: province-wide admins). */
  async put(user: AuthUser, dto: PutCalendarDayDto): Promise<CalendarDayDto> {
    this.assertWriter(user);
    if (Number.isNaN(Date.parse(`${dto.date}T00:00:00Z`)) || new Date(`${dto.date}T00:00:00Z`).toISOString().slice(0, 10) !== dto.date) {
      throw validationFailed([{ field: 'date', message: '日期不存在' }]);
    }
    return this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(CalendarDay);
      const before = await repository.findOneBy({ date: dto.date });
      await manager.query(
        `INSERT INTO calendar_days (date, kind, name, updated_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (date) DO UPDATE SET kind = EXCLUDED.kind, name = EXCLUDED.name, updated_by = EXCLUDED.updated_by, updated_at = now()`,
        [dto.date, dto.kind, dto.name.trim(), user.accountId],
      );
      const after = await repository.findOneByOrFail({ date: dto.date });
      await this.audit.record(manager, {
        actor: user,
        action: before ? 'calendar-day.update' : 'calendar-day.create',
        entityType: 'calendar_day',
        entityId: dto.date,
        regionCode: user.regionCode,
        before: before ? calendarDaySnapshot(before) : null,
        after: calendarDaySnapshot(after),
      });
      return mapCalendarDay(after);
    });
  }

  /** DELETE /settings/calendar/:date: the date follows the weekday rule again. */
  async remove(user: AuthUser, date: string): Promise<void> {
    this.assertWriter(user);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw notFound('日历记录');
    await this.dataSource.transaction(async (manager) => {
      const repository = manager.getRepository(CalendarDay);
      const before = await repository.findOneBy({ date });
      if (!before) throw notFound('日历记录');
      await repository.delete({ date });
      await this.audit.record(manager, {
        actor: user,
        action: 'calendar-day.delete',
        entityType: 'calendar_day',
        entityId: date,
        regionCode: user.regionCode,
        before: calendarDaySnapshot(before),
      });
    });
  }

  /** The holiday calendar is national: only an admin of the whole province edits it. */
  private assertWriter(user: AuthUser): void {
    if (user.role !== Role.ADMIN) throw forbidden('只有管理员可以修改系统设置');
    if ((user.regionCode ?? '').length > 2) throw forbidden('节假日安排全省统一，只有省级管理员可以修改');
  }

  private working(date: string, exceptions: Map<string, CalendarDayKind>): boolean {
    const kind = exceptions.get(date);
    if (kind === CalendarDayKind.HOLIDAY) return false;
    if (kind === CalendarDayKind.WORKDAY) return true;
    return !isWeekend(date);
  }

  private async exceptions(manager: EntityManager | null, from: string, to: string): Promise<Map<string, CalendarDayKind>> {
    // to_char: the pg driver would turn a date column into a local-time Date
    const rows: { date: string; kind: CalendarDayKind }[] = await (manager ?? this.dataSource.manager).query(
      `SELECT to_char("date", 'YYYY-MM-DD') AS date, kind FROM calendar_days WHERE "date" BETWEEN $1 AND $2`,
      [from, to],
    );
    return new Map(rows.map((r) => [r.date, r.kind]));
  }
}
