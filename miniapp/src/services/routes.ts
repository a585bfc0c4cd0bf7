// Page URLs of this app in one place, so a page moving to another subpackage changes one line. The pages
// both apps have (login, home, coming soon) are in @kit/pages.
export const ME_PAGE = '/pages/me/index'
export const BINDING_PAGE = '/packages/account/pages/binding/index'
