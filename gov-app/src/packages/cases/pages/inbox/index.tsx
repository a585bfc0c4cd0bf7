import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { CASE_STEPS, CaseStep, CaseStepLabel, Role } from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import { useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { ChipGroup } from '@kit/chip-group'
import { LabeledInput } from '@kit/labeled-input'
import { LoadState } from '@kit/load-state'
import { Page } from '@kit/page'
import { Pager } from '@kit/pager'
import { Toggle } from '@kit/toggle'
import { useRemote } from '@kit/use-remote'
import { listCases, statusesActedOnBy } from '../../../../services/cases'
import { CASE_BULK_PAGE } from '../../../../services/routes'
import { CaseCard } from '../../components/case-card'
import '../../cases.scss'

type InboxView = 'MINE' | 'ALL' | CaseStep

const VIEW_OPTIONS: { value: InboxView; label: string }[] = [
  { value: 'MINE', label: '我的待办' },
  ...CASE_STEPS.slice(1).map((step) => ({ value: step as InboxView, label: CaseStepLabel[step] })),
  { value: 'ALL', label: '全部' },
]

/**
 * 待办案件: the cases of my region. By default the ones waiting for my role (the statuses my role acts on in the
 * shared workflow table); or one of the steps, or all. Overdue ones only; search by name or case number; paged.
 */
export default function CaseInboxPage() {
  const me = useAccount({ quiet: true })
  const [view, setView] = useState<InboxView>('MINE')
  const [overdue, setOverdue] = useState(false)
  const [typed, setTyped] = useState('')
  const [q, setQ] = useState('')
  const [page, setPage] = useState(1)
  const role = me?.role
  const mine = role ? statusesActedOnBy(role) : []

  const remote = useRemote(() =>
    listCases({
      statuses: view === 'MINE' && mine.length ? mine : undefined,
      open: view === 'MINE' ? true : undefined,
      step: view !== 'MINE' && view !== 'ALL' ? view : undefined,
      overdue,
      q,
      page,
    }),
  )
  const key = `${view}|${overdue}|${q}|${page}|${role ?? ''}`
  const [loadedKey, setLoadedKey] = useState(key)
  useEffect(() => {
    if (key === loadedKey) return
    setLoadedKey(key)
    void remote.reload()
  }, [key, loadedKey, remote])

  const data = remote.data
  const search = () => {
    setQ(typed.trim())
    setPage(1)
  }

  return (
    <Page className='case-inbox-page'>
      <Text className='page-title'>待办案件</Text>
      {role === Role.TOWNSHIP_REVIEWER ? (
        <Button className='big-button' type='primary' size='large' block onClick={() => Taro.navigateTo({ url: CASE_BULK_PAGE })}>
          批量审核（可批量同意的案件）
        </Button>
      ) : null}
      <View className='filters'>
        <ChipGroup
          id='inbox-view'
          label='显示'
          options={VIEW_OPTIONS}
          value={[view]}
          onChange={([next]) => {
            setView(next)
            setPage(1)
          }}
        />
        <Toggle
          label='只看超期'
          description='超过15天期限仍未办结的案件'
          checked={overdue}
          onChange={(on) => {
            setOverdue(on)
            setPage(1)
          }}
        />
        <View className='search-row'>
          <LabeledInput id='inbox-search' label='搜索' placeholder='当事人姓名或案件编号' value={typed} onChange={setTyped} />
          <Button className='search-button' size='large' onClick={search}>
            搜索
          </Button>
        </View>
      </View>
      <LoadState loading={remote.loading && !data} error={remote.error} onRetry={remote.reload} />
      {data ? (
        <>
          <Text className='hint' {...a11y({ role: 'status' })}>
            {remote.loading ? '正在刷新…' : `共 ${data.total} 件`}
          </Text>
          <View className='list' {...a11y({ role: 'list', 'aria-label': '案件' })}>
            {data.items.map((item) => (
              <View key={item.id} {...a11y({ role: 'listitem' })}>
                <CaseCard item={item} />
              </View>
            ))}
          </View>
          {!data.items.length ? <Text className='empty'>{view === 'MINE' ? '没有等您办理的案件。' : '没有符合条件的案件。'}</Text> : null}
          <Pager label='案件' page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
        </>
      ) : null}
    </Page>
  )
}
