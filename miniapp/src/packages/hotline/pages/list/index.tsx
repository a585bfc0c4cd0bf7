import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@kit/button'
import { LoadState } from '@kit/load-state'
import { Page } from '@kit/page'
import { pressProps } from '@kit/press-props'
import { useRemote } from '@kit/use-remote'
import { formatTime } from '../../../../services/dates'
import { NEW_TICKET_PAGE, ticketUrl } from '../../../../services/routes'
import { unreadAbout } from '../../../../services/notifications'
import { listMyTickets } from '../../../../services/tickets'
import type { TicketSummary } from '../../../../services/tickets'
import '../../hotline.scss'
import './index.scss'

function TicketCard({ ticket, fresh }: { ticket: TicketSummary; fresh: boolean }) {
  const open = () => void Taro.navigateTo({ url: ticketUrl(ticket.id) })
  const replies = ticket.replyCount > 0 ? `${ticket.replyCount}条回复` : '还没有回复'
  return (
    <View
      className='card ticket-card'
      onClick={open}
      {...pressProps(open, false)}
    >
      <View className='ticket-card-head'>
        <Text className='kind-badge'>{ticket.kindLabel}</Text>
        {fresh ? <Text className='fresh-badge'>有新回复</Text> : null}
        <Text className={`status status--${ticket.status.toLowerCase()}`}>{ticket.statusLabel}</Text>
      </View>
      <Text className='ticket-card-subject'>{ticket.subject}</Text>
      <Text className='ticket-card-meta'>
        {formatTime(ticket.createdAt)} · {replies}
      </Text>
    </View>
  )
}

export default function MyTicketsPage() {
  const tickets = useRemote(listMyTickets)
  // 新回复: unread messages about a ticket (a reply, or its closing); a failure only hides the marks
  const unread = useRemote(() => unreadAbout('ticketId').catch(() => new Map<string, string[]>()))
  const items = tickets.data ?? []
  return (
    <Page className='tickets-page'>
      <Text className='page-title'>我的留言</Text>
      <Text className='hint tickets-intro'>您提的求助、投诉和咨询，以及工作人员的回复。</Text>
      <LoadState loading={tickets.loading && !tickets.data} error={tickets.error} onRetry={tickets.reload} />
      {tickets.data && items.length === 0 ? (
        <View className='card'>
          <Text>您还没有留言。</Text>
        </View>
      ) : null}
      {items.map((ticket) => (
        <TicketCard key={ticket.id} ticket={ticket} fresh={Boolean(unread.data?.has(ticket.id))} />
      ))}
      <Button className='big-button' type='primary' size='large' block onClick={() => Taro.navigateTo({ url: NEW_TICKET_PAGE })}>
        我要留言
      </Button>
    </Page>
  )
}
