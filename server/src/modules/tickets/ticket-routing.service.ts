import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { parentRegionCode, Role, TicketKind } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { isInScope } from '../../common/auth/region-scope.js';
import { addCalendarDays, chinaMidnight, Clock } from '../../common/clock.js';
import { AppException, ErrorDetail, validationFailed } from '../../common/errors/app.exception.js';
import { AccountCard, AccountDirectoryService } from '../accounts/account-directory.service.js';
import { HouseholdsService } from '../households/households.service.js';
import { RegionsService } from '../regions/regions.service.js';
import { CalendarService } from '../settings/calendar.service.js';
import { SettingsService } from '../settings/settings.service.js';
import type { CreateTicketDto } from './dto/ticket-input.dto.js';

/** Where a new ticket goes and by when it must be answered. */
export interface TicketRoute {
  regionCode: string;
  householdId: string | null;
  about: AccountCard | null;
  handlerRegionCode: string;
  ackDueAt: Date;
}

/** Cadre roles that may be named in a complaint, or handed a ticket. */
export const TICKET_CADRE_ROLES: readonly Role[] = Object.freeze([
  Role.GRID_WORKER,
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
  Role.ADMIN,
]);

/** The role that handles tickets at a level: village → 村干部, township → 乡镇, county → 县级, above → 管理员. */
export function handlerRolesFor(handlerRegionCode: string): Role[] {
  switch (handlerRegionCode.length) {
    case 12:
      return [Role.VILLAGE_CADRE];
    case 9:
      return [Role.TOWNSHIP_REVIEWER];
    case 6:
      return [Role.COUNTY_OFFICER];
    default:
      return [Role.ADMIN];
  }
}

/** A complaint about a cadre goes to the level above the cadre's region (grid → village → township → county → prefecture). */
export const complaintHandlerFor = (cadreRegionCode: string) => parentRegionCode(cadreRegionCode) ?? cadreRegionCode;

/** The two codes lie on one line of the region tree (one contains the other). */
const related = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/**
 * Routing of hotline tickets (issue 3): the ticket's region (the citizen's village, or what the cadre entering a
 * call gave), the household of a HELP request, the cadre a complaint is about, the handler region, and the
 * acknowledgement deadline in working days (ticketAckWorkingDays setting, calendar of holidays and make-up days).
 */
@Injectable()
export class TicketRoutingService {
  constructor(
    private readonly clock: Clock,
    private readonly households: HouseholdsService,
    private readonly regions: RegionsService,
    private readonly accounts: AccountDirectoryService,
    private readonly settings: SettingsService,
    private readonly calendar: CalendarService,
  ) {}

  /** Checks a new ticket (every bad field in one 400) and routes it. */
  async route(manager: EntityManager, user: AuthUser, dto: CreateTicketDto): Promise<TicketRoute> {
    const errors: ErrorDetail[] = [];
    const citizen = user.role === Role.CITIZEN;
    let regionCode: string | null = dto.regionCode ?? null;
    let householdId: string | null = null;
    if (citizen) {
      if (dto.callerName !== undefined) errors.push({ field: 'callerName', message: '来电人姓名只在干部登记来电时填写' });
      if (dto.householdId !== undefined) errors.push({ field: 'householdId', message: '群众提出时自动关联本户，不用填写' });
      const grid = await this.citizenGrid(manager, user);
      regionCode ??= grid?.regionCode.slice(0, 12) ?? null;
      if (!regionCode) errors.push({ field: 'regionCode', message: '请选择所涉的村（社区）' });
      else if (regionCode.length !== 12) errors.push({ field: 'regionCode', message: '请选择村（社区），12位代码' });
      else if (grid && dto.kind === TicketKind.HELP && grid.regionCode.startsWith(regionCode)) householdId = grid.householdId;
    } else {
      if (!dto.callerName) errors.push({ field: 'callerName', message: '登记来电须填写来电人姓名' });
      if (!regionCode) errors.push({ field: 'regionCode', message: '登记来电须填写所涉地区' });
      else if (!isInScope(user, regionCode)) errors.push({ field: 'regionCode', message: '该地区不在您的辖区内' });
      if (dto.householdId && regionCode) {
        const household = await this.households.getSummary(user, dto.householdId, manager).catch((error: unknown) => {
          if (error instanceof AppException && error.getStatus() === 404) return null;
          throw error;
        });
        if (!household || !household.regionCode.startsWith(regionCode)) {
          errors.push({ field: 'householdId', message: '该户不存在，或不在所填地区内' });
        } else householdId = household.id;
      }
    }
    if (regionCode && !errors.some((e) => e.field === 'regionCode') && !(await this.regions.findOne(regionCode, manager))) {
      errors.push({ field: 'regionCode', message: '地区不存在' });
    }
    if (dto.anonymous && dto.kind === TicketKind.HELP) {
      errors.push({ field: 'anonymous', message: '求助申请需要上门核实，不能匿名；投诉举报和政策咨询可以匿名' });
    }
    const about = dto.aboutAccountId ? await this.complaintTarget(manager, user, dto, regionCode, errors) : null;
    if (errors.length) throw validationFailed(errors);

    const region = regionCode!;
    return {
      regionCode: region,
      householdId,
      about,
      handlerRegionCode: about ? complaintHandlerFor(about.regionCode!) : region,
      ackDueAt: await this.ackDueAt(manager, region),
    };
  }

  /** End of the last working day for the first answer, counted from today (Clock). */
  async ackDueAt(manager: EntityManager, regionCode: string): Promise<Date> {
    const { ticketAckWorkingDays } = await this.settings.workflowSettingsFor(manager, regionCode);
    const dueDate = await this.calendar.addWorkingDays(manager, this.clock.today(), ticketAckWorkingDays);
    return chinaMidnight(addCalendarDays(dueDate, 1));
  }

  /** The grid and household of a bound citizen, or null. */
  async citizenGrid(manager: EntityManager, user: AuthUser): Promise<{ regionCode: string; householdId: string } | null> {
    if (!user.householdId || !user.memberId) return null;
    const bound = await this.households.describeMemberForBinding(manager, user.householdId, user.memberId);
    return bound ? { regionCode: bound.regionCode, householdId: bound.householdId } : null;
  }

  /** A cadre that may be handed the ticket: active, a handling role, on the handler region's line, not its subject. */
  async assignable(manager: EntityManager, accountId: string, handlerRegionCode: string, aboutAccountId: string | null) {
    const card = (await this.accounts.describe(manager, [accountId])).get(accountId);
    const fits =
      !!card &&
      card.isActive &&
      TICKET_CADRE_ROLES.includes(card.role) &&
      !!card.regionCode &&
      related(card.regionCode, handlerRegionCode) &&
      card.id !== aboutAccountId;
    return fits ? card : null;
  }

  private async complaintTarget(
    manager: EntityManager,
    user: AuthUser,
    dto: CreateTicketDto,
    regionCode: string | null,
    errors: ErrorDetail[],
  ): Promise<AccountCard | null> {
    if (dto.kind !== TicketKind.COMPLAINT) {
      errors.push({ field: 'aboutAccountId', message: '只有投诉举报可以指定被投诉人' });
      return null;
    }
    if (dto.aboutAccountId === user.accountId) {
      errors.push({ field: 'aboutAccountId', message: '不能登记对自己的投诉，请交由其他干部登记' });
      return null;
    }
    const card = (await this.accounts.describe(manager, [dto.aboutAccountId!])).get(dto.aboutAccountId!);
    const fits =
      !!card && card.isActive && card.role !== Role.CITIZEN && !!card.regionCode && (!regionCode || related(card.regionCode, regionCode));
    if (!fits) {
      errors.push({ field: 'aboutAccountId', message: '被投诉人须是负责该地区的干部' });
      return null;
    }
    return card;
  }
}
