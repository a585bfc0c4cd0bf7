import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { fieldErrorsOf, formErrorOf } from '@kit/field-errors'
import { FormError } from '@kit/form-error'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { LoadState } from '@kit/load-state'
import { backOrRedirect } from '@kit/navigation'
import { Page } from '@kit/page'
import { ApiError } from '@kit/request'
import { useDraft } from '@kit/use-draft'
import { useRemote } from '@kit/use-remote'
import { formatDay, formatTime } from '../../../../services/dates'
import { markReadAbout } from '../../../../services/notifications'
import { MY_TICKETS_PAGE } from '../../../../services/routes'
import { closeTicket, getTicket, replyToTicket } from '../../../../services/tickets'
import type { TicketDetail } from '../../../../services/tickets'
import '../../hotline.scss'
import './index.scss'

const REPLY_MAX = 2000
const CLOSE_REASON_MAX = 500

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='detail-row'>
      <Text className='detail-label'>{label}</Text>
      <Text className='detail-value'>{value}</Text>
    </View>
  )
}

function Message({ author, body, time, mine }: { author: string; body: string; time: string; mine: boolean }) {
  return (
    <View className={`message ${mine ? 'message--mine' : 'message--cadre'}`} {...a11y({ role: 'listitem' })}>
      <Text className='message-author'>
        {author} · {formatTime(time)}
      </Text>
      <Text className='message-body'>{body}</Text>
    </View>
  )
}

function ReplyBox({ ticket, onSent }: { ticket: TicketDetail; onSent: (ticket: TicketDetail) => void }) {
  const [draft, update, clear] = useDraft(`ticket-reply.${ticket.id}`, { body: '' })
  const [error, setError] = useState('')
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)

  async function send() {
    const missing = draft.body.trim() ? '' : '请先写好要说的话'
    setError(missing)
    setFormError('')
    if (missing) return
    setBusy(true)
    try {
      const updated = await replyToTicket(ticket.id, draft.body.trim())
      clear()
      onSent(updated)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      setError(fieldErrorsOf(e).body ?? '')
      setFormError(formErrorOf(e, '发送失败，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card reply-box'>
      <FormError message={formError} />
      <LabeledTextarea
        id='ticket-reply'
        label='补充情况或回复'
        value={draft.body}
        maxlength={REPLY_MAX}
        placeholder='还有什么要说的，写在这里'
        error={error}
        onChange={(body) => {
          update({ body })
          if (error && body.trim()) setError('')
        }}
      />
      <Button className='big-button' type='primary' size='xlarge' block loading={busy} onClick={send}>
        发送
      </Button>
    </View>
  )
}

function CloseBox({ ticket, onClosed }: { ticket: TicketDetail; onClosed: (ticket: TicketDetail) => void }) {
  const [open, setOpen] = useState(false)
  const [draft, update, clear] = useDraft(`ticket-close.${ticket.id}`, { reason: '' })
  const [error, setError] = useState('')
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)

  async function close() {
    const missing = draft.reason.trim() ? '' : '请写一句为什么结束，例如：问题已经解决'
    setError(missing)
    setFormError('')
    if (missing) return
    setBusy(true)
    try {
      const updated = await closeTicket(ticket.id, draft.reason.trim())
      clear()
      onClosed(updated)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      setError(fieldErrorsOf(e).reason ?? '')
      setFormError(formErrorOf(e))
    } finally {
      setBusy(false)
    }
  }

  if (!open) {
    return (
      <Button className='big-button' size='large' block onClick={() => setOpen(true)}>
        问题已解决，结束留言
      </Button>
    )
  }
  return (
    <View className='card'>
      <FormError message={formError} />
      <LabeledTextarea
        id='ticket-close-reason'
        label='为什么结束'
        value={draft.reason}
        maxlength={CLOSE_REASON_MAX}
        placeholder='例如：村里已经帮我解决了'
        error={error}
        onChange={(reason) => update({ reason })}
      />
      <Button className='big-button' type='primary' size='large' block loading={busy} onClick={close}>
        确认结束
      </Button>
      <Button className='big-button' size='large' block onClick={() => setOpen(false)}>
        先不结束
      </Button>
    </View>
  )
}

export default function TicketDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const remote = useRemote(() => getTicket(id))
  const ticket = remote.data
  // opening the thread reads its replies: the 新回复 mark and the message badge go
  useEffect(() => {
    if (ticket?.id) void markReadAbout('ticketId', ticket.id).catch(() => undefined)
  }, [ticket?.id])

  return (
    <Page className='ticket-detail-page'>
      <LoadState loading={remote.loading && !ticket} error={remote.error} onRetry={remote.reload} />
      {ticket ? (
        <>
          <Text className='page-title ticket-subject'>{ticket.subject}</Text>
          <View className='card'>
            <View className='ticket-head'>
              <Text className='kind-badge'>{ticket.kindLabel}</Text>
              <Text className={`status status--${ticket.status.toLowerCase()}`}>{ticket.statusLabel}</Text>
            </View>
            <Row label='交给' value={`${ticket.handlerRegionName}的工作人员`} />
            {ticket.about ? <Row label='投诉对象' value={`${ticket.about.name}${ticket.about.roleLabel ? `（${ticket.about.roleLabel}）` : ''}`} /> : null}
            {ticket.status === 'OPEN' ? <Row label='回复期限' value={`${formatDay(ticket.ackDueDate)}前`} /> : null}
            {ticket.contactPhoneMasked ? <Row label='回访电话' value={ticket.contactPhoneMasked} /> : null}
            {ticket.anonymous ? <Row label='匿名' value='对村里匿名' /> : null}
            {ticket.status === 'CLOSED' && ticket.closeReason ? <Row label='结束说明' value={ticket.closeReason} /> : null}
          </View>
          <Text className='section-title' id='ticket-thread-title'>
            对话
          </Text>
          <View className='thread' {...a11y({ role: 'list', 'aria-labelledby': 'ticket-thread-title' })}>
            <Message author='我' body={ticket.content} time={ticket.createdAt} mine />
            {ticket.replies.map((reply) => (
              <Message
                key={reply.id}
                author={reply.mine ? '我' : `${reply.author.name}${reply.author.roleLabel ? `（${reply.author.roleLabel}）` : ''}`}
                body={reply.body}
                time={reply.createdAt}
                mine={reply.mine}
              />
            ))}
          </View>
          {ticket.replies.every((reply) => !reply.fromCadre) && ticket.status !== 'CLOSED' ? (
            <Text className='hint thread-waiting'>工作人员还没有回复，回复后会发消息告诉您。</Text>
          ) : null}
          {ticket.canReply ? <ReplyBox ticket={ticket} onSent={remote.setData} /> : null}
          {ticket.canClose && ticket.status !== 'CLOSED' ? <CloseBox ticket={ticket} onClosed={remote.setData} /> : null}
        </>
      ) : null}
      {/* also when the page could not load (a notice of another village, a deleted ticket) */}
      {ticket || remote.error ? (
        <Button className='big-button' size='large' block onClick={() => backOrRedirect(MY_TICKETS_PAGE)}>
          我的全部留言
        </Button>
      ) : null}
    </Page>
  )
}
