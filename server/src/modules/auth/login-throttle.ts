import { Throttle } from '@nestjs/throttler';
import type { AppConfigService } from '../../config/app-config.service.js';

// The throttler resolves limits per request without dependency injection, so AuthModule sets this at start.
let passwordLoginsPerMinute = 30;

export function configureLoginThrottle(config: AppConfigService): void {
  passwordLoginsPerMinute =
    config.get('AUTH_LOGIN_RATE_LIMIT_PER_MINUTE') ?? Math.max(30, Math.floor(config.get('RATE_LIMIT_PER_MINUTE') / 20));
}

/**
 * Password logins per client address and minute, on top of the per-account lockout: someone trying one
 * password on many usernames never locks an account, this stops them.
 */
export const PasswordLoginThrottle = () =>
  Throttle({ default: { limit: () => passwordLoginsPerMinute, ttl: 60_000 } });
