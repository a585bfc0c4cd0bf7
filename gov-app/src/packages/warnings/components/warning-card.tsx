import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { pressProps } from '@kit/press-props'
import { formatMonth, raisedAgo, warningDetailUrl, type Warning } from '../../../services/warnings'

/** 级别：高 — the severity in words (a colour is only a second cue); `bare` without 级别： where a label says it. */
export function SeverityText({ warning, bare }: { warning: Pick<Warning, 'severity' | 'severityLabel'>; bare?: boolean }) {
  const high = warning.severity === 'HIGH'
  return (
    <Text className={`severity severity--${warning.severity.toLowerCase()}`}>
      {high ? '⚠ ' : ''}
      {bare ? '' : '级别：'}
      {warning.severityLabel}
    </Text>
  )
}

/** One warning of the inbox: the household (masked), the rule, the department, severity, month, days since raised. */
export function WarningCard({ item }: { item: Warning }) {
  const open = () => void Taro.navigateTo({ url: warningDetailUrl(item.id) })
  return (
    <View className={`warning-card warning-card--${item.severity.toLowerCase()}`} onClick={open} {...pressProps(open, false)}>
      <View className='warning-card-head'>
        <Text className='warning-card-name'>
          {item.household.headName}户 · {item.household.householdNumber}
        </Text>
        <Text className='badge'>{item.statusLabel}</Text>
      </View>
      <Text className='warning-card-line'>{item.ruleName}</Text>
      <Text className='warning-card-meta'>
        {item.departmentLabel} · {item.datasetName}
      </Text>
      <View className='warning-card-meta'>
        <SeverityText warning={item} />
        <Text>
          {' '}
          · {formatMonth(item.month)}数据 · {raisedAgo(item.daysSinceRaised)}
        </Text>
      </View>
    </View>
  )
}
