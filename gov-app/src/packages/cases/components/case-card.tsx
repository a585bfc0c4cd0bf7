import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { CASE_STEPS, CaseSourceLabel, CaseStatusLabel, CaseStepLabel, labelOf } from '@jiuzhu/shared/enums'
import { pressProps } from '@kit/press-props'
import type { CaseSummary } from '../../../services/cases'
import { deadlineText } from '../../../services/format'
import { caseDetailUrl } from '../../../services/routes'

/** 第3步 实地调查 */
export function stepText(step: CaseSummary['step']): string {
  if (!step) return '已结束'
  return `第${CASE_STEPS.indexOf(step) + 1}步 ${labelOf(CaseStepLabel, step)}`
}

/** The village (and grid) of a region path 州市 县 乡镇 村 网格. */
export function placeOf(regionName: string): string {
  return regionName.split(' ').slice(3).join(' ') || regionName
}

/** One case of a list: who, which step, where it came from, the deadline (late ones say so in words and red). */
export function CaseCard({ item }: { item: CaseSummary }) {
  const deadline = deadlineText(item)
  const open = () => void Taro.navigateTo({ url: caseDetailUrl(item.id) })
  return (
    <View className={`case-card ${deadline.late ? 'case-card--late' : ''}`} onClick={open} {...pressProps(open, false)}>
      <View className='case-card-head'>
        <Text className='case-card-name'>{item.subjectName || '（未登记户）'}</Text>
        <Text className='badge'>{labelOf(CaseStatusLabel, item.status)}</Text>
      </View>
      <Text className='case-card-line'>{stepText(item.step)}</Text>
      <Text className='case-card-meta'>
        来源：{labelOf(CaseSourceLabel, item.source)} · {placeOf(item.regionName)}
      </Text>
      <Text className='case-card-meta'>案件编号 {item.caseNumber}</Text>
      <Text className={`deadline ${deadline.late ? 'deadline--late' : ''}`}>
        {deadline.late ? '⚠ ' : ''}
        {deadline.text}
      </Text>
    </View>
  )
}
