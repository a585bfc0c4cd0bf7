// Pages both apps have, at the same paths (the kit navigates to them).
export const LOGIN_PAGE = '/pages/login/index'
export const HOME_PAGE = '/pages/index/index'
export const COMING_SOON_PAGE = '/packages/common/pages/coming-soon/index'

export function comingSoonUrl(title: string): string {
  return `${COMING_SOON_PAGE}?title=${encodeURIComponent(title)}`
}
