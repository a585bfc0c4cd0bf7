import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { WarningStatus, WarningStatusLabel } from '@jiuzhu/shared/enums'
import { Button } from '@kit/button'
import { ChipGroup } from '@kit/chip-group'
import { Page } from '@kit/page'
import { PagedList } from '@kit/paged-list'
import { useReloadOn } from '@kit/use-reload-on'
import { useRemote } from '@kit/use-remote'
import { formatTime } from '../../../../services/format'
import { listFeedback, MONTH_PATTERN, type FeedbackItem } from '../../../../services/exchange'
import { formatMonth } from '../../../../services/warnings'
import { DatasetFilter } from '../../components/dataset-filter'
import { MonthField, monthProblem } from '../../components/month-field'
import '../../exchange.scss'

const STATUS_OPTIONS: { value: '' | WarningStatus; label: string }[] = [
  { value: '', label: '全部' },
  ...Object.values(WarningStatus).map((status) => ({ value: status as '' | WarningStatus, label: WarningStatusLabel[status] })),
]

function FeedbackCard({ item }: { item: FeedbackItem }) {
  return (
    <View className='feedback-card'>
      <View className='card-head'>
        <Text className='card-name'>{item.idNumber}</Text>
        <Text className='badge'>{item.statusLabel}</Text>
      </View>
      <Text className='card-line'>{item.ruleName}</Text>
      <Text className='card-line'>核实结论：{item.verdict || '尚未核实完毕'}</Text>
      {item.caseNumber && !item.verdict.includes(item.caseNumber) ? (
        <Text className='card-meta'>
          案件 {item.caseNumber}
          {item.caseStatusLabel ? `（${item.caseStatusLabel}）` : ''}
        </Text>
      ) : null}
      <Text className='card-meta'>
        {formatMonth(item.month)}数据 · 文件第 {item.rowNumber} 行{item.batchId ? ` · 批次号 ${item.batchId}` : ''}
      </Text>
      <Text className='card-meta'>
        预警于 {formatTime(item.raisedAt)}
        {item.handledAt ? ` · 办理于 ${formatTime(item.handledAt)}` : ''}
      </Text>
    </View>
  )
}

/**
 * 核实反馈: the warnings raised from my department's records and what the villages found (排除 with the reason, or
 * 已立案 with the case and its progress); by dataset, month and status; paged. No household details beyond the
 * masked ID number and the row of the file.
 */
export default function ExchangeFeedbackPage() {
  const { params } = useRouter()
  const [dataset, setDataset] = useState(params.dataset ?? '')
  const initialMonth = params.month && MONTH_PATTERN.test(params.month) ? params.month : ''
  const [typedMonth, setTypedMonth] = useState(initialMonth)
  const [month, setMonth] = useState(initialMonth)
  const [monthError, setMonthError] = useState('')
  const [status, setStatus] = useState<'' | WarningStatus>('')
  const [page, setPage] = useState(1)
  const remote = useRemote(() => listFeedback({ dataset: dataset || undefined, month: month || undefined, status: status || undefined, page }))
  useReloadOn(`${dataset}|${status}|${month}|${page}`, remote.reload)
  const first = <T,>(set: (value: T) => void) => (value: T) => {
    set(value)
    setPage(1)
  }
  const applyMonth = () => {
    const problem = monthProblem(typedMonth, false)
    setMonthError(problem)
    if (problem) return
    setMonth(typedMonth.trim())
    setPage(1)
  }

  return (
    <Page className='exchange-feedback-page'>
      <Text className='page-title'>核实反馈</Text>
      <Text className='hint'>本部门报送的数据产生的预警，以及村（社区）的核实结论。</Text>
      <View className='filters'>
        <DatasetFilter id='feedback-dataset' value={dataset} onChange={first(setDataset)} />
        <ChipGroup id='feedback-status' label='状态' options={STATUS_OPTIONS} value={[status]} onChange={([v]) => first(setStatus)(v)} />
        <View className='search-row'>
          <MonthField id='feedback-month' label='数据月份' placeholder='如 2025-06，不填为全部' value={typedMonth} error={monthError || undefined} onChange={(v) => (setTypedMonth(v), setMonthError(''))} />
          <Button className='search-button' size='large' onClick={applyMonth}>
            筛选
          </Button>
        </View>
      </View>
      <PagedList
        remote={remote}
        label='核实反馈'
        pagerLabel='反馈'
        unit='条'
        empty='没有符合条件的反馈。'
        keyOf={(item) => item.warningId}
        renderItem={(item) => <FeedbackCard item={item} />}
        onPage={setPage}
      />
    </Page>
  )
}
