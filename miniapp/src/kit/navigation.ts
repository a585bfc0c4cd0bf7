import Taro from '@tarojs/taro'

/**
 * Goes to the page at `url`: back to it when it is the page underneath (so the stack does not grow with
 * list → detail → list), else in place of the current page.
 */
export function backOrRedirect(url: string): void {
  const pages = Taro.getCurrentPages()
  const below = pages.length > 1 ? pages[pages.length - 2] : null
  const path = url.split('?')[0].replace(/^\//, '')
  if (below?.route?.replace(/^\//, '').split('?')[0] === path) void Taro.navigateBack()
  else void Taro.redirectTo({ url })
}
