import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@kit/button'
import { FormError } from '@kit/form-error'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { LoadState } from '@kit/load-state'
import { backOrRedirect } from '@kit/navigation'
import { Page } from '@kit/page'
import { ApiError } from '@kit/request'
import { Toggle } from '@kit/toggle'
import { useDraft } from '@kit/use-draft'
import { useRemote } from '@kit/use-remote'
import { formatDay, formatTime } from '../../../../services/dates'
import { getNotice, raiseObjection } from '../../../../services/notices'
import type { NoticeDetail, Objection } from '../../../../services/notices'
import { NOTICES_PAGE, newTicketUrl } from '../../../../services/routes'
import { noticeTiming } from '../../notice-timing'
import '../../notice.scss'
import './index.scss'

const REASON_MAX = 500

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='detail-row'>
      <Text className='detail-label'>{label}</Text>
      <Text className='detail-value'>{value}</Text>
    </View>
  )
}

function ObjectionItem({ objection }: { objection: Objection }) {
  const author = objection.mine ? `我${objection.anonymous ? '（对村里匿名）' : ''}` : objection.authorName
  return (
    <View className='objection'>
      <Text className='objection-meta'>
        {author} · {formatTime(objection.createdAt)}
      </Text>
      <Text className='objection-reason'>{objection.reason}</Text>
      {objection.answer ? (
        <View className='objection-answer'>
          <Text className='objection-answer-title'>
            村里的答复{objection.answeredByName ? `（${objection.answeredByName}）` : ''}
            {objection.answeredAt ? ` · ${formatTime(objection.answeredAt)}` : ''}
          </Text>
          <Text className='objection-answer-text'>{objection.answer}</Text>
        </View>
      ) : (
        <Text className='objection-waiting'>等待村里核实答复</Text>
      )}
    </View>
  )
}

function ObjectionForm({ notice, onSent }: { notice: NoticeDetail; onSent: () => void }) {
  const [draft, update, clear] = useDraft(`objection.${notice.id}`, { reason: '', anonymous: false })
  const [reasonError, setReasonError] = useState('')
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)

  const check = (reason: string) => (reason.trim() ? '' : '请写明您的异议，例如哪里和实际情况不符')

  async function submit() {
    const error = check(draft.reason)
    setReasonError(error)
    setFormError('')
    if (error) return
    setBusy(true)
    try {
      await raiseObjection(notice.id, draft.reason.trim(), draft.anonymous)
      clear()
      void Taro.showToast({ title: '异议已提交', icon: 'success' })
      onSent()
    } catch (e) {
      // Kept in the draft: nothing typed is lost.
      if (!(e instanceof ApiError && e.status === 401)) setFormError(e instanceof ApiError ? e.message : '提交失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card objection-form'>
      <Text className='section-title'>提出异议</Text>
      <Text className='hint objection-form-hint'>
        如果您知道这户的情况和公示不一样，请写清楚。村里会核实后答复，答复会显示在这里，也会发消息告诉您。
      </Text>
      <FormError message={formError} />
      <LabeledTextarea
        id='objection-reason'
        label='异议内容'
        value={draft.reason}
        maxlength={REASON_MAX}
        placeholder='例如：这户家里有两人常年在外打工，收入和公示的不一样'
        error={reasonError}
        onChange={(reason) => {
          update({ reason })
          if (reasonError) setReasonError(check(reason))
        }}
      />
      <Toggle
        label='对村里匿名'
        description='村干部和其他村民看不到是谁提的；县里仍知道，便于核实后答复您'
        checked={draft.anonymous}
        onChange={(anonymous) => update({ anonymous })}
      />
      <Button className='big-button' type='primary' size='xlarge' block loading={busy} onClick={submit}>
        提交异议
      </Button>
    </View>
  )
}

function WhyNoObjection({ notice }: { notice: NoticeDetail }) {
  if (notice.kind === 'RESULT') {
    return (
      <View className='card'>
        <Text className='notice-closed'>结果公告不受理异议。对结果有意见，可以投诉举报。</Text>
        <Button size='large' block onClick={() => Taro.navigateTo({ url: newTicketUrl('COMPLAINT') })}>
          投诉举报
        </Button>
      </View>
    )
  }
  const text = notice.phase === 'UPCOMING' ? `公示从${formatDay(notice.startDate)}开始，开始后才能提出异议。` : '公示已结束，不能再提出异议。'
  return (
    <View className='card'>
      <Text className='notice-closed'>{text}</Text>
    </View>
  )
}

export default function NoticeDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const notice = useRemote(() => getNotice(id))
  const data = notice.data

  return (
    <Page className='notice-detail-page'>
      <LoadState loading={notice.loading && !data} error={notice.error} onRetry={notice.reload} />
      {data ? (
        <>
          <Text className='page-title'>{data.title}</Text>
          <View className='card'>
            <View className='notice-detail-head'>
              <Text className={`badge badge--${data.kind === 'RESULT' ? 'result' : 'publicity'}`}>{data.kindLabel}</Text>
              <Text className={`notice-timing notice-timing--${data.phase.toLowerCase()}`}>{noticeTiming(data).text}</Text>
            </View>
            <Row label='村' value={data.villageName} />
            <Row label='户主' value={data.subjectName} />
            <Row label='家庭人口' value={`${data.householdSize}人`} />
            {data.kind === 'RESULT' ? (
              <Row label='结果' value={data.decisionLabel ?? ''} />
            ) : (
              <Row label='拟纳入' value={data.monitoringTypeLabel ?? '监测对象'} />
            )}
            <Row label='理由' value={data.reasonBrief} />
            <Row label='公示时间' value={`${formatDay(data.startDate)} 至 ${formatDay(data.endDate)}`} />
          </View>
          {data.canObject ? <ObjectionForm notice={data} onSent={notice.reload} /> : <WhyNoObjection notice={data} />}
          {data.kind === 'PUBLICITY' ? (
            <View className='card'>
              <Text className='section-title'>异议和答复（{data.objections.length}条）</Text>
              {data.objections.length === 0 ? <Text className='hint'>还没有人提出异议。</Text> : null}
              {data.objections.map((objection) => (
                <ObjectionItem key={objection.id} objection={objection} />
              ))}
            </View>
          ) : null}
        </>
      ) : null}
      {/* also when the page could not load (a notice of another village, a deleted ticket) */}
      {data || notice.error ? (
        <Button className='big-button' size='large' block onClick={() => backOrRedirect(NOTICES_PAGE)}>
          本村全部公示
        </Button>
      ) : null}
    </Page>
  )
}
