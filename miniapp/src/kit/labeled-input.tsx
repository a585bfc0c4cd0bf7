import { Input } from '@tarojs/components'
import type { InputProps } from '@tarojs/components'
import { Field, fieldAria } from './field'

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
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error}>
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
        nativeProps={fieldAria(props)}
      />
    </Field>
  )
}
