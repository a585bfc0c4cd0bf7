import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { maskIdNumber, maskPhone, Role, validateIdNumber, validateMobile } from '@jiuzhu/shared';
import type { AuthUser } from '../../common/auth/auth-user.js';
import { Clock } from '../../common/clock.js';
import { pageOf } from '../../common/http/pagination.js';
import { AuditService } from '../audit/audit.service.js';
import { ancestorCodesOf } from '../regions/regions.service.js';
import { NotificationChannels } from './channels/notification-channels.js';
import type { NotificationDto, NotificationListQueryDto, NotificationPageDto, ReadAllDto, ReadAllResultDto } from './dto/notification.dto.js';
import { DeliveryChannel } from './entities/notification-delivery.entity.js';
import {
  Notification,
  NOTIFICATION_BODY_MAX,
  NOTIFICATION_KIND_PATTERN,
  NOTIFICATION_TITLE_MAX,
} from './entities/notification.entity.js';
import type { NotificationRequest } from './notification-request.js';

export type { NotificationRequest, NotificationTarget } from './notification-request.js';
import { mapNotification, notificationAuditSnapshot } from './notifications.mapper.js';
import { NotificationsException } from './notifications.exception.js';
import { clipChars } from './channels/message-text.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const REGION_CODE = /^[0-9]{2,15}$/;
const ROLES = new Set<string>(Object.values(Role));

// 18-character resident IDs and 20/22-digit disability certificates, and mainland mobile numbers, standing alone
const ID_NUMBER_LIKE = /(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|[0-9]{20}(?:[0-9]{2})?)(?![0-9A-Za-z])/g;
const MOBILE_LIKE = /(?<![0-9])1[3-9][0-9]{9}(?![0-9])/g;

/** Masks any real ID number or mobile number in a text (callers should never put one in; this is the backstop). */
export function maskPersonalNumbers(text: string): string {
  return text
    .replace(ID_NUMBER_LIKE, (match) => (validateIdNumber(match).valid ? maskIdNumber(match) : match))
    .replace(MOBILE_LIKE, (match) => (validateMobile(match).valid ? maskPhone(match) : match));
}

interface PreparedRequest {
  kind: string;
  title: string;
  body: string;
  data: string;
  countyCode: string | null;
}

interface NotificationRow {
  id: string;
  recipient_account_id: string;
  county_code: string | null;
  kind: string;
  title: string;
  body: string;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const toEntity = (row: NotificationRow): Notification =>
  Object.assign(new Notification(), {
    id: row.id,
    recipientAccountId: row.recipient_account_id,
    countyCode: row.county_code,
    kind: row.kind,
    title: row.title,
    body: row.body,
    data: row.data,
    createdAt: row.created_at,
    readAt: row.read_at,
  });

const countyOf = (regionCode: string | null | undefined) => (regionCode && regionCode.length >= 6 ? regionCode.slice(0, 6) : null);

/**
 * Notifications (docs/notifications.md): the outbox other modules write into inside their own transaction, and
 * the in-app inbox of both apps. The delivery worker (NotificationDeliveryWorker) sends the external channels.
 */
@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly channels: NotificationChannels,
  ) {}

  // ---------------------------------------------------------------- outbox

  /**
   * Writes one notification per recipient, and a pending delivery per external channel the recipient has
   * (citizens with a WeChat openid: WECHAT_SUBSCRIBE; cadres with a WeCom userid: WECOM), through the caller's
   * transaction: they commit or roll back with the change they tell about. One statement whatever the count:
   * recipients are resolved, notifications and deliveries inserted in one round trip. Inactive or unknown accounts
   * are left out. A malformed request is a programming error and throws.
   */
  async enqueue(manager: EntityManager, items: NotificationRequest[]): Promise<void> {
    if (!items.length) return;
    const prepared = items.map((item) => this.prepare(item));
    const parameters: unknown[] = [];
    const parameter = (value: unknown) => {
      parameters.push(value);
      return `$${parameters.length}`;
    };
    const requests = `SELECT * FROM unnest(${parameter(prepared.map((_, i) => i))}::int[], ${parameter(prepared.map((r) => r.kind))}::varchar[],
        ${parameter(prepared.map((r) => r.title))}::varchar[], ${parameter(prepared.map((r) => r.body))}::varchar[],
        ${parameter(prepared.map((r) => r.data))}::jsonb[], ${parameter(prepared.map((r) => r.countyCode))}::varchar[])
        AS r(item, kind, title, body, data, county_code)`;
    const now = parameter(this.clock.now());
    const wechat = parameter(this.channels.enabled(DeliveryChannel.WECHAT_SUBSCRIBE));
    const wecom = parameter(this.channels.enabled(DeliveryChannel.WECOM));
    const recipients = this.recipientsSql(items, parameter);
    await manager.query(
      `WITH requests AS (${requests}),
       recipients AS (SELECT DISTINCT ON (item, id) * FROM (${recipients}) AS found),
       inbox AS (
         INSERT INTO notifications (recipient_account_id, county_code, kind, title, body, data, created_at)
         SELECT a.id, coalesce(r.county_code, CASE WHEN length(a.region_code) >= 6 THEN left(a.region_code, 6) END),
                r.kind, r.title, r.body, r.data, ${now}::timestamptz
           FROM recipients a JOIN requests r ON r.item = a.item
         RETURNING id, recipient_account_id
       )
       INSERT INTO notification_deliveries (notification_id, channel, status, next_attempt_at)
       SELECT i.id, c.channel, 'PENDING', ${now}::timestamptz
         FROM inbox i
         JOIN (SELECT DISTINCT id, role, has_wechat, has_wecom FROM recipients) a ON a.id = i.recipient_account_id
         CROSS JOIN LATERAL (VALUES (CASE
           WHEN a.role = '${Role.CITIZEN}' AND a.has_wechat AND ${wechat}::boolean THEN '${DeliveryChannel.WECHAT_SUBSCRIBE}'
           WHEN a.role <> '${Role.CITIZEN}' AND a.has_wecom AND ${wecom}::boolean THEN '${DeliveryChannel.WECOM}'
         END)) AS c(channel)
        WHERE c.channel IS NOT NULL`,
      parameters,
    );
  }

  private prepare(item: NotificationRequest): PreparedRequest {
    if (!NOTIFICATION_KIND_PATTERN.test(item.kind ?? '')) throw new Error(`notification kind '${item.kind}' is not lower-case dotted words`);
    const title = maskPersonalNumbers((item.title ?? '').trim());
    if (!title) throw new Error('a notification needs a title');
    const to = (item.to ?? {}) as Partial<{ accountId: string; regionCode: string; roles: Role[] }>;
    if ('accountId' in to) {
      if (!UUID.test(to.accountId ?? '')) throw new Error(`notification recipient '${to.accountId}' is not an account id`);
    } else if (!REGION_CODE.test(to.regionCode ?? '') || !to.roles?.length || !to.roles.every((role) => ROLES.has(role))) {
      throw new Error('a notification to a region needs a region code and at least one role');
    }
    if (item.regionCode && !REGION_CODE.test(item.regionCode)) throw new Error(`'${item.regionCode}' is not a region code`);
    const data = item.data ?? {};
    if (typeof data !== 'object' || Array.isArray(data)) throw new Error('notification data must be an object');
    return {
      kind: item.kind,
      title: clipChars(title, NOTIFICATION_TITLE_MAX),
      body: clipChars(maskPersonalNumbers((item.body ?? '').trim()), NOTIFICATION_BODY_MAX),
      data: JSON.stringify(data),
      // the region the notification is about; for a single account without one, the account's own (in SQL)
      countyCode: countyOf(item.regionCode ?? to.regionCode),
    };
  }

  /**
   * The active accounts each request goes to, as (item, id, role, region_code, has_wechat, has_wecom). A region
   * target matches accounts whose region is the code or one of its ancestors: equality on the region index, never a
   * scan of the accounts table.
   */
  private recipientsSql(items: NotificationRequest[], parameter: (value: unknown) => string): string {
    const columns = `a.id, a.role, a.region_code, a.wechat_openid IS NOT NULL AS has_wechat, a.wecom_userid IS NOT NULL AS has_wecom`;
    const branches: string[] = [];
    const direct = items.flatMap((item, index) => ('accountId' in item.to ? [{ id: item.to.accountId, index }] : []));
    if (direct.length) {
      branches.push(
        `SELECT t.item, ${columns} FROM unnest(${parameter(direct.map((d) => d.id))}::uuid[], ${parameter(direct.map((d) => d.index))}::int[])
           AS t(account_id, item) JOIN accounts a ON a.id = t.account_id WHERE a.is_active`,
      );
    }
    items.forEach((item, index) => {
      if ('accountId' in item.to) return;
      branches.push(
        `SELECT ${index}::int AS item, ${columns} FROM accounts a
          WHERE a.is_active AND a.role = ANY(${parameter(item.to.roles)}::varchar[])
            AND a.region_code = ANY(${parameter(ancestorCodesOf(item.to.regionCode))}::varchar[])`,
      );
    });
    return branches.join(' UNION ALL ');
  }

  // ---------------------------------------------------------------- inbox

  /** GET /notifications: the caller's own, newest first, with the unread count for the badge. */
  async list(user: AuthUser, query: NotificationListQueryDto): Promise<NotificationPageDto> {
    const { page, pageSize, offset } = pageOf(query);
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.recipient_account_id = :me', { me: user.accountId });
    if (query.unread === true) qb.andWhere('n.read_at IS NULL');
    if (query.unread === false) qb.andWhere('n.read_at IS NOT NULL');
    if (query.kind) qb.andWhere('(n.kind = :kind OR n.kind LIKE :kindPrefix)', { kind: query.kind, kindPrefix: `${query.kind}.%` });
    const [[rows, total], unreadCount] = await Promise.all([
      qb.orderBy('n.created_at', 'DESC').addOrderBy('n.id', 'DESC').skip(offset).take(pageSize).getManyAndCount(),
      this.unreadCount(user),
    ]);
    return { items: rows.map(mapNotification), total, page, pageSize, unreadCount };
  }

  async unreadCount(user: AuthUser): Promise<number> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      'SELECT count(*)::int AS count FROM notifications WHERE recipient_account_id = $1 AND read_at IS NULL',
      [user.accountId],
    );
    return count;
  }

  /** POST /notifications/:id/read. Marking a read one again changes nothing; another account's is 404. */
  async markRead(user: AuthUser, id: string): Promise<NotificationDto> {
    if (!UUID.test(id)) throw NotificationsException.notFound();
    return this.dataSource.transaction(async (manager) => {
      const [updated]: [NotificationRow[], number] = await manager.query(
        `UPDATE notifications SET read_at = $3 WHERE id = $1 AND recipient_account_id = $2 AND read_at IS NULL RETURNING *`,
        [id, user.accountId, this.clock.now()],
      );
      if (updated.length) {
        const entity = toEntity(updated[0]);
        await this.audit.record(manager, {
          actor: user,
          action: 'notification.read',
          entityType: 'notification',
          entityId: entity.id,
          regionCode: entity.countyCode,
          before: { readAt: null },
          after: notificationAuditSnapshot(entity),
        });
        return mapNotification(entity);
      }
      const existing = await manager.getRepository(Notification).findOneBy({ id, recipientAccountId: user.accountId });
      if (!existing) throw NotificationsException.notFound();
      return mapNotification(existing);
    });
  }

  /** POST /notifications/read-all: every unread notification of the caller. */
  async markAllRead(user: AuthUser, about: ReadAllDto = {}): Promise<ReadAllResultDto> {
    // one UPDATE for everything, or for the messages about one ticket / case (their `data` names it)
    const target = about.ticketId ? { key: 'ticketId', id: about.ticketId } : about.caseId ? { key: 'caseId', id: about.caseId } : null;
    return this.dataSource.transaction(async (manager) => {
      const [, updated]: [unknown, number] = await manager.query(
        `UPDATE notifications SET read_at = $2 WHERE recipient_account_id = $1 AND read_at IS NULL` +
          (target ? ` AND data ->> $3 = $4` : ''),
        [user.accountId, this.clock.now(), ...(target ? [target.key, target.id] : [])],
      );
      if (updated > 0) {
        await this.audit.record(manager, {
          actor: user,
          action: 'notification.read-all',
          entityType: 'notification',
          entityId: null,
          after: target ? { count: updated, [target.key]: target.id } : { count: updated },
        });
      }
      const unreadCount = target
        ? Number(
            (await manager.query(`SELECT count(*)::int AS n FROM notifications WHERE recipient_account_id = $1 AND read_at IS NULL`, [user.accountId]))[0].n,
          )
        : 0;
      return { updated, unreadCount };
    });
  }
}
