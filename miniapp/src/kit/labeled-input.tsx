import { Input, Text, View } from '@tarojs/components'
import type { InputProps } from '@tarojs/components'
import { a11y } from './a11y'

interface LabeledInputProps {
  /** Unique on the page; used to tie the label and the message to the field. */
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  error?: string
  hint?: string
  placeholder?: string
  type?: InputProps['type']
  password?: boolean
  maxlength?: number
}

/** A text field with its label above it and its error message right below it. */
export function LabeledInput(props: LabeledInputProps) {
  const errorId = `${props.id}-error`
  const hintId = `${props.id}-hint`
  const describedBy = [props.error ? errorId : '', props.hint ? hintId : ''].filter(Boolean).join(' ')
  return (
    <View className='field'>
      <Text className='field-label' id={`${props.id}-label`}>
        {props.label}
      </Text>
      {props.hint ? (
        <Text className='hint' id={hintId}>
          {props.hint}
        </Text>
      ) : null}
      <Input
        className='field-input'
        id={props.id}
        name={props.id}
        value={props.value}
        type={props.type}
        password={props.password}
        maxlength={props.maxlength ?? 140}
        placeholder={props.placeholder}
        onInput={(event) => props.onChange(event.detail.value)}
        onBlur={() => props.onBlur?.()}
        // H5: the inner <input> gets these, so screen readers and tests find it by its label.
        nativeProps={{
          'aria-label': props.label,
          'aria-invalid': props.error ? 'true' : 'false',
          'aria-describedby': describedBy || undefined,
        }}
      />
      {props.error ? (
        <Text className='field-error' id={errorId} {...a11y({ role: 'alert' })}>
          {props.error}
        </Text>
      ) : null}
    </View>
  )
}
