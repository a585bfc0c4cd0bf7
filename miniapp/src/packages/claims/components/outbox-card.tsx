import { Text, View } from '@tarojs/components'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import type { OutboxItem } from '../../../services/claim-outbox'
import { formatTime } from '../../../services/dates'
import { difficultyLabel } from '../difficulty'

interface OutboxCardProps {
  item: OutboxItem
  sending: boolean
  onResend: () => void
  onCorrect: () => void
  onDiscard: () => void
}

/** A request still on the phone: 待发送 (no network yet) or 未能提交 (the server refused it: correct and send). */
export function OutboxCard({ item, sending, onResend, onCorrect, onDiscard }: OutboxCardProps) {
  const refused = item.state === 'REFUSED'
  const who = item.payload.subject ? `替${item.payload.subject.name}申请` : '为我家申请'
  return (
    <View className='card claim-card outbox-card'>
      <View className='claim-card-head'>
        <Text className='claim-card-title'>{difficultyLabel(item.payload.difficultyKind)}</Text>
        <Text className={`badge ${refused ? 'badge--refused' : 'badge--waiting'}`}>{refused ? '未能提交' : '待发送'}</Text>
      </View>
      <Text className='claim-who'>{who}</Text>
      <Text className='claim-date'>填写时间：{formatTime(item.queuedAt)}</Text>
      <Text className='outbox-text' {...a11y({ role: 'status' })}>
        {refused
          ? item.error || '申请没有被受理，请修改后再提交。'
          : '还没有发出去（没有网络）。有网络时会自动发送，同一份申请只会提交一次。'}
      </Text>
      {refused ? (
        <View>
          <Button className='big-button' type='primary' size='large' block onClick={onCorrect}>
            修改后再提交
          </Button>
          <Button className='big-button' size='large' block onClick={onDiscard}>
            不要这份申请了
          </Button>
        </View>
      ) : (
        <Button className='big-button' type='primary' size='large' block loading={sending} onClick={onResend}>
          重新发送
        </Button>
      )}
    </View>
  )
}
