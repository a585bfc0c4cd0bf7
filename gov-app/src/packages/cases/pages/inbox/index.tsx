import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { CASE_STEPS, CaseStep, CaseStepLabel, Role } from '@jiuzhu/shared/enums'
import { useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { ChipGroup } from '@kit/chip-group'
import { LabeledInput } from '@kit/labeled-input'
import { Page } from '@kit/page'
import { PagedList } from '@kit/paged-list'
import { Toggle } from '@kit/toggle'
import { useReloadOn } from '@kit/use-reload-on'
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
  useReloadOn(`${view}|${overdue}|${q}|${page}|${role ?? ''}`, remote.reload)

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
      <PagedList
        remote={remote}
        label='案件'
        unit='件'
        empty={view === 'MINE' ? '没有等您办理的案件。' : '没有符合条件的案件。'}
        keyOf={(item) => item.id}
        renderItem={(item) => <CaseCard item={item} />}
        onPage={setPage}
      />
    </Page>
  )
}
