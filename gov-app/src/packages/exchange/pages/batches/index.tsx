import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { ExchangeBatchStatus, ExchangeBatchStatusLabel } from '@jiuzhu/shared/enums'
import { Button } from '@kit/button'
import { ChipGroup } from '@kit/chip-group'
import { Page } from '@kit/page'
import { PagedList } from '@kit/paged-list'
import { pressProps } from '@kit/press-props'
import { useReloadOn } from '@kit/use-reload-on'
import { useRemote } from '@kit/use-remote'
import { formatTime } from '../../../../services/format'
import { batchUrl, EXCHANGE_UPLOAD_PAGE, isRunning, listBatches, type Batch } from '../../../../services/exchange'
import { formatMonth } from '../../../../services/warnings'
import { DatasetFilter } from '../../components/dataset-filter'
import { MonthField, monthProblem } from '../../components/month-field'
import '../../exchange.scss'

const STATUS_OPTIONS: { value: '' | ExchangeBatchStatus; label: string }[] = [
  { value: '', label: '全部' },
  ...Object.values(ExchangeBatchStatus).map((status) => ({ value: status as '' | ExchangeBatchStatus, label: ExchangeBatchStatusLabel[status] })),
]

function BatchCard({ item }: { item: Batch }) {
  const open = () => void Taro.navigateTo({ url: batchUrl(item.id) })
  const failed = item.status === 'FAILED'
  return (
    <View className={`batch-card ${failed ? 'batch-card--failed' : ''}`} onClick={open} {...pressProps(open, false)}>
      <View className='card-head'>
        <Text className='card-name'>
          {item.datasetName} · {formatMonth(item.month)}
        </Text>
        <Text className='badge'>
          {failed ? '⚠ ' : ''}
          {item.statusLabel}
        </Text>
      </View>
      <Text className='card-line'>{item.fileName}</Text>
      <Text className='card-meta'>
        {isRunning(item)
          ? `已处理 ${item.progress.rowsProcessed} 行`
          : `收到 ${item.counts.received} 行 · 错误 ${item.counts.invalid} 行 · 未匹配 ${item.counts.unmatched} 人 · 预警 ${item.counts.warnings} 条`}
      </Text>
      <Text className='card-meta'>报送于 {formatTime(item.createdAt)}</Text>
    </View>
  )
}

/** 我的报送: the batches of my department (administrators: all), newest first; by dataset, month and status; paged. */
export default function ExchangeBatchesPage() {
  const [dataset, setDataset] = useState('')
  const [status, setStatus] = useState<'' | ExchangeBatchStatus>('')
  const [typedMonth, setTypedMonth] = useState('')
  const [month, setMonth] = useState('')
  const [monthError, setMonthError] = useState('')
  const [page, setPage] = useState(1)
  const remote = useRemote(() => listBatches({ dataset: dataset || undefined, month: month || undefined, status: status || undefined, page }))
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
    <Page className='exchange-batches-page'>
      <Text className='page-title'>我的报送</Text>
      <Button className='big-button' type='primary' size='large' block onClick={() => Taro.navigateTo({ url: EXCHANGE_UPLOAD_PAGE })}>
        报送新数据
      </Button>
      <View className='filters'>
        <DatasetFilter id='batches-dataset' value={dataset} onChange={first(setDataset)} />
        <ChipGroup id='batches-status' label='状态' options={STATUS_OPTIONS} value={[status]} onChange={([v]) => first(setStatus)(v)} />
        <View className='search-row'>
          <MonthField id='batches-month' label='数据月份' placeholder='如 2025-06，不填为全部' value={typedMonth} error={monthError || undefined} onChange={(v) => (setTypedMonth(v), setMonthError(''))} />
          <Button className='search-button' size='large' onClick={applyMonth}>
            筛选
          </Button>
        </View>
      </View>
      <PagedList
        remote={remote}
        label='报送批次'
        pagerLabel='批次'
        unit='批'
        empty='没有符合条件的批次。'
        keyOf={(item) => item.id}
        renderItem={(item) => <BatchCard item={item} />}
        onPage={setPage}
      />
    </Page>
  )
}
