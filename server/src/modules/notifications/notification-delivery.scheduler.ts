import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfigService } from '../../config/app-config.service.js';
import { NotificationDeliveryWorker } from './notification-delivery.worker.js';

/** Runs the delivery worker every NOTIFICATION_WORKER_INTERVAL_MS in this process (not in tests). */
@Injectable()
export class NotificationDeliveryScheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(NotificationDeliveryScheduler.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly config: AppConfigService,
    private readonly worker: NotificationDeliveryWorker,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.get('NODE_ENV') === 'test') return;
    this.timer = setInterval(() => {
      this.worker.runOnce().catch((error) => this.logger.warn(`notification delivery failed: ${(error as Error).message}`));
    }, this.config.get('NOTIFICATION_WORKER_INTERVAL_MS'));
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
