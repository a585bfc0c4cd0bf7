import { Text, View } from '@tarojs/components'
import { a11y } from './a11y'
import { pressProps } from './press-props'

export interface Choice<T extends string> {
  value: T
  label: string
  description?: string
}

interface ChoiceGroupProps<T extends string> {
  id: string
  label: string
  choices: Choice<T>[]
  value: T | null
  onChange: (value: T) => void
  error?: string
}

/** One of a few options as large rows, announced as a radio group with its label. */
export function ChoiceGroup<T extends string>({ id, label, choices, value, onChange, error }: ChoiceGroupProps<T>) {
  return (
    <View className='field'>
      <Text className='field-label' id={`${id}-label`}>
        {label}
      </Text>
      <View className='choice-group' {...a11y({ role: 'radiogroup', 'aria-labelledby': `${id}-label` })}>
        {choices.map((choice) => {
          const checked = choice.value === value
          const choose = () => onChange(choice.value)
          return (
            <View
              key={choice.value}
              className={`choice ${checked ? 'choice--checked' : ''}`}
              onClick={choose}
              {...pressProps(choose, false)}
              // after pressProps: a radio, not a button
              {...a11y({ role: 'radio', 'aria-checked': String(checked) })}
            >
              <View className='choice-mark' />
              <View className='choice-text'>
                <Text className='choice-label'>{choice.label}</Text>
                {choice.description ? <Text className='choice-description'>{choice.description}</Text> : null}
              </View>
            </View>
          )
        })}
      </View>
      {error ? (
        <Text className='field-error' {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
