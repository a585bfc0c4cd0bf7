import { Text, View } from '@tarojs/components'
import { a11y } from './a11y'
import { pressProps } from './press-props'

interface ToggleProps {
  label: string
  /** One line under the label: what turning it on does. */
  description?: string
  checked: boolean
  onChange: (checked: boolean) => void
}

/** An on/off switch as one large row (the whole row is the touch target), announced as a switch. */
export function Toggle({ label, description, checked, onChange }: ToggleProps) {
  const toggle = () => onChange(!checked)
  return (
    <View
      className={`toggle ${checked ? 'toggle--on' : ''}`}
      onClick={toggle}
      {...pressProps(toggle, false)}
      {...a11y({ role: 'switch', 'aria-checked': String(checked), 'aria-label': label })}
    >
      <View className='toggle-text'>
        <Text className='toggle-label'>{label}</Text>
        {description ? <Text className='toggle-description'>{description}</Text> : null}
      </View>
      <View className='toggle-track'>
        <Text className='toggle-state'>{checked ? '开' : '关'}</Text>
        <View className='toggle-thumb' />
      </View>
    </View>
  )
}
