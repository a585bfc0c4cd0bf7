import { AccessTokenCache } from '../../auth/providers/access-token-cache.js';
import { endpoint, fetchProviderJson } from '../../auth/providers/provider-http.js';
import { WECOM_TOKEN_REJECTED, wecomAccessTokenCache, type WecomCredentials } from '../../auth/providers/wecom-access-token.js';
import { DeliveryChannel, type NotificationDelivery } from '../entities/notification-delivery.entity.js';
import type { Notification } from '../entities/notification.entity.js';
import { clipBytes } from './message-text.js';
import { type DeliveryOutcome, describeError, NotificationChannel, type RecipientAccount } from './notification-channel.js';

export interface WecomMessageOptions extends WecomCredentials {
  /** the self-built app's AgentId (应用 AgentId) */
  agentId: number;
  /** the government app's address: set, messages are text cards that open `<url>?notificationId=`; else plain text */
  linkUrl?: string | null;
}

interface SendAnswer {
  errcode?: number;
  errmsg?: string;
  invaliduser?: string;
}

/** every receiver invalid (81013), or a userid that does not exist (60111) */
const INVALID_RECEIVER = new Set([81013, 60111]);
// WeCom drops a message identical to one sent within this many seconds: a retry after a lost answer is not doubled
const DUPLICATE_CHECK_SECONDS = 4 * 3600;

/**
 * WeCom (企业微信) app messages to cadres: the access token of the same self-built app as the login (cached; see
 * auth/providers/wecom-access-token.ts), then `POST /cgi-bin/message/send` as text, or as a text card linking to
 * the government app when WECOM_MESSAGE_URL is set.
 */
export class HttpWecomMessageChannel extends NotificationChannel {
  readonly channel = DeliveryChannel.WECOM;
  readonly kind = 'http' as const;
  private readonly tokens: AccessTokenCache;

  constructor(private readonly options: WecomMessageOptions) {
    super();
    this.tokens = wecomAccessTokenCache(options);
  }

  async send(_delivery: NotificationDelivery, notification: Notification, account: RecipientAccount): Promise<DeliveryOutcome> {
    const userid = account.wecomUserid;
    if (!userid) return { status: 'SKIPPED', reason: '收件人已没有企业微信账号' };
    const message = {
      touser: userid,
      agentid: this.options.agentId,
      ...this.content(notification),
      safe: 0,
      enable_duplicate_check: 1,
      duplicate_check_interval: DUPLICATE_CHECK_SECONDS,
    };
    try {
      let token = await this.tokens.get();
      let answer = await this.post(token, message);
      if (WECOM_TOKEN_REJECTED.has(answer.errcode ?? 0)) {
        this.tokens.invalidate(token);
        token = await this.tokens.get();
        answer = await this.post(token, message);
      }
      const errcode = answer.errcode ?? 0;
      const reason = `errcode ${errcode} ${answer.errmsg ?? ''}`.trim();
      // errcode 0 can still name the receiver as invalid (not a member, or outside the app's visible range)
      const invalid = (answer.invaliduser ?? '').split('|').includes(userid);
      if (errcode === 0 && !invalid) return { status: 'SENT' };
      if (invalid || INVALID_RECEIVER.has(errcode)) return { status: 'FAILED', reason: `企业微信成员无效（${reason}）` };
      // -1 busy, 45009/45033 rate limits, 60020 address not trusted: tried again later
      return { status: 'RETRY', reason };
    } catch (error) {
      return { status: 'RETRY', reason: describeError(error) };
    }
  }

  private content(notification: Notification) {
    if (this.options.linkUrl) {
      const separator = this.options.linkUrl.includes('?') ? '&' : '?';
      return {
        msgtype: 'textcard',
        textcard: {
          title: clipBytes(notification.title, 128),
          description: clipBytes(notification.body, 512),
          url: `${this.options.linkUrl}${separator}notificationId=${notification.id}`,
          btntxt: '查看',
        },
      };
    }
    return { msgtype: 'text', text: { content: clipBytes(`${notification.title}\n${notification.body}`, 2048) } };
  }

  private post(token: string, message: unknown): Promise<SendAnswer> {
    const url = endpoint(this.options.apiBase, '/cgi-bin/message/send');
    url.searchParams.set('access_token', token);
    return fetchProviderJson<SendAnswer>(url, { timeoutMs: this.options.timeoutMs, body: message });
  }
}
