import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@jiuzhu/shared';
import type { AuthUser } from './auth-user.js';

export const IS_PUBLIC = 'jiuzhu:isPublic';
export const ROLES = 'jiuzhu:roles';

/** The route needs no login (the global JwtAuthGuard lets it through). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
/** Only these roles may call the route (checked by the global RolesGuard after login). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The logged-in caller, set on the request by JwtAuthGuard. */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest().user as AuthUser;
});
