// Page URLs of this app in one place, so a page moving to another subpackage changes one line. The pages
// both apps have (login, home, coming soon) are in @kit/pages.
export const ME_PAGE = '/pages/me/index'
export const BINDING_PAGE = '/packages/account/pages/binding/index'

// Village notices, hotline and policy answers (subpackages notices, hotline, policy).
export const NOTICES_PAGE = '/packages/notices/pages/list/index'
export const NOTICE_PAGE = '/packages/notices/pages/detail/index'
export const NEW_TICKET_PAGE = '/packages/hotline/pages/new/index'
export const MY_TICKETS_PAGE = '/packages/hotline/pages/list/index'
export const TICKET_PAGE = '/packages/hotline/pages/detail/index'
export const POLICY_PAGE = '/packages/policy/pages/answers/index'

export const noticeUrl = (id: string) => `${NOTICE_PAGE}?id=${encodeURIComponent(id)}`
export const ticketUrl = (id: string) => `${TICKET_PAGE}?id=${encodeURIComponent(id)}`
export const newTicketUrl = (kind: 'HELP' | 'COMPLAINT' | 'CONSULT') => `${NEW_TICKET_PAGE}?kind=${kind}`

// Requests for help (claims) and the message centre.
export const NEW_CLAIM_PAGE = '/packages/claims/pages/new/index'
export const CLAIM_CONSENT_PAGE = '/packages/claims/pages/consent/index'
export const MY_CLAIMS_PAGE = '/packages/claims/pages/list/index'
export const CLAIM_DETAIL_PAGE = '/packages/claims/pages/detail/index'
export const MESSAGES_PAGE = '/packages/messages/pages/inbox/index'

export const claimUrl = (id: string) => `${CLAIM_DETAIL_PAGE}?id=${encodeURIComponent(id)}`
