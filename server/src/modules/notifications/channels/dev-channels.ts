import { Logger } from '@nestjs/common';
import { DeliveryChannel, type NotificationDelivery } from '../entities/notification-delivery.entity.js';
import type { Notification } from '../entities/notification.entity.js';
import { type DeliveryOutcome, NotificationChannel, type RecipientAccount } from './notification-channel.js';

/**
 * Development and tests, when the channel's app ids are not configured: logs what would be sent and counts it
 * as sent. Production without app ids writes no delivery for the channel at all (the in-app inbox still works).
 */
class DevChannel extends NotificationChannel {
  readonly kind = 'dev' as const;
  private readonly logger: Logger;

  constructor(readonly channel: DeliveryChannel) {
    super();
    this.logger = new Logger(`DevChannel:${channel}`);
  }

  async send(delivery: NotificationDelivery, notification: Notification, account: RecipientAccount): Promise<DeliveryOutcome> {
    const address = this.channel === DeliveryChannel.WECOM ? account.wecomUserid : account.wechatOpenid;
    if (!address) return { status: 'SKIPPED', reason: '收件人已没有该渠道的账号' };
    this.logger.log(`[dev] ${notification.kind} to ${address}: ${notification.title}`);
    return { status: 'SENT' };
  }
}

export const devWechatSubscribeChannel = () => new DevChannel(DeliveryChannel.WECHAT_SUBSCRIBE);
export const devWecomChannel = () => new DevChannel(DeliveryChannel.WECOM);
