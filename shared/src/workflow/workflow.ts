import { CaseAction, CaseActionLabel, CaseKind, CaseStatus, CaseStatusLabel } from '../enums/case.js';
import { Role, RoleLabel } from '../enums/role.js';
import { ELIMINATION_WORKFLOW, IDENTIFICATION_WORKFLOW, type Workflow, type WorkflowTransition } from './tables.js';

/** Every case status, in declaration order: the list for the database CHECK constraint. */
export const ALL_CASE_STATUSES: readonly CaseStatus[] = Object.freeze(Object.values(CaseStatus));

/** Every case action, in declaration order. */
export const ALL_CASE_ACTIONS: readonly CaseAction[] = Object.freeze(Object.values(CaseAction));

export function workflowOf(kind: CaseKind = CaseKind.IDENTIFICATION): Workflow {
  return kind === CaseKind.ELIMINATION ? ELIMINATION_WORKFLOW : IDENTIFICATION_WORKFLOW;
}

/** The table row for this status and action, or null when the status has no such action. */
export function transitionOf(
  status: CaseStatus,
  action: CaseAction,
  kind: CaseKind = CaseKind.IDENTIFICATION,
): WorkflowTransition | null {
  return workflowOf(kind).find((row) => row.from === status && row.action === action) ?? null;
}

export function canTransition(
  status: CaseStatus,
  action: CaseAction,
  role: Role,
  kind: CaseKind = CaseKind.IDENTIFICATION,
): boolean {
  const row = transitionOf(status, action, kind);
  return row !== null && row.roles.includes(role);
}

/** The target status of this action from this status (whatever the role), or null. */
export function nextStatus(
  status: CaseStatus,
  action: CaseAction,
  kind: CaseKind = CaseKind.IDENTIFICATION,
): CaseStatus | null {
  return transitionOf(status, action, kind)?.to ?? null;
}

export type WorkflowErrorCode = 'ACTION_NOT_ALLOWED_IN_STATUS' | 'ROLE_NOT_ALLOWED';

/** Thrown by assertTransition; `message` is Chinese and can be shown to the user as it is. */
export class WorkflowError extends Error {
  override readonly name = 'WorkflowError';

  constructor(
    readonly code: WorkflowErrorCode,
    message: string,
    readonly status: CaseStatus,
    readonly action: CaseAction,
    readonly role: Role,
    readonly kind: CaseKind,
  ) {
    super(message);
  }
}

function label<T extends string>(labels: Record<T, string>, value: T): string {
  return labels[value] ?? String(value);
}

/** Returns the target status, or throws a WorkflowError saying why the action is not allowed. */
export function assertTransition(
  status: CaseStatus,
  action: CaseAction,
  role: Role,
  kind: CaseKind = CaseKind.IDENTIFICATION,
): CaseStatus {
  const row = transitionOf(status, action, kind);
  if (row === null) {
    throw new WorkflowError(
      'ACTION_NOT_ALLOWED_IN_STATUS',
      `案件当前状态为“${label(CaseStatusLabel, status)}”，不能执行“${label(CaseActionLabel, action)}”`,
      status,
      action,
      role,
      kind,
    );
  }
  if (!row.roles.includes(role)) {
    throw new WorkflowError(
      'ROLE_NOT_ALLOWED',
      `“${label(RoleLabel, role)}”无权执行“${label(CaseActionLabel, action)}”`,
      status,
      action,
      role,
      kind,
    );
  }
  return row.to;
}

/** The actions this role may take in this status, in table order (the buttons to draw). */
export function availableActions(
  status: CaseStatus,
  role: Role,
  kind: CaseKind = CaseKind.IDENTIFICATION,
): CaseAction[] {
  return workflowOf(kind)
    .filter((row) => row.from === status && row.roles.includes(role))
    .map((row) => row.action);
}

/** The payload fields this action must carry, or [] when the workflow has no such action. */
export function requiredPayloadFields(action: CaseAction, kind: CaseKind = CaseKind.IDENTIFICATION): readonly string[] {
  return workflowOf(kind).find((row) => row.action === action)?.requires ?? [];
}

function isBlank(value: unknown): boolean {
  if (value === undefined || value === null) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  return false;
}

/**
 * Required fields the payload lacks: absent, null, blank strings and empty arrays count as missing
 * (a county confirmation with no risk types is not a confirmation). Values are checked elsewhere.
 */
export function missingPayloadFields(
  action: CaseAction,
  payload: Readonly<Record<string, unknown>> | null | undefined,
  kind: CaseKind = CaseKind.IDENTIFICATION,
): string[] {
  const fields = requiredPayloadFields(action, kind);
  return fields.filter((field) => isBlank(payload?.[field]));
}
