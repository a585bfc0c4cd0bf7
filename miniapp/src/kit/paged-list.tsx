import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { a11y } from './a11y'
import { LoadState } from './load-state'
import { Pager } from './pager'
import type { Remote } from './use-remote'

/** One page of a list as the API answers it. */
export interface PageOf<T> {
  items: T[]
  total: number
  page: number
  pageSize: number
}

interface PagedListProps<T> {
  /** The page's data from useRemote. */
  remote: Remote<PageOf<T>>
  /** Names the list and its pager for screen readers, e.g. 案件. */
  label: string
  /** The pager's name when it differs from the list's (报送批次 → 批次). */
  pagerLabel?: string
  /** The counting word of the total: 共 12 件 / 条 / 批. */
  unit: string
  /** Shown when the page has no items. */
  empty: string
  keyOf: (item: T) => string
  renderItem: (item: T) => ReactNode
  onPage: (page: number) => void
}

/** A paged list under its filters: 正在加载 / the error with 重试, 共 n 件, the items, the empty line and the pager. */
export function PagedList<T>({ remote, label, pagerLabel = label, unit, empty, keyOf, renderItem, onPage }: PagedListProps<T>) {
  const data = remote.data
  return (
    <>
      <LoadState loading={remote.loading && !data} error={remote.error} onRetry={remote.reload} />
      {data ? (
        <>
          <Text className='hint' {...a11y({ role: 'status' })}>
            {remote.loading ? '正在刷新…' : `共 ${data.total} ${unit}`}
          </Text>
          <View className='list' {...a11y({ role: 'list', 'aria-label': label })}>
            {data.items.map((item) => (
              <View key={keyOf(item)} {...a11y({ role: 'listitem' })}>
                {renderItem(item)}
              </View>
            ))}
          </View>
          {!data.items.length ? <Text className='empty'>{empty}</Text> : null}
          <Pager label={pagerLabel} page={data.page} pageSize={data.pageSize} total={data.total} onChange={onPage} />
        </>
      ) : null}
    </>
  )
}
