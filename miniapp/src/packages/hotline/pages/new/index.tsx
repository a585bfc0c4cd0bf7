import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { ChoiceGroup } from '@kit/choice-group'
import type { Choice } from '@kit/choice-group'
import { fieldErrorsOf, formErrorOf } from '@kit/field-errors'
import { FormError } from '@kit/form-error'
import { LabeledInput } from '@kit/labeled-input'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { Page } from '@kit/page'
import { ApiError } from '@kit/request'
import { Toggle } from '@kit/toggle'
import { useDraft } from '@kit/use-draft'
import { BINDING_PAGE, MY_TICKETS_PAGE, ticketUrl } from '../../../../services/routes'
import { createTicket, listComplaintTargets } from '../../../../services/tickets'
import type { ComplaintTarget, TicketKind } from '../../../../services/tickets'
import { isTicketKind, SUBJECT_EXAMPLES, TICKET_KINDS } from '../../ticket-kinds'
import './index.scss'

const SUBJECT_MAX = 100
const CONTENT_MAX = 2000
// The server's rule (tickets): a mobile number, or a landline with its area code.
const CONTACT_PHONE = /^(?:(?:\+?86)?1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8})$/
const NOBODY = 'NOBODY'

interface TicketDraft {
  kind: TicketKind | null
  subject: string
  content: string
  contactPhone: string
  anonymous: boolean
  aboutAccountId: string
}

type Errors = Partial<Record<'kind' | 'subject' | 'content' | 'contactPhone' | 'anonymous' | 'aboutAccountId', string>>

function check(draft: TicketDraft): Errors {
  const errors: Errors = {}
  if (!draft.kind) errors.kind = '请选择您要做什么'
  if (!draft.subject.trim()) errors.subject = '请写一个标题，一句话说清是什么事'
  if (!draft.content.trim()) errors.content = '请写清楚具体情况'
  const phone = draft.contactPhone.replace(/\s/g, '')
  if (phone && !CONTACT_PHONE.test(phone)) errors.contactPhone = '电话应为11位手机号，或带区号的座机号（如087112345678）'
  return errors
}

function targetChoices(targets: ComplaintTarget[]): Choice<string>[] {
  return [
    { value: NOBODY, label: '不针对具体的人' },
    ...targets.map((t) => ({ value: t.accountId, label: `${t.name}（${t.roleLabel}）`, description: t.regionName })),
  ]
}

export default function NewTicketPage() {
  const { params } = useRouter()
  const me = useAccount({ quiet: true })
  const [draft, update, clear] = useDraft<TicketDraft>('ticket', {
    kind: null,
    subject: '',
    content: '',
    contactPhone: '',
    anonymous: false,
    aboutAccountId: NOBODY,
  })
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [targets, setTargets] = useState<ComplaintTarget[]>([])

  // The entry that opened the page (投诉举报, 政策咨询) chooses the kind.
  useEffect(() => {
    if (isTicketKind(params.kind) && params.kind !== draft.kind) update({ kind: params.kind })
    // only when the page opens
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  useEffect(() => {
    if (draft.kind !== 'COMPLAINT' || !me?.binding) return
    listComplaintTargets().then(setTargets, () => setTargets([]))
  }, [draft.kind, me?.binding])

  const set = (patch: Partial<TicketDraft>) => {
    update(patch)
    // A field that was wrong is checked again as it is corrected.
    const next = check({ ...draft, ...patch })
    setErrors((current) => {
      const kept: Errors = {}
      for (const key of Object.keys(current) as (keyof Errors)[]) if (next[key]) kept[key] = next[key]
      return kept
    })
  }

  async function submit() {
    const found = check(draft)
    setErrors(found)
    setFormError('')
    if (Object.keys(found).length > 0 || !draft.kind) {
      setFormError('请按红色提示改好后再提交')
      return
    }
    setBusy(true)
    try {
      const ticket = await createTicket({
        kind: draft.kind,
        subject: draft.subject.trim(),
        content: draft.content.trim(),
        anonymous: draft.kind !== 'HELP' && draft.anonymous,
        contactPhone: draft.contactPhone.replace(/\s/g, '') || undefined,
        aboutAccountId: draft.kind === 'COMPLAINT' && draft.aboutAccountId !== NOBODY ? draft.aboutAccountId : undefined,
      })
      clear()
      void Taro.showToast({ title: '已提交', icon: 'success' })
      await Taro.redirectTo({ url: ticketUrl(ticket.id) })
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      setErrors(fieldErrorsOf(e))
      setFormError(formErrorOf(e))
    } finally {
      setBusy(false)
    }
  }

  if (me && !me.binding) {
    return (
      <Page className='new-ticket-page'>
        <Text className='page-title'>找政府</Text>
        <View className='card'>
          <Text className='ticket-unbound'>请先绑定本人户籍，我们才知道您是哪个村的，好把您的事交给负责的干部。</Text>
          <Button type='primary' size='large' block onClick={() => Taro.navigateTo({ url: BINDING_PAGE })}>
            去绑定
          </Button>
        </View>
      </Page>
    )
  }

  const kind = draft.kind
  return (
    <Page className='new-ticket-page'>
      <Text className='page-title'>找政府</Text>
      <Text className='hint ticket-intro'>有事可以在这里说，工作人员一般在1个工作日内回复，回复后会发消息告诉您。</Text>
      <FormError message={formError} />
      <ChoiceGroup
        id='ticket-kind'
        label='您要做什么'
        choices={TICKET_KINDS}
        value={kind}
        error={errors.kind}
        onChange={(value) => set({ kind: value })}
      />
      {kind === 'COMPLAINT' ? (
        <ChoiceGroup
          id='ticket-about'
          label='投诉谁（可以不选）'
          choices={targetChoices(targets)}
          value={draft.aboutAccountId}
          error={errors.aboutAccountId}
          onChange={(value) => set({ aboutAccountId: value })}
        />
      ) : null}
      <LabeledInput
        id='ticket-subject'
        label='标题'
        value={draft.subject}
        maxlength={SUBJECT_MAX}
        placeholder={kind ? SUBJECT_EXAMPLES[kind] : '一句话说清是什么事'}
        error={errors.subject}
        onChange={(subject) => set({ subject })}
      />
      <LabeledTextarea
        id='ticket-content'
        label='具体情况'
        value={draft.content}
        maxlength={CONTENT_MAX}
        placeholder='什么时候、在哪里、发生了什么，希望怎么解决'
        error={errors.content}
        onChange={(content) => set({ content })}
      />
      <LabeledInput
        id='ticket-phone'
        label='回访电话（可以不填）'
        hint='填了方便工作人员打电话问清楚情况'
        value={draft.contactPhone}
        type='number'
        maxlength={16}
        placeholder='手机号或座机号'
        error={errors.contactPhone}
        onChange={(contactPhone) => set({ contactPhone })}
      />
      {kind && kind !== 'HELP' ? (
        <Toggle
          label='对村里匿名'
          description='村里和乡镇看不到是谁提的，也看不到电话；县里仍知道，便于核实'
          checked={draft.anonymous}
          onChange={(anonymous) => set({ anonymous })}
        />
      ) : null}
      {kind === 'HELP' ? <Text className='hint ticket-help-hint'>求助需要上门核实，不能匿名。</Text> : null}
      <Button className='big-button' type='primary' size='xlarge' block loading={busy} onClick={submit}>
        提交
      </Button>
      <Button className='big-button' size='large' block onClick={() => Taro.navigateTo({ url: MY_TICKETS_PAGE })}>
        我的留言
      </Button>
    </Page>
  )
}
