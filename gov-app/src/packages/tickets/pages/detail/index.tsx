import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { ChipGroup } from '@kit/chip-group'
import { DetailRow } from '@kit/detail-row'
import { fieldErrorsOf, formErrorOf } from '@kit/field-errors'
import { FormError } from '@kit/form-error'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { LoadState } from '@kit/load-state'
import { backOrRedirect } from '@kit/navigation'
import { Page } from '@kit/page'
import { ApiError } from '@kit/request'
import { useDraft } from '@kit/use-draft'
import { useRemote } from '@kit/use-remote'
import { formatDay, formatTime } from '../../../../services/format'
import { caseDetailUrl, TICKET_LIST_PAGE } from '../../../../services/routes'
import {
  assignTicket,
  closeTicket,
  getTicket,
  getTicketAssignees,
  replyToTicket,
  type TicketAssignee,
  type TicketDetail,
} from '../../../../services/tickets'
import '../../tickets.scss'

function Message({ author, body, time, cadre }: { author: string; body: string; time: string; cadre: boolean }) {
  return (
    <View className={`message ${cadre ? 'message--cadre' : 'message--requester'}`} {...a11y({ role: 'listitem' })}>
      <Text className='message-author'>
        {author} · {formatTime(time)}
      </Text>
      <Text className='message-body'>{body}</Text>
    </View>
  )
}

/** A text box with its send button; the text is kept as a draft until the server took it. */
function TextAction(props: {
  id: string
  draftKey: string
  label: string
  hint?: string
  placeholder?: string
  maxlength: number
  button: string
  field: string
  send: (text: string) => Promise<TicketDetail>
  onDone: (ticket: TicketDetail) => void
}) {
  const [draft, update, clear] = useDraft(props.draftKey, { text: '' })
  const [error, setError] = useState('')
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  async function go() {
    const missing = draft.text.trim() ? '' : `请填写${props.label}`
    setError(missing)
    setFormError('')
    if (missing) return
    setBusy(true)
    try {
      const ticket = await props.send(draft.text.trim())
      clear()
      props.onDone(ticket)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      setError(fieldErrorsOf(e)[props.field] ?? '')
      setFormError(formErrorOf(e))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card'>
      <FormError message={formError} />
      <LabeledTextarea id={props.id} label={props.label} hint={props.hint} placeholder={props.placeholder} value={draft.text} maxlength={props.maxlength} error={error} onChange={(text) => update({ text })} />
      <Button className='big-button' type='primary' size='xlarge' block loading={busy} onClick={go}>
        {props.button}
      </Button>
    </View>
  )
}

function AssignBox({ ticket, onDone }: { ticket: TicketDetail; onDone: (ticket: TicketDetail) => void }) {
  const [people, setPeople] = useState<TicketAssignee[] | null>(null)
  const [chosen, setChosen] = useState<string[]>([])
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    getTicketAssignees(ticket.id).then(setPeople, () => setError('干部名单没有加载出来，请稍后重试'))
  }, [ticket.id])
  async function assign() {
    if (!chosen.length) {
      setError('请选择交给谁办理')
      return
    }
    setBusy(true)
    setError('')
    try {
      onDone(await assignTicket(ticket.id, chosen[0]))
      setChosen([])
      void Taro.showToast({ title: '已转交', icon: 'success', duration: 1500 })
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      setError(fieldErrorsOf(e).accountId ?? formErrorOf(e))
    } finally {
      setBusy(false)
    }
  }
  if (!people) return error ? <Text className='field-error'>{error}</Text> : <Text className='hint'>正在加载干部名单…</Text>
  return (
    <View className='card'>
      <ChipGroup
        id='ticket-assignee'
        label='转交给'
        hint='负责该地区的在岗干部'
        options={people.map((p) => ({ value: p.accountId, label: `${p.name}（${p.roleLabel}）${p.current ? ' · 现在办理' : ''}` }))}
        value={chosen}
        onChange={setChosen}
        error={error}
      />
      <Button className='big-button' size='xlarge' block loading={busy} onClick={assign}>
        转交办理
      </Button>
    </View>
  )
}

/** A ticket: what was asked, the thread, and (as my rights allow) reply, hand to a colleague, close. */
export default function TicketDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const remote = useRemote(() => getTicket(id))
  const ticket = remote.data
  const requester = ticket ? `${ticket.requester.name}${ticket.channel === 'PHONE' ? '（来电）' : ''}` : ''

  return (
    <Page className='ticket-detail-page'>
      <LoadState loading={remote.loading && !ticket} error={remote.error} onRetry={remote.reload} />
      {ticket ? (
        <>
          <Text className='page-title'>{ticket.subject}</Text>
          <View className='card'>
            <DetailRow label='状态' value={ticket.statusLabel} />
            <DetailRow label='类型' value={ticket.kindLabel} />
            <DetailRow label='提出人' value={requester} />
            {ticket.contactPhoneMasked ? <DetailRow label='联系电话' value={ticket.contactPhoneMasked} /> : null}
            <DetailRow label='所涉地区' value={ticket.regionName} />
            <DetailRow label='处理地区' value={ticket.handlerRegionName} />
            {ticket.about ? <DetailRow label='投诉对象' value={`${ticket.about.name}（${ticket.about.roleLabel ?? ''}）`} /> : null}
            <DetailRow label='办理人' value={ticket.assignedTo ? `${ticket.assignedTo.name}（${ticket.assignedTo.roleLabel ?? ''}）` : '未指定'} />
            {ticket.status === 'OPEN' ? (
              <DetailRow
                label='受理期限'
                value={<Text className={ticket.ackOverdue ? 'deadline--late' : ''}>{ticket.ackOverdue ? `⚠ 已超期（${formatDay(ticket.ackDueDate)}）` : `${formatDay(ticket.ackDueDate)}前`}</Text>}
              />
            ) : null}
            {ticket.closeReason ? <DetailRow label='办结说明' value={ticket.closeReason} /> : null}
          </View>
          {ticket.caseId ? (
            <Button className='big-button' size='large' block onClick={() => Taro.navigateTo({ url: caseDetailUrl(ticket.caseId!) })}>
              查看由此转成的案件
            </Button>
          ) : null}
          <Text className='section-title' id='ticket-thread-title'>
            对话
          </Text>
          <View className='thread' {...a11y({ role: 'list', 'aria-labelledby': 'ticket-thread-title' })}>
            <Message author={requester} body={ticket.content} time={ticket.createdAt} cadre={false} />
            {ticket.replies.map((reply) => (
              <Message
                key={reply.id}
                author={reply.mine ? '我' : `${reply.author.name}${reply.author.roleLabel ? `（${reply.author.roleLabel}）` : ''}`}
                body={reply.body}
                time={reply.createdAt}
                cadre={reply.fromCadre}
              />
            ))}
          </View>
          {ticket.canReply && ticket.status !== 'CLOSED' ? (
            <TextAction
              id='ticket-reply'
              draftKey={`gov-ticket-reply.${ticket.id}`}
              label='回复'
              hint='第一次回复即为受理；提出人会收到消息'
              placeholder='例如：您好，村里已安排网格员明天上午到您家查看'
              maxlength={2000}
              button='发送回复'
              field='body'
              send={(text) => replyToTicket(ticket.id, text)}
              onDone={remote.setData}
            />
          ) : null}
          {ticket.canAssign && ticket.status !== 'CLOSED' ? <AssignBox ticket={ticket} onDone={remote.setData} /> : null}
          {ticket.canClose && ticket.status !== 'CLOSED' ? (
            <TextAction
              id='ticket-close'
              draftKey={`gov-ticket-close.${ticket.id}`}
              label='办结说明'
              hint='提出人可以看到'
              placeholder='例如：已协调乡镇民政办，为该户办理临时救助'
              maxlength={500}
              button='办结工单'
              field='reason'
              send={(text) => closeTicket(ticket.id, text)}
              onDone={remote.setData}
            />
          ) : null}
        </>
      ) : null}
      {ticket || remote.error ? (
        <Button className='big-button' size='large' block onClick={() => backOrRedirect(TICKET_LIST_PAGE)}>
          返回工单列表
        </Button>
      ) : null}
    </Page>
  )
}
