import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { AppConfigService } from '../../config/app-config.service.js';

/** The job queue: Redis (BullMQ) when REDIS_URL is set, else the in-process runner, which is always up. */
@Injectable()
export class QueueHealthIndicator implements OnModuleDestroy {
  private redis: Redis | null = null;

  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly config: AppConfigService,
  ) {}

  async check(key: string) {
    const session = this.indicator.check(key);
    const url = this.config.get('REDIS_URL');
    if (!url) return session.up({ mode: 'in-process' });
    try {
      if (!this.redis) {
        this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 2000 });
        this.redis.on('error', () => undefined); // reported through the check, not as an unhandled event
      }
      if (this.redis.status === 'wait') await this.redis.connect();
      await this.redis.ping();
      return session.up({ mode: 'redis' });
    } catch (error) {
      return session.down({ mode: 'redis', message: (error as Error).message });
    }
  }

  onModuleDestroy() {
    this.redis?.disconnect();
  }
}
