import { Text, View } from '@tarojs/components'
import { a11y } from '@kit/a11y'

/** A bar with its percentage in words too (screen readers get a progressbar with the value). */
export function ProgressBar({ label, percent, text }: { label: string; percent: number; text: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)))
  return (
    <View className='progress'>
      <View
        className='progress-track'
        {...a11y({ role: 'progressbar', 'aria-label': label, 'aria-valuemin': '0', 'aria-valuemax': '100', 'aria-valuenow': String(value) })}
      >
        <View className='progress-bar' style={{ width: `${value}%` }} />
      </View>
      <Text className='progress-text'>{text}</Text>
    </View>
  )
}
