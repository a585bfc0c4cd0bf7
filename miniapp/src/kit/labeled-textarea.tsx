import { Text, Textarea } from '@tarojs/components'
import { Field, fieldAria } from './field'

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
  return (
    <Field
      id={props.id}
      label={props.label}
      hint={props.hint}
      error={props.error}
      footer={
        <Text className='field-count'>
          {props.value.length}/{props.maxlength} 字
        </Text>
      }
    >
      <Textarea
        className='field-textarea'
        id={props.id}
        name={props.id}
        value={props.value}
        maxlength={props.maxlength}
        placeholder={props.placeholder}
        onInput={(event) => props.onChange(event.detail.value)}
        onBlur={() => props.onBlur?.()}
        nativeProps={fieldAria(props)}
      />
    </Field>
  )
}
