export enum HealthStatus {
  HEALTHY = 'HEALTHY',
  CHRONIC_ILLNESS = 'CHRONIC_ILLNESS',
  SERIOUS_ILLNESS = 'SERIOUS_ILLNESS',
  DISABLED = 'DISABLED',
}

export const HealthStatusLabel: Record<HealthStatus, string> = {
  [HealthStatus.HEALTHY]: '健康',
  [HealthStatus.CHRONIC_ILLNESS]: '长期慢性病',
  [HealthStatus.SERIOUS_ILLNESS]: '大病',
  [HealthStatus.DISABLED]: '残疾',
};

/** 劳动技能 */
export enum LabourCapacity {
  ORDINARY = 'ORDINARY',
  SKILLED = 'SKILLED',
  WEAK = 'WEAK',
  LOST = 'LOST',
  NONE = 'NONE',
}

export const LabourCapacityLabel: Record<LabourCapacity, string> = {
  [LabourCapacity.ORDINARY]: '普通劳动力',
  [LabourCapacity.SKILLED]: '技能劳动力',
  [LabourCapacity.WEAK]: '弱劳动力或半劳动力',
  [LabourCapacity.LOST]: '丧失劳动力',
  [LabourCapacity.NONE]: '无劳动力',
};

export enum Sex {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export const SexLabel: Record<Sex, string> = {
  [Sex.MALE]: '男',
  [Sex.FEMALE]: '女',
};

/** Relation to the head of the household. */
export enum Relation {
  HEAD = 'HEAD',
  SPOUSE = 'SPOUSE',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  GRANDCHILD = 'GRANDCHILD',
  GRANDPARENT = 'GRANDPARENT',
  SIBLING = 'SIBLING',
  CHILD_IN_LAW = 'CHILD_IN_LAW',
  OTHER = 'OTHER',
}

export const RelationLabel: Record<Relation, string> = {
  [Relation.HEAD]: '户主',
  [Relation.SPOUSE]: '配偶',
  [Relation.CHILD]: '子女',
  [Relation.PARENT]: '父母',
  [Relation.GRANDCHILD]: '孙子女',
  [Relation.GRANDPARENT]: '祖父母',
  [Relation.SIBLING]: '兄弟姐妹',
  [Relation.CHILD_IN_LAW]: '儿媳/女婿',
  [Relation.OTHER]: '其他',
};

/** 文化程度 */
export enum Education {
  NONE = 'NONE',
  PRIMARY = 'PRIMARY',
  JUNIOR = 'JUNIOR',
  SENIOR = 'SENIOR',
  VOCATIONAL = 'VOCATIONAL',
  COLLEGE = 'COLLEGE',
  PRESCHOOL = 'PRESCHOOL',
}

export const EducationLabel: Record<Education, string> = {
  [Education.NONE]: '文盲或半文盲',
  [Education.PRIMARY]: '小学',
  [Education.JUNIOR]: '初中',
  [Education.SENIOR]: '高中',
  [Education.VOCATIONAL]: '中职/高职',
  [Education.COLLEGE]: '大专及以上',
  [Education.PRESCHOOL]: '学龄前',
};

/** 在校生情况 */
export enum Schooling {
  NOT_IN_SCHOOL = 'NOT_IN_SCHOOL',
  PRESCHOOL = 'PRESCHOOL',
  PRIMARY = 'PRIMARY',
  JUNIOR = 'JUNIOR',
  SENIOR = 'SENIOR',
  VOCATIONAL = 'VOCATIONAL',
  HIGHER = 'HIGHER',
}

export const SchoolingLabel: Record<Schooling, string> = {
  [Schooling.NOT_IN_SCHOOL]: '非在校生',
  [Schooling.PRESCHOOL]: '学前教育',
  [Schooling.PRIMARY]: '小学',
  [Schooling.JUNIOR]: '初中',
  [Schooling.SENIOR]: '高中',
  [Schooling.VOCATIONAL]: '中职',
  [Schooling.HIGHER]: '高职/大学',
};

/** 低保 / 特困 */
export enum SafetyNetStatus {
  NONE = 'NONE',
  DIBAO = 'DIBAO',
  TEKUN = 'TEKUN',
}

export const SafetyNetStatusLabel: Record<SafetyNetStatus, string> = {
  [SafetyNetStatus.NONE]: '无',
  [SafetyNetStatus.DIBAO]: '低保',
  [SafetyNetStatus.TEKUN]: '特困',
};
