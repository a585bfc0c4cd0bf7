import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { WarningSeverity, WarningSeverityLabel, WarningStatus, WarningStatusLabel } from '@jiuzhu/shared/enums'
import { Button } from '@kit/button'
import { ChipGroup } from '@kit/chip-group'
import { LabeledInput } from '@kit/labeled-input'
import { Page } from '@kit/page'
import { PagedList } from '@kit/paged-list'
import { useReloadOn } from '@kit/use-reload-on'
import { useRemote } from '@kit/use-remote'
import { listDatasets, MONTH_PATTERN, type Dataset } from '../../../../services/exchange'
import { listWarnings } from '../../../../services/warnings'
import { WarningCard } from '../../components/warning-card'
import '../../warnings.scss'

type StatusView = 'OPEN' | 'ALL' | WarningStatus

const STATUS_OPTIONS: { value: StatusView; label: string }[] = [
  { value: 'OPEN', label: '未办结' },
  ...Object.values(WarningStatus).map((status) => ({ value: status as StatusView, label: WarningStatusLabel[status] })),
  { value: 'ALL', label: '全部' },
]

const SEVERITY_OPTIONS: { value: 'ALL' | WarningSeverity; label: string }[] = [
  { value: 'ALL', label: '全部' },
  ...Object.values(WarningSeverity).map((severity) => ({ value: severity as 'ALL' | WarningSeverity, label: WarningSeverityLabel[severity] })),
]

function statusesOf(view: StatusView): WarningStatus[] | undefined {
  if (view === 'ALL') return undefined
  if (view === 'OPEN') return [WarningStatus.NEW, WarningStatus.VERIFYING]
  return [view]
}

/**
 * 预警: the department warnings of my region (the server puts high severity first, then the newest); by status
 * (default: not yet settled), data source, severity and month, searched by household number or head's name; paged.
 */
export default function WarningInboxPage() {
  const [status, setStatus] = useState<StatusView>('OPEN')
  const [dataset, setDataset] = useState('ALL')
  const [severity, setSeverity] = useState<'ALL' | WarningSeverity>('ALL')
  const [typedMonth, setTypedMonth] = useState('')
  const [typedQ, setTypedQ] = useState('')
  const [month, setMonth] = useState('')
  const [q, setQ] = useState('')
  const [monthError, setMonthError] = useState('')
  const [page, setPage] = useState(1)
  const [datasets, setDatasets] = useState<Dataset[]>([])

  useEffect(() => {
    // The data sources to filter by; without them the filter is left out (the list still works).
    listDatasets(true).then(setDatasets, () => setDatasets([]))
  }, [])

  const remote = useRemote(() =>
    listWarnings({
      statuses: statusesOf(status),
      dataset: dataset === 'ALL' ? undefined : dataset,
      severity: severity === 'ALL' ? undefined : severity,
      month,
      q,
      page,
    }),
  )
  useReloadOn(`${status}|${dataset}|${severity}|${month}|${q}|${page}`, remote.reload)

  const first = <T,>(set: (value: T) => void) => (value: T) => {
    set(value)
    setPage(1)
  }
  const search = () => {
    const m = typedMonth.trim()
    if (m && !MONTH_PATTERN.test(m)) {
      setMonthError('月份格式应为 年-月，如 2025-06')
      return
    }
    setMonthError('')
    setMonth(m)
    setQ(typedQ.trim())
    setPage(1)
  }
  const datasetOptions = [{ value: 'ALL', label: '全部' }, ...datasets.map((d) => ({ value: d.code, label: `${d.departmentLabel}·${d.name}` }))]

  return (
    <Page className='warning-inbox-page'>
      <Text className='page-title'>预警</Text>
      <Text className='hint'>行业部门数据比对发现的风险线索，请核实后排除或转为申报。</Text>
      <View className='filters'>
        <ChipGroup id='warning-status' label='状态' options={STATUS_OPTIONS} value={[status]} onChange={([v]) => first(setStatus)(v)} />
        <ChipGroup id='warning-severity' label='级别' options={SEVERITY_OPTIONS} value={[severity]} onChange={([v]) => first(setSeverity)(v)} />
        {datasets.length ? (
          <ChipGroup id='warning-dataset' label='数据来源' options={datasetOptions} value={[dataset]} onChange={([v]) => first(setDataset)(v)} />
        ) : null}
        <LabeledInput
          id='warning-month'
          label='数据月份'
          placeholder='如 2025-06，不填为全部'
          value={typedMonth}
          maxlength={7}
          error={monthError}
          onChange={(value) => {
            setTypedMonth(value)
            setMonthError('')
          }}
        />
        <View className='search-row'>
          <LabeledInput id='warning-search' label='农户' placeholder='户编号或户主姓名' value={typedQ} onChange={setTypedQ} />
          <Button className='search-button' size='large' onClick={search}>
            搜索
          </Button>
        </View>
      </View>
      <PagedList
        remote={remote}
        label='预警'
        unit='条'
        empty={status === 'OPEN' ? '没有待处理的预警。' : '没有符合条件的预警。'}
        keyOf={(item) => item.id}
        renderItem={(item) => <WarningCard item={item} />}
        onPage={setPage}
      />
    </Page>
  )
}
