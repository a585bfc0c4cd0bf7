// Pages of the screening subpackage (registered in app.config.ts).
export const SCREENING_LIST_PAGE = '/packages/screening/pages/list/index'
export const SCREENING_HOUSEHOLD_PAGE = '/packages/screening/pages/household/index'
export const SCREENING_FORM_PAGE = '/packages/screening/pages/form/index'

export function householdUrl(taskId: string): string {
  return `${SCREENING_HOUSEHOLD_PAGE}?taskId=${encodeURIComponent(taskId)}`
}

export function formUrl(taskId: string): string {
  return `${SCREENING_FORM_PAGE}?taskId=${encodeURIComponent(taskId)}`
}
