import { Text, View } from '@tarojs/components'
import { a11y } from '@kit/a11y'
import { pressProps } from '@kit/press-props'

export interface PairOption<T> {
  value: T
  label: string
  /** 'bad' draws the option in the warning colour when chosen (有问题, 有变化) */
  tone?: 'good' | 'bad'
}

interface AnswerPairProps<T> {
  id: string
  label: string
  hint?: string
  options: [PairOption<T>, PairOption<T>]
  value: T | null | undefined
  onChange: (value: T) => void
}

/** A question with two answers side by side, each a large touch target; announced as a radio group. */
export function AnswerPair<T extends string | boolean>({ id, label, hint, options, value, onChange }: AnswerPairProps<T>) {
  return (
    <View className='pair' {...a11y({ role: 'radiogroup', 'aria-labelledby': `${id}-label` })}>
      <View className='pair-text'>
        <Text className='pair-label' id={`${id}-label`}>
          {label}
        </Text>
        {hint ? <Text className='pair-hint'>{hint}</Text> : null}
      </View>
      <View className='pair-options'>
        {options.map((option) => {
          const checked = option.value === value
          const choose = () => onChange(option.value)
          return (
            <View
              key={String(option.value)}
              className={`pair-option ${checked ? `pair-option--checked pair-option--${option.tone ?? 'good'}` : ''}`}
              onClick={choose}
              {...pressProps(choose, false)}
              {...a11y({ role: 'radio', 'aria-checked': String(checked) })}
            >
              <Text>{option.label}</Text>
            </View>
          )
        })}
      </View>
    </View>
  )
}
