export enum TicketKind {
  HELP = 'HELP',
  COMPLAINT = 'COMPLAINT',
  CONSULT = 'CONSULT',
}

export const TicketKindLabel: Record<TicketKind, string> = {
  [TicketKind.HELP]: '求助申请',
  [TicketKind.COMPLAINT]: '投诉举报',
  [TicketKind.CONSULT]: '政策咨询',
};

/** Departments that deliver data to the data-sharing center. */
export enum Department {
  CIVIL_AFFAIRS = 'CIVIL_AFFAIRS',
  HUMAN_RESOURCES = 'HUMAN_RESOURCES',
  EDUCATION = 'EDUCATION',
  HEALTH = 'HEALTH',
  MEDICAL_INSURANCE = 'MEDICAL_INSURANCE',
  HOUSING = 'HOUSING',
  WATER = 'WATER',
  PUBLIC_SECURITY = 'PUBLIC_SECURITY',
  DISABLED_FEDERATION = 'DISABLED_FEDERATION',
  EMERGENCY = 'EMERGENCY',
}

export const DepartmentLabel: Record<Department, string> = {
  [Department.CIVIL_AFFAIRS]: '民政',
  [Department.HUMAN_RESOURCES]: '人社',
  [Department.EDUCATION]: '教育',
  [Department.HEALTH]: '卫健',
  [Department.MEDICAL_INSURANCE]: '医保',
  [Department.HOUSING]: '住建',
  [Department.WATER]: '水利',
  [Department.PUBLIC_SECURITY]: '公安',
  [Department.DISABLED_FEDERATION]: '残联',
  [Department.EMERGENCY]: '应急',
};
