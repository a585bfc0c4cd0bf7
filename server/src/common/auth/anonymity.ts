import { Role } from '@jiuzhu/shared';

/**
 * Who sees the person behind an anonymous objection or ticket ("anonymous to the village, never to the system",
 * issue 3): county officers and administrators. Village cadres, township reviewers, grid workers and other
 * citizens see 匿名; the audit log always keeps the account.
 */
export const IDENTITY_VIEWER_ROLES: readonly Role[] = Object.freeze([Role.COUNTY_OFFICER, Role.ADMIN]);

export const ANONYMOUS_LABEL = '匿名';

export const seesAnonymousIdentity = (role: Role) => IDENTITY_VIEWER_ROLES.includes(role);
