export enum HouseholdType {
  ORDINARY = 'ORDINARY',
  OUT_OF_POVERTY = 'OUT_OF_POVERTY',
}

export const HouseholdTypeLabel: Record<HouseholdType, string> = {
  [HouseholdType.ORDINARY]: '一般农户',
  [HouseholdType.OUT_OF_POVERTY]: '脱贫户',
};

/** 三类人员 */
export enum MonitoringType {
  UNSTABLE_OUT_OF_POVERTY = 'UNSTABLE_OUT_OF_POVERTY',
  MARGINAL = 'MARGINAL',
  SUDDEN_HARDSHIP = 'SUDDEN_HARDSHIP',
}

export const MonitoringTypeLabel: Record<MonitoringType, string> = {
  [MonitoringType.UNSTABLE_OUT_OF_POVERTY]: '脱贫不稳定户',
  [MonitoringType.MARGINAL]: '边缘易致贫户',
  [MonitoringType.SUDDEN_HARDSHIP]: '突发严重困难户',
};

/** 致贫返贫风险 */
export enum RiskType {
  ILLNESS = 'ILLNESS',
  DISABILITY = 'DISABILITY',
  SCHOOLING = 'SCHOOLING',
  NATURAL_DISASTER = 'NATURAL_DISASTER',
  ACCIDENT = 'ACCIDENT',
  BUSINESS_FAILURE = 'BUSINESS_FAILURE',
  UNSTABLE_EMPLOYMENT = 'UNSTABLE_EMPLOYMENT',
  LACK_OF_LABOUR = 'LACK_OF_LABOUR',
  HOUSING_SAFETY = 'HOUSING_SAFETY',
  DRINKING_WATER = 'DRINKING_WATER',
  OTHER = 'OTHER',
}

export const RiskTypeLabel: Record<RiskType, string> = {
  [RiskType.ILLNESS]: '因病',
  [RiskType.DISABILITY]: '因残',
  [RiskType.SCHOOLING]: '因学',
  [RiskType.NATURAL_DISASTER]: '因自然灾害',
  [RiskType.ACCIDENT]: '因意外事故',
  [RiskType.BUSINESS_FAILURE]: '因产业失败',
  [RiskType.UNSTABLE_EMPLOYMENT]: '因务工就业不稳',
  [RiskType.LACK_OF_LABOUR]: '缺劳动力',
  [RiskType.HOUSING_SAFETY]: '因安全住房',
  [RiskType.DRINKING_WATER]: '因安全饮水',
  [RiskType.OTHER]: '其他',
};

/** A household carries at most this many risk types. */
export const MAX_RISK_TYPES = 5;

/** Sub-types of 因自然灾害. */
export enum DisasterSubtype {
  FLOOD = 'FLOOD',
  GEOLOGICAL = 'GEOLOGICAL',
  DROUGHT = 'DROUGHT',
  BIOLOGICAL = 'BIOLOGICAL',
  WEATHER = 'WEATHER',
  EARTHQUAKE = 'EARTHQUAKE',
  OTHER = 'OTHER',
}

export const DisasterSubtypeLabel: Record<DisasterSubtype, string> = {
  [DisasterSubtype.FLOOD]: '洪涝灾害',
  [DisasterSubtype.GEOLOGICAL]: '地质灾害',
  [DisasterSubtype.DROUGHT]: '干旱灾害',
  [DisasterSubtype.BIOLOGICAL]: '生物灾害',
  [DisasterSubtype.WEATHER]: '气象灾害',
  [DisasterSubtype.EARTHQUAKE]: '地震灾害',
  [DisasterSubtype.OTHER]: '其他灾害',
};

/** 帮扶措施 (14 categories). */
export enum MeasureType {
  INDUSTRY = 'INDUSTRY',
  EMPLOYMENT = 'EMPLOYMENT',
  FINANCE = 'FINANCE',
  PUBLIC_WELFARE_JOB = 'PUBLIC_WELFARE_JOB',
  HEALTH = 'HEALTH',
  COMPULSORY_EDUCATION = 'COMPULSORY_EDUCATION',
  OTHER_EDUCATION = 'OTHER_EDUCATION',
  SOCIAL_SAFETY_NET = 'SOCIAL_SAFETY_NET',
  HOUSING_SAFETY = 'HOUSING_SAFETY',
  DRINKING_WATER = 'DRINKING_WATER',
  SOCIAL_HELP = 'SOCIAL_HELP',
  RELOCATION = 'RELOCATION',
  LIVING_CONDITIONS = 'LIVING_CONDITIONS',
  INFRASTRUCTURE = 'INFRASTRUCTURE',
}

export const MeasureTypeLabel: Record<MeasureType, string> = {
  [MeasureType.INDUSTRY]: '产业',
  [MeasureType.EMPLOYMENT]: '就业',
  [MeasureType.FINANCE]: '金融',
  [MeasureType.PUBLIC_WELFARE_JOB]: '公益岗位',
  [MeasureType.HEALTH]: '健康',
  [MeasureType.COMPULSORY_EDUCATION]: '义务教育保障',
  [MeasureType.OTHER_EDUCATION]: '其他教育',
  [MeasureType.SOCIAL_SAFETY_NET]: '综合保障',
  [MeasureType.HOUSING_SAFETY]: '住房安全保障',
  [MeasureType.DRINKING_WATER]: '饮水安全保障',
  [MeasureType.SOCIAL_HELP]: '社会帮扶',
  [MeasureType.RELOCATION]: '搬迁',
  [MeasureType.LIVING_CONDITIONS]: '生产生活条件改善',
  [MeasureType.INFRASTRUCTURE]: '基础设施建设',
};

/** The four developmental (开发式) measures. */
export const DEVELOPMENTAL_MEASURE_TYPES: readonly MeasureType[] = Object.freeze([
  MeasureType.INDUSTRY,
  MeasureType.EMPLOYMENT,
  MeasureType.FINANCE,
  MeasureType.PUBLIC_WELFARE_JOB,
]);
