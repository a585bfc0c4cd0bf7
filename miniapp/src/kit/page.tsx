import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { LARGE_TEXT_CLASS, useLargeText } from './text-size'

/**
 * The root of every page: the `page` styles of kit.scss plus the large-text class when the mode is on (the
 * weapp has no element shared by all pages, so each page's root carries it).
 */
export function Page({ className, children }: PropsWithChildren<{ className?: string }>) {
  const large = useLargeText()
  const classes = ['page', className, large ? LARGE_TEXT_CLASS : ''].filter(Boolean).join(' ')
  return <View className={classes}>{children}</View>
}
