import { CaseStatus, OPEN_CASE_STATUSES } from '@jiuzhu/shared';

const DAY_MS = 86_400_000;

/** Whole days from date a to date b ('YYYY-MM-DD'), negative when b is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export const isOpenStatus = (status: CaseStatus) => OPEN_CASE_STATUSES.includes(status);

export interface DeadlineFacts {
  daysLeft: number | null;
  overdue: boolean;
  analysisOverdue: boolean;
}

/**
 * Deadline facts of a case on `today` (China date from the Clock): the decision is due by the end of the due
 * date, so a case due today has 0 days left and is not overdue yet. Closed cases have no days left.
 */
export function deadlineFacts(
  c: { status: CaseStatus; dueDate: string; analysisDueDate: string },
  today: string,
): DeadlineFacts {
  const open = isOpenStatus(c.status);
  return {
    daysLeft: open ? daysBetween(today, c.dueDate) : null,
    overdue: open && today > c.dueDate,
    analysisOverdue: c.status === CaseStatus.DECLARED && today > c.analysisDueDate,
  };
}
