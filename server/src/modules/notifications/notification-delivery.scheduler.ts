import { Injectable, OnModuleInit } from '@nestjs/common';
import { AppConfigService } from '../../config/app-config.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import { NotificationDeliveryWorker } from './notification-delivery.worker.js';

/** The job that runs the delivery worker (tests: `jobs.runNow(NOTIFICATION_DELIVERY_JOB)` or the worker itself). */
export const NOTIFICATION_DELIVERY_JOB = 'notifications.deliver';

/**
 * Runs the delivery worker every NOTIFICATION_WORKER_INTERVAL_MS as a repeatable job: with Redis (BullMQ) once per
 * period across the servers, else in this process; off when JOBS_SCHEDULER=off (the default in tests). The queue
 * itself is the outbox table, so nothing waits in the job system: a missed or failed run only delays delivery.
 */
@Injectable()
export class NotificationDeliveryScheduler implements OnModuleInit {
  constructor(
    private readonly config: AppConfigService,
    private readonly jobs: JobsService,
    private readonly worker: NotificationDeliveryWorker,
  ) {}

  async onModuleInit(): Promise<void> {
    this.jobs.register(NOTIFICATION_DELIVERY_JOB, async () => {
      await this.worker.runOnce();
    });
    await this.jobs.schedule(NOTIFICATION_DELIVERY_JOB, this.config.get('NOTIFICATION_WORKER_INTERVAL_MS'));
  }
}
