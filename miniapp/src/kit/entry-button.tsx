import { Text, View } from '@tarojs/components'
import { Button } from './button'

interface EntryButtonProps {
  title: string
  description: string
  block?: boolean
  onClick: () => void
}

/** A big entry of a home page: title and one line of description, announced as one button. */
export function EntryButton({ title, description, block, onClick }: EntryButtonProps) {
  return (
    <Button className='entry-button' size='xlarge' block={block} onClick={onClick}>
      <View className='entry-content'>
        <Text className='entry-title'>{title}</Text>
        <Text className='entry-description'>{description}</Text>
      </View>
    </Button>
  )
}
