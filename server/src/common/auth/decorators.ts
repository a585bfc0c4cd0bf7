import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@jiuzhu/shared';
import type { AuthUser } from './auth-user.js';

export const IS_PUBLIC = 'jiuzhu:isPublic';
export const ROLES = 'jiuzhu:roles';
export const API_KEY_ALLOWED = 'jiuzhu:apiKeyAllowed';

/** The route needs no login (the global JwtAuthGuard lets it through). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call the route (checked by the global RolesGuard after login). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/**
 * The route also accepts a department system's `X-Api-Key` instead of a login (data-sharing center intake and
 * feedback); JwtAuthGuard resolves the key through the ApiKeyAuthenticator the exchange module provides.
 */
export const ApiKeyAllowed = () => SetMetadata(API_KEY_ALLOWED, true);

/** The logged-in caller, set on the request by JwtAuthGuard. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user as AuthUser;
});
