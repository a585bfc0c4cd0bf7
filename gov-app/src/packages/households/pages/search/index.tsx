import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { HouseholdType, HouseholdTypeLabel, labelOf, MonitoringType, MonitoringTypeLabel } from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { ChipGroup } from '@kit/chip-group'
import { fieldErrorsOf, formErrorOf } from '@kit/field-errors'
import { FormError } from '@kit/form-error'
import { LabeledInput } from '@kit/labeled-input'
import { Page } from '@kit/page'
import { Pager } from '@kit/pager'
import { pressProps } from '@kit/press-props'
import { ApiError } from '@kit/request'
import type { Paged } from '../../../../services/query'
import { type HouseholdFilters, type HouseholdSummary, searchHouseholds, searchProblem } from '../../../../services/households'
import { householdDetailUrl } from '../../../../services/routes'
import '../../households.scss'

type TypeFilter = 'ALL' | HouseholdType
type MonitoringFilter = 'ALL' | MonitoringType

const TYPE_OPTIONS: { value: TypeFilter; label: string }[] = [
  { value: 'ALL', label: '全部' },
  ...Object.values(HouseholdType).map((value) => ({ value: value as TypeFilter, label: HouseholdTypeLabel[value] })),
]
const MONITORING_OPTIONS: { value: MonitoringFilter; label: string }[] = [
  { value: 'ALL', label: '全部' },
  ...Object.values(MonitoringType).map((value) => ({ value: value as MonitoringFilter, label: MonitoringTypeLabel[value] })),
]

function HouseholdCard({ item }: { item: HouseholdSummary }) {
  const open = () => void Taro.navigateTo({ url: householdDetailUrl(item.id) })
  return (
    <View className='household-card' onClick={open} {...pressProps(open, false)}>
      <View className='ticket-card-head'>
        <Text className='household-card-name'>{item.headName ?? '（无户主）'}</Text>
        <Text className='badge'>{item.monitoringType ? labelOf(MonitoringTypeLabel, item.monitoringType) : labelOf(HouseholdTypeLabel, item.householdType)}</Text>
      </View>
      <Text className='meta'>户编号 {item.householdNumber}</Text>
      <Text className='meta'>
        {item.regionName.split(' ').slice(3).join(' ')} · {item.memberCount}人
      </Text>
    </View>
  )
}

/**
 * 农户查询: by a member's name (3 characters at least, from the start), or an exact ID number, mobile number or
 * household number (the server looks these up by their keyed hash); filtered by household and monitoring type; paged.
 */
export default function HouseholdSearchPage() {
  const [typed, setTyped] = useState('')
  const [type, setType] = useState<TypeFilter>('ALL')
  const [monitoring, setMonitoring] = useState<MonitoringFilter>('ALL')
  const [error, setError] = useState('')
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<Paged<HouseholdSummary> | null>(null)
  const [sent, setSent] = useState<HouseholdFilters | null>(null)

  async function run(filters: HouseholdFilters) {
    setBusy(true)
    setFormError('')
    try {
      setResult(await searchHouseholds(filters))
      setSent(filters)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      setError(fieldErrorsOf(e).q ?? '')
      setFormError(formErrorOf(e, '查询失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  function search(next: { type?: TypeFilter; monitoring?: MonitoringFilter } = {}) {
    const problem = searchProblem(typed)
    setError(problem)
    if (problem) return
    const t = next.type ?? type
    const m = next.monitoring ?? monitoring
    void run({
      q: typed.trim() || undefined,
      type: t === 'ALL' ? undefined : t,
      monitoringType: m === 'ALL' ? undefined : m,
      page: 1,
    })
  }

  return (
    <Page className='household-search-page'>
      <Text className='page-title'>农户查询</Text>
      <FormError message={formError} />
      <View className='search-row'>
        <LabeledInput
          id='household-q'
          label='姓名或证件号码'
          hint='姓名至少3个字；或完整的身份证号、手机号、户编号'
          value={typed}
          maxlength={50}
          error={error}
          onChange={(value) => {
            setTyped(value)
            if (error && !searchProblem(value)) setError('')
          }}
        />
        <Button className='search-button' type='primary' size='large' loading={busy} onClick={() => search()}>
          查询
        </Button>
      </View>
      <ChipGroup
        id='household-type'
        label='户类型'
        options={TYPE_OPTIONS}
        value={[type]}
        onChange={([value]) => {
          setType(value)
          if (result) search({ type: value })
        }}
      />
      <ChipGroup
        id='household-monitoring'
        label='监测类型'
        options={MONITORING_OPTIONS}
        value={[monitoring]}
        onChange={([value]) => {
          setMonitoring(value)
          if (result) search({ monitoring: value })
        }}
      />
      {result ? (
        <>
          <Text className='hint' {...a11y({ role: 'status' })}>
            {busy ? '正在查询…' : `找到 ${result.total} 户`}
          </Text>
          <View className='list' {...a11y({ role: 'list', 'aria-label': '农户' })}>
            {result.items.map((item) => (
              <View key={item.id} {...a11y({ role: 'listitem' })}>
                <HouseholdCard item={item} />
              </View>
            ))}
          </View>
          {!result.items.length ? <Text className='empty'>没有找到符合条件的农户。</Text> : null}
          <Pager label='农户' page={result.page} pageSize={result.pageSize} total={result.total} onChange={(page) => sent && void run({ ...sent, page })} />
        </>
      ) : (
        <Text className='hint'>输入后点“查询”；不输入直接查询，列出辖区内全部农户。</Text>
      )}
    </Page>
  )
}
