import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EnvironmentVariables } from './env.validation.js';

/** Typed access to the validated settings. */
@Injectable()
export class AppConfigService {
  constructor(private readonly config: ConfigService<EnvironmentVariables, true>) {}

  get<K extends keyof EnvironmentVariables>(key: K): EnvironmentVariables[K] {
    return this.config.get(key, { infer: true });
  }

  get isProduction(): boolean {
    return this.get('NODE_ENV') === 'production';
  }

  get embeddedDatabase(): boolean {
    return !this.get('DATABASE_URL');
  }

  get seedDemo(): boolean {
    const v = this.get('SEED_DEMO');
    return v === undefined ? this.embeddedDatabase : v === 'true';
  }
}
