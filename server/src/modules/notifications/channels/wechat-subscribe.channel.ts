import { AccessTokenCache } from '../../auth/providers/access-token-cache.js';
import { endpoint, fetchProviderJson, ProviderCallError } from '../../auth/providers/provider-http.js';
import { DeliveryChannel, type NotificationDelivery } from '../entities/notification-delivery.entity.js';
import type { Notification } from '../entities/notification.entity.js';
import { chinaDateTime, chinaDateWords, clipChars } from './message-text.js';
import { type DeliveryOutcome, describeError, NotificationChannel, type RecipientAccount } from './notification-channel.js';

export interface WechatSubscribeOptions {
  apiBase: string;
  appId: string;
  appSecret: string;
  /** the subscribe message template (订阅消息模板) chosen in the mini-program's console */
  templateId: string;
  /** template keyword → what fills it: 'thing1=title,thing2=body,time3=time' (see parseTemplateFields) */
  fields: TemplateField[];
  /** the mini-program page the message opens; the notification id is added as ?notificationId= */
  page: string;
  /** formal | trial | developer: which build of the mini-program the message opens */
  miniprogramState: 'formal' | 'trial' | 'developer';
  timeoutMs: number;
  now?: () => number;
}

export interface TemplateField {
  /** the template's keyword, e.g. thing1, time3, phrase2 */
  key: string;
  /** title | body | kind | time | date | data.<name> */
  source: string;
}

/** 'thing1=title,thing2=body,time3=time' → fields; throws on a malformed entry (checked at start). */
export function parseTemplateFields(spec: string): TemplateField[] {
  return spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^([a-z_]+[0-9]+)=(title|body|kind|time|date|data\.[A-Za-z0-9_]+)$/.exec(part);
      if (!match) throw new Error(`not a template field: ${part}`);
      return { key: match[1], source: match[2] };
    });
}

// WeChat's limits per keyword type (订阅消息参数值内容限制), in characters
const KEYWORD_LIMITS: Record<string, number> = {
  thing: 20,
  phrase: 5,
  name: 10,
  character_string: 32,
  number: 32,
  letter: 32,
  symbol: 5,
  phone_number: 17,
  car_number: 8,
  time: 24,
  date: 24,
  amount: 11,
};

interface WechatAnswer {
  errcode?: number;
  errmsg?: string;
}
interface TokenAnswer extends WechatAnswer {
  access_token?: string;
  expires_in?: number;
}

/** the access token is invalid or not the latest (40001), expired (42001), or not an access token (40014) */
const TOKEN_REJECTED = new Set([40001, 42001, 40014]);
/** the user refused (or used up) the subscription: never retried */
const USER_REFUSED = 43101;
/** the openid is not a user of this mini-program */
const INVALID_OPENID = 40003;

/**
 * WeChat mini-program subscribe messages (订阅消息): `GET /cgi-bin/token` (cached until expires_in, fetched again
 * when WeChat says it expired) and `POST /cgi-bin/message/subscribe/send`. A citizen must have agreed in the app
 * (wx.requestSubscribeMessage) before each message; 43101 means they did not, and the inbox is all they get.
 */
export class HttpWechatSubscribeChannel extends NotificationChannel {
  readonly channel = DeliveryChannel.WECHAT_SUBSCRIBE;
  readonly kind = 'http' as const;
  private readonly tokens: AccessTokenCache;

  constructor(private readonly options: WechatSubscribeOptions) {
    super();
    this.tokens = new AccessTokenCache(() => this.fetchToken(), options.now);
  }

  async send(_delivery: NotificationDelivery, notification: Notification, account: RecipientAccount): Promise<DeliveryOutcome> {
    if (!account.wechatOpenid) return { status: 'SKIPPED', reason: '收件人已没有微信账号' };
    const message = {
      touser: account.wechatOpenid,
      template_id: this.options.templateId,
      page: `${this.options.page}?notificationId=${notification.id}`,
      miniprogram_state: this.options.miniprogramState,
      lang: 'zh_CN',
      data: Object.fromEntries(this.options.fields.map((field) => [field.key, { value: fieldValue(field, notification) }])),
    };
    try {
      let token = await this.tokens.get();
      let answer = await this.post(token, message);
      if (TOKEN_REJECTED.has(answer.errcode ?? 0)) {
        this.tokens.invalidate(token);
        token = await this.tokens.get();
        answer = await this.post(token, message);
      }
      const errcode = answer.errcode ?? 0;
      if (errcode === 0) return { status: 'SENT' };
      const reason = `errcode ${errcode} ${answer.errmsg ?? ''}`.trim();
      if (errcode === USER_REFUSED) return { status: 'SKIPPED', reason: `用户未订阅或已拒收（${reason}）` };
      if (errcode === INVALID_OPENID) return { status: 'FAILED', reason: `openid 无效（${reason}）` };
      // -1 busy, 45009 quota, 47003/40037 template or data problems (fixable by configuration): tried again later
      return { status: 'RETRY', reason };
    } catch (error) {
      return { status: 'RETRY', reason: describeError(error) };
    }
  }

  private post(token: string, message: unknown): Promise<WechatAnswer> {
    const url = endpoint(this.options.apiBase, '/cgi-bin/message/subscribe/send');
    url.searchParams.set('access_token', token);
    return fetchProviderJson<WechatAnswer>(url, { timeoutMs: this.options.timeoutMs, body: message });
  }

  private async fetchToken() {
    const url = endpoint(this.options.apiBase, '/cgi-bin/token');
    url.searchParams.set('grant_type', 'client_credential');
    url.searchParams.set('appid', this.options.appId);
    url.searchParams.set('secret', this.options.appSecret);
    const answer = await fetchProviderJson<TokenAnswer>(url, { timeoutMs: this.options.timeoutMs });
    if ((answer.errcode ?? 0) !== 0 || !answer.access_token) {
      throw new ProviderCallError(`token failed: errcode ${answer.errcode} ${answer.errmsg ?? ''}`.trim(), answer.errcode ?? null);
    }
    return { value: answer.access_token, expiresInSeconds: answer.expires_in ?? 7200 };
  }
}

function fieldValue(field: TemplateField, notification: Notification): string {
  const raw = (() => {
    switch (field.source) {
      case 'title':
        return notification.title;
      case 'body':
        return notification.body;
      case 'kind':
        return notification.kind;
      case 'time':
        return chinaDateTime(notification.createdAt);
      case 'date':
        return chinaDateWords(notification.createdAt);
      default: {
        const value = notification.data?.[field.source.slice('data.'.length)];
        return value === undefined || value === null ? '-' : String(value);
      }
    }
  })();
  const type = field.key.replace(/[0-9]+$/, '');
  const limit = KEYWORD_LIMITS[type];
  // WeChat refuses an empty value and one over the keyword's limit
  const value = raw.trim() || '-';
  return limit ? clipChars(value, limit) : value;
}
