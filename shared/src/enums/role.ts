/** Account roles. Every cadre role is bound to a region code and acts only inside it. */
export enum Role {
  CITIZEN = 'CITIZEN',
  GRID_WORKER = 'GRID_WORKER',
  VILLAGE_CADRE = 'VILLAGE_CADRE',
  TOWNSHIP_REVIEWER = 'TOWNSHIP_REVIEWER',
  COUNTY_OFFICER = 'COUNTY_OFFICER',
  DEPARTMENT_OPERATOR = 'DEPARTMENT_OPERATOR',
  ADMIN = 'ADMIN',
}

export const RoleLabel: Record<Role, string> = {
  [Role.CITIZEN]: '群众',
  [Role.GRID_WORKER]: '网格员',
  [Role.VILLAGE_CADRE]: '村干部',
  [Role.TOWNSHIP_REVIEWER]: '乡镇审核人',
  [Role.COUNTY_OFFICER]: '县级干部',
  [Role.DEPARTMENT_OPERATOR]: '行业部门',
  [Role.ADMIN]: '管理员',
};

/** Roles that use the government side (every role but CITIZEN). */
export const CADRE_ROLES: readonly Role[] = Object.freeze([
  Role.GRID_WORKER,
  Role.VILLAGE_CADRE,
  Role.TOWNSHIP_REVIEWER,
  Role.COUNTY_OFFICER,
  Role.DEPARTMENT_OPERATOR,
  Role.ADMIN,
]);
