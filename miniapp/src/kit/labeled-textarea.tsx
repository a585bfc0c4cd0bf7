import { Text, Textarea, View } from '@tarojs/components'
import { a11y } from './a11y'

interface LabeledTextareaProps {
  /** Unique on the page; ties the label, the hint, the count and the message to the field. */
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  onBlur?: () => void
  error?: string
  hint?: string
  placeholder?: string
  maxlength: number
}

/** A multi-line text field: label above, characters left below, the error message right under it. */
export function LabeledTextarea(props: LabeledTextareaProps) {
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
      <Textarea
        className='field-textarea'
        id={props.id}
        name={props.id}
        value={props.value}
        maxlength={props.maxlength}
        placeholder={props.placeholder}
        onInput={(event) => props.onChange(event.detail.value)}
        onBlur={() => props.onBlur?.()}
        nativeProps={{
          'aria-label': props.label,
          'aria-invalid': props.error ? 'true' : 'false',
          'aria-describedby': describedBy || undefined,
        }}
      />
      <Text className='field-count'>
        {props.value.length}/{props.maxlength} 字
      </Text>
      {props.error ? (
        <Text className='field-error' id={errorId} {...a11y({ role: 'alert' })}>
          {props.error}
        </Text>
      ) : null}
    </View>
  )
}
