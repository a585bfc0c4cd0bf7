import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity.js';
import {
  CaseAction,
  CaseStatus,
  CaseStatusLabel,
  CaseStepLabel,
  maskName,
  RegionLevel,
  Role,
  stepOfStatus,
  workflowOf,
} from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Clock } from '../../common/clock.js';
import { AuditService } from '../audit/audit.service.js';
import type { NotificationRequest } from '../notifications/notification-request.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { caseAuditSnapshot, eventLabel } from './cases.mapper.js';
import { CaseEvent } from './entities/case-event.entity.js';
import type { Case } from './entities/case.entity.js';

/** Notification kinds the cases module sends (NotificationsService `kind`). */
export const CASE_NOTIFICATION = {
  STEP: 'case.step',
  WAITING: 'case.waiting',
  ESCALATED: 'case.escalated',
} as const;

/** The role that works each escalation level (the cadres responsible for the case's region at that level). */
const ROLE_OF_LEVEL: Record<RegionLevel.TOWNSHIP | RegionLevel.COUNTY, Role> = {
  [RegionLevel.TOWNSHIP]: Role.TOWNSHIP_REVIEWER,
  [RegionLevel.COUNTY]: Role.COUNTY_OFFICER,
};
const LEVEL_LABEL: Record<RegionLevel.TOWNSHIP | RegionLevel.COUNTY, string> = {
  [RegionLevel.TOWNSHIP]: '乡镇',
  [RegionLevel.COUNTY]: '县',
};

export interface JournalEntry {
  actor: AuthUser | null;
  /** a CaseAction, or 'create' / 'escalate' */
  action: string;
  from: CaseStatus | null;
  /** the case as it is after the change */
  after: Case;
  before?: Case | null;
  /** what the step recorded, masked */
  payload: Record<string, unknown>;
  /** what the claimant reads about this step (a reason, an opinion) */
  remark?: string | null;
  /** more notifications to queue with the step's own */
  notify?: NotificationRequest[];
}

/**
 * Everything a change to a case leaves behind, in the caller's transaction: the timeline event, the audit row and
 * the notifications (the claimant hears of every step; the roles of the next step are told that a case waits).
 */
@Injectable()
export class CaseJournalService {
  constructor(
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /** Writes the event, the audit row and the notifications; returns the event as stored. */
  async record(manager: EntityManager, entry: JournalEntry): Promise<CaseEvent> {
    const c = entry.after;
    const event = Object.assign(new CaseEvent(), {
      countyCode: c.countyCode,
      caseId: c.id,
      actorAccountId: entry.actor?.accountId ?? null,
      actorRole: entry.actor?.role ?? null,
      action: entry.action,
      fromStatus: entry.from,
      toStatus: c.status,
      payload: entry.payload,
      at: this.clock.now(),
    });
    const inserted = await manager
      .createQueryBuilder()
      .insert()
      .into(CaseEvent)
      .values({ ...event, payload: entry.payload as object } as QueryDeepPartialEntity<CaseEvent>)
      .returning(['id'])
      .updateEntity(false)
      .execute();
    event.id = String(inserted.raw[0].id);
    await this.audit.record(manager, {
      actor: entry.actor,
      action: `case.${entry.action}`,
      entityType: 'case',
      entityId: c.id,
      regionCode: c.regionCode,
      before: entry.before ? caseAuditSnapshot(entry.before) : null,
      after: { ...caseAuditSnapshot(c), payload: entry.payload },
    });
    const notifications = [...this.stepNotifications(entry), ...(entry.notify ?? [])];
    if (notifications.length) await this.notifications.enqueue(manager, notifications);
    return event;
  }

  /** The escalation job: tells the cadres of `level` for the case's region. */
  escalationNotice(c: Case, level: RegionLevel.TOWNSHIP | RegionLevel.COUNTY, daysOpen: number): NotificationRequest {
    const who = c.subjectName ? `（${maskName(c.subjectName)}）` : '';
    return {
      to: { regionCode: c.regionCode, roles: [ROLE_OF_LEVEL[level]] },
      kind: CASE_NOTIFICATION.ESCALATED,
      title: `督办：案件 ${c.caseNumber} 已受理${daysOpen}天仍未办结`,
      body: `案件 ${c.caseNumber}${who}目前“${CaseStatusLabel[c.status]}”，已受理${daysOpen}天，期限为${c.dueDate}，已上报${LEVEL_LABEL[level]}督办。`,
      data: { caseId: c.id, caseNumber: c.caseNumber, level },
    };
  }

  private stepNotifications(entry: JournalEntry): NotificationRequest[] {
    const c = entry.after;
    const items: NotificationRequest[] = [];
    const data = { caseId: c.id, caseNumber: c.caseNumber, status: c.status, action: entry.action };
    const changed = entry.from !== c.status;
    // the claimant hears of every step, except their own withdrawal (they know)
    if (c.claimantAccountId && changed && entry.actor?.accountId !== c.claimantAccountId) {
      const remark = entry.remark ? `：${entry.remark}` : '';
      items.push({
        to: { accountId: c.claimantAccountId },
        kind: CASE_NOTIFICATION.STEP,
        title: `您的申请${eventLabel(entry.action)}`,
        body: `申请编号 ${c.caseNumber}，当前状态“${CaseStatusLabel[c.status]}”${remark}`,
        data,
      });
    }
    if (changed) {
      const roles = nextActorRoles(c);
      const step = stepOfStatus(c.status);
      if (roles.length && step) {
        const who = c.subjectName ? `（${maskName(c.subjectName)}）` : '';
        items.push({
          to: { regionCode: c.regionCode, roles },
          kind: CASE_NOTIFICATION.WAITING,
          title: `待办：${CaseStepLabel[step]}`,
          body: `案件 ${c.caseNumber}${who}等待“${CaseStepLabel[step]}”，请在${c.dueDate}前办结。`,
          data,
        });
      }
    }
    return items;
  }
}

/** The cadre roles that may take the next step of a case in its status (withdrawal is not a next step). */
export function nextActorRoles(c: Pick<Case, 'status' | 'kind'>): Role[] {
  const roles = new Set<Role>();
  for (const row of workflowOf(c.kind)) {
    if (row.from !== c.status || row.action === CaseAction.WITHDRAW) continue;
    for (const role of row.roles) if (role !== Role.CITIZEN) roles.add(role);
  }
  return [...roles];
}
