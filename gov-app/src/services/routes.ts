// Pages of the case, hotline and household work areas (subpackages packages/cases, tickets, households).
export const CASE_INBOX_PAGE = '/packages/cases/pages/inbox/index'
export const CASE_DETAIL_PAGE = '/packages/cases/pages/detail/index'
export const CASE_ACTION_PAGE = '/packages/cases/pages/action/index'
export const CASE_BULK_PAGE = '/packages/cases/pages/bulk/index'
export const TICKET_LIST_PAGE = '/packages/tickets/pages/list/index'
export const TICKET_DETAIL_PAGE = '/packages/tickets/pages/detail/index'
export const HOUSEHOLD_SEARCH_PAGE = '/packages/households/pages/search/index'
export const HOUSEHOLD_DETAIL_PAGE = '/packages/households/pages/detail/index'

export const caseDetailUrl = (id: string) => `${CASE_DETAIL_PAGE}?id=${encodeURIComponent(id)}`
export const caseActionUrl = (id: string, action: string) =>
  `${CASE_ACTION_PAGE}?id=${encodeURIComponent(id)}&action=${encodeURIComponent(action)}`
export const ticketDetailUrl = (id: string) => `${TICKET_DETAIL_PAGE}?id=${encodeURIComponent(id)}`
export const householdDetailUrl = (id: string) => `${HOUSEHOLD_DETAIL_PAGE}?id=${encodeURIComponent(id)}`
