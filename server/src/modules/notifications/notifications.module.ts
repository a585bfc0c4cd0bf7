import { Global, Module } from '@nestjs/common';
import { AppConfigService } from '../../config/app-config.service.js';
import { NotificationChannels, notificationChannelsFrom } from './channels/notification-channels.js';
import { NotificationDeliveryScheduler } from './notification-delivery.scheduler.js';
import { NotificationDeliveryWorker } from './notification-delivery.worker.js';
import { NotificationsController } from './notifications.controller.js';
import { NotificationsService } from './notifications.service.js';

/**
 * Notifications: the outbox every module writes into in its own transaction (NotificationsService.enqueue), the
 * delivery worker and its channels (WeChat subscribe messages, WeCom app messages), and the in-app inbox API.
 * Global, so cases, notices and tickets need not import it.
 */
@Global()
@Module({
  controllers: [NotificationsController],
  providers: [
    NotificationsService,
    NotificationDeliveryWorker,
    NotificationDeliveryScheduler,
    { provide: NotificationChannels, inject: [AppConfigService], useFactory: notificationChannelsFrom },
  ],
  exports: [NotificationsService, NotificationDeliveryWorker],
})
export class NotificationsModule {}
