import { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { isLoggedIn } from '@kit/session'
import { fetchUnreadCount } from './notifications'

/** The unread messages badge, fetched each time the page shows (quietly: a badge is not worth a toast). */
export function useUnreadCount(): number {
  const [count, setCount] = useState(0)
  useDidShow(() => {
    if (isLoggedIn()) fetchUnreadCount().then(setCount, () => undefined)
  })
  return count
}
