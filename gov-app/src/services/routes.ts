// Page URLs in one place, so a page moving to another subpackage changes one line.
export { HOME_PAGE, LOGIN_PAGE } from './session'
export const COMING_SOON_PAGE = '/packages/common/pages/coming-soon/index'

export function comingSoonUrl(title: string): string {
  return `${COMING_SOON_PAGE}?title=${encodeURIComponent(title)}`
}
