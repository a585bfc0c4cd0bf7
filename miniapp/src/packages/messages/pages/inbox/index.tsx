import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { LoadState } from '@kit/load-state'
import { Page } from '@kit/page'
import { pressProps } from '@kit/press-props'
import { useRemote } from '@kit/use-remote'
import { formatTime } from '../../../../services/dates'
import type { AppNotification } from '../../../../services/notifications'
import { fetchNotifications, markAllNotificationsRead, markNotificationRead } from '../../../../services/notifications'
import { notificationTarget } from '../../targets'
import './index.scss'

/** 消息: the in-app inbox, newest first; tapping a message marks it read and opens what it is about. */
export default function InboxPage() {
  const inbox = useRemote(() => fetchNotifications())
  const [busy, setBusy] = useState(false)
  const opening = useRef(0)

  usePullDownRefresh(() => {
    void inbox.reload().finally(() => Taro.stopPullDownRefresh())
  })

  function markLocally(ids: string[] | 'all') {
    const page = inbox.data
    if (!page) return
    const items = page.items.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, read: true } : n))
    const newlyRead = page.items.filter((n) => !n.read && (ids === 'all' || ids.includes(n.id))).length
    inbox.setData({ ...page, items, unreadCount: Math.max(0, page.unreadCount - newlyRead) })
  }

  function open(n: AppNotification) {
    const now = Date.now()
    if (now - opening.current < 800) return
    opening.current = now
    if (!n.read) {
      markLocally([n.id])
      // The badge may lag on a weak network; the next load corrects it.
      markNotificationRead(n.id).catch(() => undefined)
    }
    const url = notificationTarget(n)
    if (url) void Taro.navigateTo({ url })
  }

  async function readAll() {
    setBusy(true)
    try {
      await markAllNotificationsRead()
      markLocally('all')
    } catch {
      void Taro.showToast({ title: '没有成功，请稍后再试', icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  const page = inbox.data
  const unread = page?.unreadCount ?? 0
  return (
    <Page className='inbox-page'>
      <View className='inbox-head'>
        <Text className='page-title'>消息</Text>
        {page ? <Text className='inbox-count'>{unread ? `${unread}条未读` : '都已读'}</Text> : null}
      </View>
      <LoadState loading={inbox.loading && !page} error={inbox.error} onRetry={() => void inbox.reload()} />
      {unread ? (
        <Button className='big-button' size='large' block loading={busy} onClick={() => void readAll()}>
          全部标为已读
        </Button>
      ) : null}
      {page && !page.items.length ? (
        <View className='card'>
          <Text>还没有消息。申请每办一步，都会在这里告诉您。</Text>
        </View>
      ) : null}
      <View className='inbox-list' {...a11y({ role: 'list', 'aria-label': '消息列表' })}>
        {page?.items.map((n) => {
          const url = notificationTarget(n)
          const press = () => open(n)
          return (
            <View key={n.id} {...a11y({ role: 'listitem' })}>
              <View
                className={`card message ${n.read ? 'message--read' : 'message--unread'}`}
                onClick={press}
                {...pressProps(press, false)}
              >
                <View className='message-head'>
                  {!n.read ? <Text className='message-dot'>未读</Text> : null}
                  <Text className='message-title'>{n.title}</Text>
                </View>
                <Text className='message-body'>{n.body}</Text>
                <View className='message-foot'>
                  <Text className='message-time'>{formatTime(n.createdAt)}</Text>
                  {url ? <Text className='message-link'>查看 ›</Text> : null}
                </View>
              </View>
            </View>
          )
        })}
      </View>
    </Page>
  )
}
