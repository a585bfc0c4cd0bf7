import { Role } from '@jiuzhu/shared';
import type { AuthUser } from './auth-user.js';
import { forbidden, notFound } from '../errors/app.exception.js';

/**
 * Region scoping by code prefix (DOMAIN.md "Regions"): a cadre sees every code that starts with
 * their own region code. Returns the prefix to filter by, or '' when the caller sees the province.
 * Citizens have no region scope: their queries are scoped by household instead.
 */
export function regionPrefixOf(user: AuthUser): string {
  if (user.role === Role.CITIZEN) throw forbidden();
  return user.regionCode ?? '';
}

export function isInScope(user: AuthUser, regionCode: string | null | undefined): boolean {
  if (!regionCode) return false;
  if (user.role === Role.CITIZEN) return false;
  return regionCode.startsWith(user.regionCode ?? '');
}

/** Throws 404 (not 403) so a cadre cannot probe which ids exist outside their region. */
export function assertInScope(user: AuthUser, regionCode: string | null | undefined, what: string): void {
  if (!isInScope(user, regionCode)) throw notFound(what);
}

/** For a region the caller asks to filter by: it must lie inside their own scope. */
export function narrowRegion(user: AuthUser, requested?: string | null): string {
  const own = regionPrefixOf(user);
  if (!requested) return own;
  if (!requested.startsWith(own)) throw forbidden('所选地区不在您的辖区内');
  return requested;
}

/** SQL LIKE pattern for a prefix (codes are digits only, so no escaping is needed). */
export const likePrefix = (prefix: string) => `${prefix}%`;
