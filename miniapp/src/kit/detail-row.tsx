import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import './detail-row.scss'

/** One labelled fact of a detail page: the label on the left, the value (text or anything) on the right. */
export function DetailRow({ label, value, className }: { label: string; value: ReactNode; className?: string }) {
  return (
    <View className={`detail-row ${className ?? ''}`}>
      <Text className='detail-row-label'>{label}</Text>
      {typeof value === 'string' || typeof value === 'number' ? <Text className='detail-row-value'>{value}</Text> : <View className='detail-row-value'>{value}</View>}
    </View>
  )
}
