import { Text } from '@tarojs/components'
import { a11y } from './a11y'

/** The message of a failed form or login, announced to screen readers; nothing when there is none. */
export function FormError({ message }: { message: string }) {
  if (!message) return null
  return (
    <Text className='form-error' {...a11y({ role: 'alert' })}>
      {message}
    </Text>
  )
}
