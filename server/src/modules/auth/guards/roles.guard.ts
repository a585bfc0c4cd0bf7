import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@jiuzhu/shared';
import type { AuthUser } from '../../../common/auth/auth-user.js';
import { ROLES } from '../../../common/auth/decorators.js';
import { forbidden } from '../../../common/errors/app.exception.js';

/** Global, after JwtAuthGuard: a route marked @Roles(...) refuses every other role with 403. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, [context.getHandler(), context.getClass()]);
    if (!roles?.length) return true;
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    // no user on a @Roles route means it was also marked @Public: refuse rather than guess
    if (!user || !roles.includes(user.role)) throw forbidden();
    return true;
  }
}
