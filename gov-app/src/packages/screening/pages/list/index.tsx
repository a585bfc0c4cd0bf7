import { Input, Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useRef, useState } from 'react'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { Page } from '@kit/page'
import { pressProps } from '@kit/press-props'
import { ApiError } from '@kit/request'
import { isLoggedIn, goToLogin } from '@kit/session'
import type { QueuedResult } from '../../../../services/screening-queue'
import { flushQueue } from '../../../../services/screening-queue'
import { downloadTasks } from '../../../../services/screening-store'
import type { LocalTaskStatus } from '../../../../services/use-screening'
import { localStatus, useScreeningState } from '../../../../services/use-screening'
import { TaskItem } from '../../components/task-item'
import { monthLabel, timeLabel } from '../../labels'
import { householdUrl } from '../../../../services/screening-routes'
import '../../screening.scss'

type Filter = 'TODO' | 'DONE' | 'CONFLICT' | 'ALL'

const FILTERS: { value: Filter; label: string }[] = [
  { value: 'TODO', label: '待筛查' },
  { value: 'DONE', label: '已完成' },
  { value: 'CONFLICT', label: '冲突' },
  { value: 'ALL', label: '全部' },
]

/** Which filter a task falls under: recorded ones (sent or waiting) count as done, refused ones as to do. */
function filterOf(status: LocalTaskStatus): Filter {
  if (status === 'DONE' || status === 'WAITING') return 'DONE'
  if (status === 'CONFLICT') return 'CONFLICT'
  return 'TODO'
}

const PAGE_SIZE = 20
/** A download older than this is refreshed when the page shows (and the network allows). */
const STALE_AFTER_MS = 10 * 60_000

/**
 * 本月筛查: the month's households of my grid kept on the phone (works with no network), how many are done, what
 * waits to be sent (待发送) with 立即发送, conflicts to settle; search by head or household number, filter by state.
 */
export default function ScreeningListPage() {
  const state = useScreeningState()
  const [filter, setFilter] = useState<Filter>('TODO')
  const [query, setQuery] = useState('')
  const [shown, setShown] = useState(PAGE_SIZE)
  const [downloading, setDownloading] = useState(false)
  const [sending, setSending] = useState(false)
  const [notice, setNotice] = useState('')
  const [downloadError, setDownloadError] = useState('')
  const opening = useRef(0)
  const busy = useRef(false)

  async function refresh(force: boolean) {
    if (!isLoggedIn() || busy.current) return
    const download = state.download
    const stale = !download || Date.now() - new Date(download.downloadedAt).getTime() > STALE_AFTER_MS
    if (!force && !stale) return
    busy.current = true
    setDownloading(true)
    setDownloadError('')
    try {
      // Results waiting on the phone go first, so the download shows them as done.
      const sent = await flushQueue()
      if (sent.stopped === 'AUTH') return
      await downloadTasks(state.accountId)
      if (force) setNotice('已下载本月最新任务')
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      const offline = e instanceof ApiError && e.status === 0
      setDownloadError(
        offline
          ? download
            ? `没有网络，显示的是${timeLabel(download.downloadedAt)}下载的任务，可以照常筛查。`
            : '没有网络，还没有下载本月任务。请连上网络后点“更新任务”。'
          : e instanceof Error
            ? e.message
            : '下载失败，请稍后重试',
      )
    } finally {
      busy.current = false
      setDownloading(false)
    }
  }

  useDidShow(() => {
    opening.current = 0
    if (!isLoggedIn()) {
      goToLogin()
      return
    }
    void refresh(false)
  })

  usePullDownRefresh(() => {
    void refresh(true).finally(() => Taro.stopPullDownRefresh())
  })

  async function sendNow() {
    setSending(true)
    setNotice('')
    try {
      const result = await flushQueue()
      if (result.stopped === 'NETWORK') setNotice(result.message)
      else if (result.stopped !== 'AUTH') {
        const parts = [`已发送 ${result.sent} 条`]
        if (result.conflicts) parts.push(`${result.conflicts} 条与他人修改冲突，请处理`)
        if (result.rejected) parts.push(`${result.rejected} 条未通过，请修改`)
        setNotice(parts.join('，'))
      }
    } finally {
      setSending(false)
    }
  }

  function open(taskId: string) {
    // one tap reaches both the card and its inner text
    const now = Date.now()
    if (now - opening.current < 800) return
    opening.current = now
    void Taro.navigateTo({ url: householdUrl(taskId) })
  }

  const queued = new Map<string, QueuedResult>(state.queue.map((item) => [item.taskId, item]))
  const rows = state.tasks.map((task) => ({ task, status: localStatus(task, queued.get(task.id)) }))
  const total = rows.length
  const done = rows.filter((row) => filterOf(row.status) === 'DONE').length
  const conflicts = rows.filter((row) => row.status === 'CONFLICT').length
  const waiting = state.queue.filter((item) => item.state === 'WAITING').length
  const refused = state.queue.filter((item) => item.state === 'REJECTED').length
  const counts: Record<Filter, number> = {
    TODO: rows.filter((row) => filterOf(row.status) === 'TODO').length,
    DONE: done,
    CONFLICT: conflicts,
    ALL: total,
  }
  const q = query.trim()
  const matching = rows.filter(
    (row) =>
      (filter === 'ALL' || filterOf(row.status) === filter) &&
      (!q || (row.task.household.headName ?? '').includes(q) || row.task.household.householdNumber.includes(q)),
  )
  const month = state.download?.month || state.tasks[0]?.month || ''

  return (
    <Page className='screening-page'>
      <View className='card screening-head' {...a11y({ role: 'region', 'aria-label': '本月进度' })}>
        <Text className='screening-month'>{monthLabel(month)} 筛查</Text>
        <View className='counts'>
          <View className='count'>
            <Text className='count-value'>
              {done} / {total}
            </Text>
            <Text className='count-label'>已完成</Text>
          </View>
          <View className='count'>
            <Text className={`count-value ${waiting ? 'count-value--waiting' : ''}`}>{waiting}</Text>
            <Text className='count-label'>待发送</Text>
          </View>
          <View className='count'>
            <Text className={`count-value ${conflicts ? 'count-value--bad' : ''}`}>{conflicts}</Text>
            <Text className='count-label'>冲突</Text>
          </View>
        </View>
        <Text className='screening-status' {...a11y({ role: 'status' })}>
          {`待发送 ${waiting} 条`}
          {refused ? `，未通过 ${refused} 条` : ''}
        </Text>
        {waiting ? (
          <Button className='big-button' type='primary' size='large' block loading={sending} onClick={sendNow}>
            立即发送
          </Button>
        ) : null}
        {notice ? (
          <Text className='hint screening-notice' {...a11y({ role: 'status' })}>
            {notice}
          </Text>
        ) : null}
        <Text className='hint'>
          {state.download ? `任务下载于 ${timeLabel(state.download.downloadedAt)}，没有网络也能筛查。` : '还没有下载本月任务。'}
        </Text>
        <Button className='big-button' size='large' block loading={downloading} onClick={() => void refresh(true)}>
          更新任务
        </Button>
      </View>

      {downloadError ? (
        <Text className='form-error' {...a11y({ role: 'alert' })}>
          {downloadError}
        </Text>
      ) : null}

      <View className='field'>
        <Text className='field-label' id='screening-search-label'>
          查找农户
        </Text>
        <Input
          className='field-input'
          id='screening-search'
          value={query}
          placeholder='户主姓名或户编号'
          maxlength={40}
          onInput={(event) => {
            setQuery(event.detail.value)
            setShown(PAGE_SIZE)
          }}
          nativeProps={{ 'aria-label': '查找农户（户主姓名或户编号）' }}
        />
      </View>

      <View className='filters' {...a11y({ role: 'group', 'aria-label': '按状态筛选' })}>
        {FILTERS.map((option) => {
          const pressed = option.value === filter
          const choose = () => {
            setFilter(option.value)
            setShown(PAGE_SIZE)
          }
          return (
            <View
              key={option.value}
              className={`filter ${pressed ? 'filter--pressed' : ''}`}
              onClick={choose}
              {...pressProps(choose, false)}
              {...a11y({ 'aria-pressed': String(pressed) })}
            >
              <Text>
                {option.label} {counts[option.value]}
              </Text>
            </View>
          )
        })}
      </View>

      <View {...a11y({ role: 'list', 'aria-label': '农户' })}>
        {matching.slice(0, shown).map((row) => (
          <TaskItem key={row.task.id} task={row.task} status={row.status} queued={queued.get(row.task.id) ?? null} onOpen={() => open(row.task.id)} />
        ))}
      </View>
      {!matching.length && !downloading ? (
        <Text className='hint empty'>{total ? '没有符合条件的农户。' : state.download ? '本月没有需要筛查的农户。' : ''}</Text>
      ) : null}
      {matching.length > shown ? (
        <Button className='big-button' size='large' block onClick={() => setShown(shown + PAGE_SIZE)}>
          {`加载更多（还有 ${matching.length - shown} 户）`}
        </Button>
      ) : null}
    </Page>
  )
}
