import {
  DatasetColumnType,
  DepartmentLabel,
  labelOf,
  maskName,
  RelationLabel,
  RiskTypeLabel,
  Role,
  WarningAction,
  WarningSeverityLabel,
  WarningStatus,
  WarningStatusLabel,
  type Department,
  type HouseholdType,
  type MonitoringType,
  type RiskType,
  type WarningSeverity,
} from '@jiuzhu/shared';
import type { ExchangeDataset } from '../exchange/entities/exchange-dataset.entity.js';
import type { WarningDto, WarningEvidenceFieldDto } from './dto/warning.dto.js';

/** A warning row as the list and detail queries read it (the warning, its rule's name, the household summary). */
export interface WarningRow {
  id: string;
  county_code: string;
  region_code: string;
  household_id: string;
  member_id: string | null;
  rule_id: string;
  dataset: string;
  month: string;
  severity: WarningSeverity;
  risk_type: RiskType;
  evidence: Record<string, unknown>;
  status: WarningStatus;
  dismiss_reason: string | null;
  case_id: string | null;
  handled_at: Date | null;
  created_at: Date;
  version: number;
  rule_name: string;
  household_number: string;
  household_type: HouseholdType;
  monitoring_type: MonitoringType | null;
  head_name: string | null;
  member_name: string | null;
  member_relation: string | null;
}

/** Who may take which action on a warning (the server checks the same). */
export const WARNING_ACTION_ROLES: Record<WarningAction, readonly Role[]> = {
  [WarningAction.VERIFY]: [Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER],
  [WarningAction.DISMISS]: [Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER],
  [WarningAction.OPEN_CASE]: [Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER],
};

/** The statuses each action starts from. */
export const WARNING_ACTION_FROM: Record<WarningAction, readonly WarningStatus[]> = {
  [WarningAction.VERIFY]: [WarningStatus.NEW],
  [WarningAction.DISMISS]: [WarningStatus.NEW, WarningStatus.VERIFYING],
  [WarningAction.OPEN_CASE]: [WarningStatus.NEW, WarningStatus.VERIFYING],
};

export function allowedWarningActions(status: WarningStatus, role: Role): WarningAction[] {
  return Object.values(WarningAction).filter((action) => WARNING_ACTION_FROM[action].includes(status) && WARNING_ACTION_ROLES[action].includes(role));
}

/** The department record as evidence, column by column: the ID number stays masked, the name is masked here. */
export function evidenceOf(evidence: Record<string, unknown>, dataset: ExchangeDataset | undefined): WarningEvidenceFieldDto[] {
  if (!dataset) return Object.entries(evidence).map(([key, value]) => ({ key, label: key, value: key === 'name' ? maskName(String(value)) : String(value) }));
  const out: WarningEvidenceFieldDto[] = [];
  for (const column of dataset.columns) {
    const raw = column.type === DatasetColumnType.ID_NUMBER ? evidence.idNumber : evidence[column.key];
    if (raw === undefined || raw === null || raw === '') continue;
    let value = String(raw);
    if (column.key === 'name') value = maskName(value);
    if (column.type === DatasetColumnType.BOOLEAN) value = raw === true ? '是' : '否';
    out.push({ key: column.key, label: column.header, value });
  }
  return out;
}

const DAY_MS = 86_400_000;

/** The one shape a warning leaves the server in: masked names, no ID number beyond its masked form. */
export function mapWarning(
  row: WarningRow,
  context: { role: Role; now: Date; dataset: ExchangeDataset | undefined; caseNumber: string | null },
): WarningDto {
  const department = (context.dataset?.department ?? '') as Department;
  return {
    id: row.id,
    status: row.status,
    statusLabel: labelOf(WarningStatusLabel, row.status),
    severity: row.severity,
    severityLabel: labelOf(WarningSeverityLabel, row.severity),
    riskType: row.risk_type,
    riskTypeLabel: labelOf(RiskTypeLabel, row.risk_type),
    ruleId: row.rule_id,
    ruleName: row.rule_name,
    dataset: row.dataset,
    datasetName: context.dataset?.name ?? row.dataset,
    department,
    departmentLabel: labelOf(DepartmentLabel, department),
    month: row.month,
    regionCode: row.region_code,
    household: {
      id: row.household_id,
      householdNumber: row.household_number,
      headName: maskName(row.head_name),
      regionCode: row.region_code,
      householdType: row.household_type,
      monitoringType: row.monitoring_type,
    },
    member: row.member_id
      ? { id: row.member_id, name: maskName(row.member_name), relation: labelOf(RelationLabel, row.member_relation) }
      : null,
    evidence: evidenceOf(row.evidence, context.dataset),
    dismissReason: row.dismiss_reason,
    caseId: row.case_id,
    caseNumber: context.caseNumber,
    handledAt: row.handled_at ? new Date(row.handled_at).toISOString() : null,
    daysSinceRaised: Math.max(0, Math.floor((context.now.getTime() - new Date(row.created_at).getTime()) / DAY_MS)),
    createdAt: new Date(row.created_at).toISOString(),
    version: row.version,
    allowedActions: allowedWarningActions(row.status, context.role),
  };
}

/** Masked snapshot for the audit log. */
export function warningAuditSnapshot(row: Pick<WarningRow, 'status' | 'dismiss_reason' | 'case_id' | 'version' | 'rule_id' | 'month' | 'household_id'>) {
  return { status: row.status, dismissReason: row.dismiss_reason, caseId: row.case_id, version: row.version, ruleId: row.rule_id, month: row.month, householdId: row.household_id };
}
