// Pages of the warnings work area (subpackage packages/warnings); kept apart so the workbench imports no service code.
export const WARNING_INBOX_PAGE = '/packages/warnings/pages/inbox/index'
export const WARNING_DETAIL_PAGE = '/packages/warnings/pages/detail/index'
export const warningDetailUrl = (id: string) => `${WARNING_DETAIL_PAGE}?id=${encodeURIComponent(id)}`
