import { Text, View } from '@tarojs/components'
import { labelOf, RiskTypeLabel } from '@jiuzhu/shared/enums'
import type { Checklist, ResultSummary } from '../../../services/screening'
import { CHECKLIST_ITEMS } from '../../../services/screening'
import { CONTACT_MODE_LABELS, timeLabel } from '../labels'

/** The answers of one screening (last month's, this month's), read-only. */
export function ResultSummaryView({ result }: { result: Pick<ResultSummary, 'visitedAt' | 'contactMode' | 'anyoneHome' | 'checklist' | 'incomeChanged' | 'incomeNote' | 'riskTypes' | 'note'> }) {
  const problems = CHECKLIST_ITEMS.filter((item) => (result.checklist as Partial<Checklist>)[item.key] === false)
  return (
    <View className='summary'>
      <View className='summary-row'>
        <Text className='summary-label'>时间</Text>
        <Text className='summary-value'>
          {timeLabel(result.visitedAt)} · {labelOf(CONTACT_MODE_LABELS, result.contactMode)} · {result.anyoneHome ? '家中有人' : '家中无人'}
        </Text>
      </View>
      <View className='summary-row'>
        <Text className='summary-label'>三保障</Text>
        <Text className={`summary-value ${problems.length ? 'summary-value--bad' : ''}`}>
          {problems.length ? `有问题：${problems.map((item) => item.label).join('、')}` : '两不愁三保障和饮水安全均有保障'}
        </Text>
      </View>
      <View className='summary-row'>
        <Text className='summary-label'>收入</Text>
        <Text className='summary-value'>{result.incomeChanged ? `有变化${result.incomeNote ? `：${result.incomeNote}` : ''}` : '没有变化'}</Text>
      </View>
      <View className='summary-row'>
        <Text className='summary-label'>新增困难</Text>
        <Text className={`summary-value ${result.riskTypes.length ? 'summary-value--bad' : ''}`}>
          {result.riskTypes.length ? result.riskTypes.map((r) => labelOf(RiskTypeLabel, r)).join('、') : '无'}
        </Text>
      </View>
      {result.note ? (
        <View className='summary-row'>
          <Text className='summary-label'>备注</Text>
          <Text className='summary-value'>{result.note}</Text>
        </View>
      ) : null}
    </View>
  )
}
