import { Text, View } from '@tarojs/components'
import { a11y } from './a11y'
import { pressProps } from './press-props'
import './chip-group.scss'

export interface ChipOption<T extends string> {
  value: T
  label: string
  /** greyed out and not selectable (a reason may be given in the group's hint) */
  disabled?: boolean
}

interface ChipGroupProps<T extends string> {
  /** Unique on the page; ties the label, the hint and the message to the group. */
  id: string
  label: string
  options: ChipOption<T>[]
  value: T[]
  onChange: (value: T[]) => void
  /** several may be chosen (checkboxes); otherwise exactly one (radios) */
  multiple?: boolean
  hint?: string
  error?: string
}

/**
 * A few to a dozen short options as large chips that wrap: one of them (a radio group) or several (checkboxes).
 * For filters and for the options of a form (risk types, measure types, the surveyors).
 */
export function ChipGroup<T extends string>({ id, label, options, value, onChange, multiple, hint, error }: ChipGroupProps<T>) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  return (
    <View className='field chip-field'>
      <Text className='field-label' id={`${id}-label`}>
        {label}
      </Text>
      {hint ? (
        <Text className='hint' id={`${id}-hint`}>
          {hint}
        </Text>
      ) : null}
      <View
        className='chip-group'
        id={id}
        {...a11y({
          role: multiple ? 'group' : 'radiogroup',
          'aria-labelledby': `${id}-label`,
          ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        })}
      >
        {options.map((option) => {
          const checked = value.includes(option.value)
          const toggle = () => {
            if (option.disabled) return
            if (!multiple) onChange([option.value])
            else onChange(checked ? value.filter((v) => v !== option.value) : [...value, option.value])
          }
          return (
            <View
              key={option.value}
              className={`chip ${checked ? 'chip--checked' : ''} ${option.disabled ? 'chip--disabled' : ''}`}
              onClick={toggle}
              {...pressProps(toggle, !!option.disabled)}
              {...a11y({
                role: multiple ? 'checkbox' : 'radio',
                'aria-checked': String(checked),
                ...(option.disabled ? { 'aria-disabled': 'true' } : {}),
              })}
            >
              {checked ? <Text className='chip-mark'>✓</Text> : null}
              <Text className='chip-label'>{option.label}</Text>
            </View>
          )
        })}
      </View>
      {error ? (
        <Text className='field-error' id={`${id}-error`} {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
