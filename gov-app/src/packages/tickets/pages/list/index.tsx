import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { TicketKind, TicketKindLabel } from '@jiuzhu/shared/enums'
import { ChipGroup } from '@kit/chip-group'
import { Page } from '@kit/page'
import { PagedList } from '@kit/paged-list'
import { pressProps } from '@kit/press-props'
import { Toggle } from '@kit/toggle'
import { useReloadOn } from '@kit/use-reload-on'
import { useRemote } from '@kit/use-remote'
import { formatDay, formatTime } from '../../../../services/format'
import { ticketDetailUrl } from '../../../../services/routes'
import { listTickets, TICKET_STATUS_LABEL, type TicketStatus, type TicketSummary } from '../../../../services/tickets'
import '../../tickets.scss'

type StatusFilter = 'ALL' | TicketStatus
type KindFilter = 'ALL' | TicketKind

const STATUS_OPTIONS: { value: StatusFilter; label: string }[] = [
  { value: 'ALL', label: '全部' },
  ...(['OPEN', 'ACKNOWLEDGED', 'CLOSED'] as TicketStatus[]).map((value) => ({ value: value as StatusFilter, label: TICKET_STATUS_LABEL[value] })),
]
const KIND_OPTIONS: { value: KindFilter; label: string }[] = [
  { value: 'ALL', label: '全部' },
  ...Object.values(TicketKind).map((value) => ({ value: value as KindFilter, label: TicketKindLabel[value] })),
]

function TicketCard({ item }: { item: TicketSummary }) {
  const open = () => void Taro.navigateTo({ url: ticketDetailUrl(item.id) })
  const late = item.ackOverdue
  return (
    <View className={`ticket-card ${late ? 'ticket-card--late' : ''}`} onClick={open} {...pressProps(open, false)}>
      <View className='ticket-card-head'>
        <Text className='ticket-card-subject'>{item.subject}</Text>
        <Text className='badge'>{item.statusLabel}</Text>
      </View>
      <Text className='ticket-card-meta'>
        {item.kindLabel} · {item.requester.name}
        {item.channel === 'PHONE' ? '（来电）' : ''} · {formatTime(item.createdAt)}
      </Text>
      <Text className='ticket-card-meta'>
        {item.regionName}
        {item.assignedTo ? ` · 交${item.assignedTo.name}办理` : ''}
      </Text>
      {item.status === 'OPEN' ? (
        <Text className={`deadline ${late ? 'deadline--late' : ''}`}>
          {late ? `⚠ 已超过受理期限（${formatDay(item.ackDueDate)}）` : `请在${formatDay(item.ackDueDate)}前受理`}
        </Text>
      ) : null}
    </View>
  )
}

/** 热线工单: the tickets of my region, open and overdue first; by status, kind, overdue, handed to me; paged. */
export default function TicketListPage() {
  const [status, setStatus] = useState<StatusFilter>('ALL')
  const [kind, setKind] = useState<KindFilter>('ALL')
  const [overdue, setOverdue] = useState(false)
  const [mine, setMine] = useState(false)
  const [page, setPage] = useState(1)
  const remote = useRemote(() =>
    listTickets({ status: status === 'ALL' ? undefined : status, kind: kind === 'ALL' ? undefined : kind, overdue, assignedToMe: mine, page }),
  )
  useReloadOn(`${status}|${kind}|${overdue}|${mine}|${page}`, remote.reload)
  const first = <T,>(set: (value: T) => void) => (value: T) => {
    set(value)
    setPage(1)
  }

  return (
    <Page className='ticket-list-page'>
      <Text className='page-title'>热线工单</Text>
      <ChipGroup id='ticket-status' label='状态' options={STATUS_OPTIONS} value={[status]} onChange={([v]) => first(setStatus)(v)} />
      <ChipGroup id='ticket-kind' label='类型' options={KIND_OPTIONS} value={[kind]} onChange={([v]) => first(setKind)(v)} />
      <Toggle label='只看超期未受理' checked={overdue} onChange={first(setOverdue)} />
      <Toggle label='只看交给我办理的' checked={mine} onChange={first(setMine)} />
      <PagedList
        remote={remote}
        label='工单'
        unit='件'
        empty='没有符合条件的工单。'
        keyOf={(item) => item.id}
        renderItem={(item) => <TicketCard item={item} />}
        onPage={setPage}
      />
    </Page>
  )
}
