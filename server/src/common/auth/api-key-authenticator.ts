import type { AuthUser } from './auth-user.js';

/** The header a department system sends its key in. */
export const API_KEY_HEADER = 'x-api-key';

/**
 * Turns an `X-Api-Key` into the caller of a route marked @ApiKeyAllowed, or null when the key is unknown or revoked.
 * Provided globally by the exchange module (department systems' keys); JwtAuthGuard asks it.
 */
export abstract class ApiKeyAuthenticator {
  abstract authenticate(key: string): Promise<AuthUser | null>;
}
