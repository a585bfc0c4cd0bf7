// Department and DepartmentLabel (the ten departments) live in ./ticket.js.

/** A department batch's progress: queued, rows being read and staged, matched against the registry, done or failed. */
export enum ExchangeBatchStatus {
  QUEUED = 'QUEUED',
  PARSING = 'PARSING',
  MATCHING = 'MATCHING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

export const ExchangeBatchStatusLabel: Record<ExchangeBatchStatus, string> = {
  [ExchangeBatchStatus.QUEUED]: '排队中',
  [ExchangeBatchStatus.PARSING]: '读取校验中',
  [ExchangeBatchStatus.MATCHING]: '比对中',
  [ExchangeBatchStatus.DONE]: '已完成',
  [ExchangeBatchStatus.FAILED]: '处理失败',
};

/** The types a dataset column may declare (a value in the file is checked against it). */
export enum DatasetColumnType {
  ID_NUMBER = 'idNumber',
  STRING = 'string',
  INTEGER = 'integer',
  DECIMAL = 'decimal',
  DATE = 'date',
  MONTH = 'month',
  ENUM = 'enum',
  BOOLEAN = 'boolean',
}

/** 部门预警: new, being verified by the village, dismissed with a reason, or turned into a case. */
export enum WarningStatus {
  NEW = 'NEW',
  VERIFYING = 'VERIFYING',
  DISMISSED = 'DISMISSED',
  CASE_OPENED = 'CASE_OPENED',
}

export const WarningStatusLabel: Record<WarningStatus, string> = {
  [WarningStatus.NEW]: '待核实',
  [WarningStatus.VERIFYING]: '核实中',
  [WarningStatus.DISMISSED]: '已排除',
  [WarningStatus.CASE_OPENED]: '已立案',
};

/** A warning that is still open (one per household, rule and month). */
export const OPEN_WARNING_STATUSES: readonly WarningStatus[] = Object.freeze([WarningStatus.NEW, WarningStatus.VERIFYING]);

export enum WarningSeverity {
  HIGH = 'HIGH',
  MEDIUM = 'MEDIUM',
  LOW = 'LOW',
}

export const WarningSeverityLabel: Record<WarningSeverity, string> = {
  [WarningSeverity.HIGH]: '高',
  [WarningSeverity.MEDIUM]: '中',
  [WarningSeverity.LOW]: '低',
};

/** The actions on a warning (POST /warnings/:id/actions). */
export enum WarningAction {
  VERIFY = 'verify',
  DISMISS = 'dismiss',
  OPEN_CASE = 'open-case',
}

export const WarningActionLabel: Record<WarningAction, string> = {
  [WarningAction.VERIFY]: '开始核实',
  [WarningAction.DISMISS]: '排除',
  [WarningAction.OPEN_CASE]: '立案',
};
