import { Logger } from '@nestjs/common';
import type { AppConfigService } from '../../../config/app-config.service.js';
import { DeliveryChannel } from '../entities/notification-delivery.entity.js';
import { devWechatSubscribeChannel, devWecomChannel } from './dev-channels.js';
import type { NotificationChannel } from './notification-channel.js';
import { HttpWechatSubscribeChannel, parseTemplateFields } from './wechat-subscribe.channel.js';
import { HttpWecomMessageChannel } from './wecom-message.channel.js';

const logger = new Logger('NotificationChannels');

/**
 * The external channels this server delivers through. A channel that is not configured is the dev adapter
 * outside production, and off in production (no delivery rows are written for it; the inbox still works).
 */
export class NotificationChannels {
  private readonly byChannel: Map<DeliveryChannel, NotificationChannel>;

  constructor(channels: NotificationChannel[]) {
    this.byChannel = new Map(channels.map((channel) => [channel.channel, channel]));
  }

  get(channel: DeliveryChannel): NotificationChannel | null {
    return this.byChannel.get(channel) ?? null;
  }

  enabled(channel: DeliveryChannel): boolean {
    return this.byChannel.has(channel);
  }

  /** for /api/health and the logs: channel → http | dev */
  describe(): Record<string, string> {
    return Object.fromEntries([...this.byChannel.values()].map((c) => [c.channel, c.kind]));
  }
}

export function notificationChannelsFrom(config: AppConfigService): NotificationChannels {
  const channels: NotificationChannel[] = [];
  const timeoutMs = config.get('NOTIFICATION_SEND_TIMEOUT_MS');

  const appId = config.get('WECHAT_APP_ID');
  const templateId = config.get('WECHAT_SUBSCRIBE_TEMPLATE_ID');
  if (appId && templateId) {
    const appSecret = config.get('WECHAT_APP_SECRET');
    if (!appSecret) throw new Error('WECHAT_APP_SECRET is required when WECHAT_APP_ID is set');
    channels.push(
      new HttpWechatSubscribeChannel({
        apiBase: config.get('WECHAT_API_BASE'),
        appId,
        appSecret,
        templateId,
        fields: parseTemplateFields(config.get('WECHAT_SUBSCRIBE_FIELDS')),
        page: config.get('WECHAT_SUBSCRIBE_PAGE'),
        miniprogramState: config.get('WECHAT_MINIPROGRAM_STATE'),
        timeoutMs,
      }),
    );
  } else if (appId) {
    logger.warn('WECHAT_SUBSCRIBE_TEMPLATE_ID is not set: citizens get in-app notifications only.');
  } else if (!config.isProduction) {
    channels.push(devWechatSubscribeChannel());
  }

  const corpId = config.get('WECOM_CORP_ID');
  const agentId = config.get('WECOM_AGENT_ID');
  if (corpId && agentId) {
    const secret = config.get('WECOM_SECRET');
    if (!secret) throw new Error('WECOM_SECRET is required when WECOM_CORP_ID is set');
    channels.push(
      new HttpWecomMessageChannel({
        apiBase: config.get('WECOM_API_BASE'),
        corpId,
        secret,
        agentId,
        linkUrl: config.get('WECOM_MESSAGE_URL') ?? null,
        timeoutMs,
      }),
    );
  } else if (corpId) {
    logger.warn('WECOM_AGENT_ID is not set: cadres get in-app notifications only.');
  } else if (!config.isProduction) {
    channels.push(devWecomChannel());
  }
  return new NotificationChannels(channels);
}
