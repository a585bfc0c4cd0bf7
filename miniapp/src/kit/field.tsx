import type { ReactNode } from 'react'
import { Text, View } from '@tarojs/components'
import { a11y } from './a11y'

export interface FieldFrameProps {
  /** Unique on the page; ties the label, the hint and the message to the control. */
  id: string
  label: string
  error?: string
  hint?: string
}

/** The H5 attributes of a field's inner control, so screen readers and tests find it by its label and message. */
export function fieldAria(props: FieldFrameProps) {
  const describedBy = [props.error ? `${props.id}-error` : '', props.hint ? `${props.id}-hint` : ''].filter(Boolean).join(' ')
  return {
    'aria-label': props.label,
    'aria-invalid': props.error ? 'true' : 'false',
    'aria-describedby': describedBy || undefined,
  }
}

/** Label above, optional hint, the control, optional footer, and the error message right under it. */
export function Field(props: FieldFrameProps & { children: ReactNode; footer?: ReactNode }) {
  return (
    <View className='field'>
      <Text className='field-label' id={`${props.id}-label`}>
        {props.label}
      </Text>
      {props.hint ? (
        <Text className='hint' id={`${props.id}-hint`}>
          {props.hint}
        </Text>
      ) : null}
      {props.children}
      {props.footer}
      {props.error ? (
        <Text className='field-error' id={`${props.id}-error`} {...a11y({ role: 'alert' })}>
          {props.error}
        </Text>
      ) : null}
    </View>
  )
}
