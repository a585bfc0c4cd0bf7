import { Text, View } from '@tarojs/components'
import { a11y } from './a11y'
import { Button } from './button'

interface LoadStateProps {
  loading: boolean
  /** The failed load's Chinese message; empty when it did not fail. */
  error: string
  onRetry: () => void
}

/** While a page's data loads: 正在加载; when it failed: the message and 重试. Nothing otherwise. */
export function LoadState({ loading, error, onRetry }: LoadStateProps) {
  if (error) {
    return (
      <View className='card load-error'>
        <Text className='form-error' {...a11y({ role: 'alert' })}>
          {error}
        </Text>
        <Button size='large' block onClick={onRetry}>
          重试
        </Button>
      </View>
    )
  }
  if (loading) {
    return (
      <Text className='hint load-busy' {...a11y({ role: 'status' })}>
        正在加载…
      </Text>
    )
  }
  return null
}
