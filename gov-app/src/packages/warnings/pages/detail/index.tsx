import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { HouseholdTypeLabel, labelOf, MonitoringTypeLabel, WarningAction, WarningStatus } from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { DetailRow } from '@kit/detail-row'
import { fieldErrorsOf, formErrorOf } from '@kit/field-errors'
import { FormError } from '@kit/form-error'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { LoadState } from '@kit/load-state'
import { backOrRedirect } from '@kit/navigation'
import { Page } from '@kit/page'
import { ApiError } from '@kit/request'
import { useRemote } from '@kit/use-remote'
import { formatTime } from '../../../../services/format'
import { caseDetailUrl, householdDetailUrl } from '../../../../services/routes'
import { actOnWarning, formatMonth, getWarning, raisedAgo, WARNING_INBOX_PAGE, type Warning } from '../../../../services/warnings'
import { SeverityText } from '../../components/warning-card'
import '../../warnings.scss'

/** A 409 (someone else handled it, or it moved on): the page reads the warning again and says so. */
const CONFLICT_MESSAGE = '该预警已被他人处理，已刷新为最新状态'

/** What happened to the warning so far, oldest first (raised, then how it was handled). */
function timelineOf(w: Warning): { what: string; when: string; text: string }[] {
  const items = [{ what: '预警产生', when: formatTime(w.createdAt), text: `${w.departmentLabel}报送的${formatMonth(w.month)}数据触发“${w.ruleName}”` }]
  if (w.handledAt && w.status !== WarningStatus.NEW) {
    const by = w.handledByName ? `（${w.handledByName}）` : ''
    if (w.status === WarningStatus.VERIFYING) items.push({ what: `开始核实${by}`, when: formatTime(w.handledAt), text: '' })
    if (w.status === WarningStatus.DISMISSED) items.push({ what: `已排除${by}`, when: formatTime(w.handledAt), text: `理由：${w.dismissReason ?? ''}` })
    if (w.status === WarningStatus.CASE_OPENED) items.push({ what: `已转为申报${by}`, when: formatTime(w.handledAt), text: w.caseNumber ? `案件编号 ${w.caseNumber}` : '' })
  }
  return items
}

type Panel = '' | 'dismiss' | 'open-case'

/**
 * 预警详情: the household, the rule, the department's record (masked), what happened so far, and the actions the
 * server allows me now: 开始核实, 排除 (reason required), 转为申报 (opens a case at 申报 with source 部门预警 and
 * shows its number). Each send carries the version read; a 409 reloads and says so.
 */
export default function WarningDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const remote = useRemote(() => getWarning(id))
  const w = remote.data
  const [panel, setPanel] = useState<Panel>('')
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState('')
  const [formError, setFormError] = useState('')
  const [conflict, setConflict] = useState('')
  const [done, setDone] = useState('')
  const [busy, setBusy] = useState(false)

  async function act(action: WarningAction) {
    if (!w) return
    setFormError('')
    setConflict('')
    setDone('')
    if (action === WarningAction.DISMISS && !reason.trim()) {
      setReasonError('请填写排除理由')
      return
    }
    setReasonError('')
    setBusy(true)
    try {
      const next = await actOnWarning(w.id, { action, version: w.version, ...(action === WarningAction.DISMISS ? { reason: reason.trim() } : {}) })
      remote.setData(next)
      setPanel('')
      if (action === WarningAction.DISMISS) setReason('')
      if (action === WarningAction.VERIFY) setDone('已开始核实。核实后请排除或转为申报。')
      if (action === WarningAction.DISMISS) setDone('已排除，结论已反馈给报送部门。')
      if (action === WarningAction.OPEN_CASE) {
        setDone(
          next.linkedExistingCase
            ? `该户已有正在办理的案件（编号 ${next.caseNumber ?? ''}），预警已关联到该案件。`
            : `已转为申报，案件编号 ${next.caseNumber ?? ''}。`,
        )
      }
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      if (e instanceof ApiError && e.status === 409) {
        setConflict(`${CONFLICT_MESSAGE}（${e.message}）`)
        setPanel('')
        await remote.reload()
        return
      }
      const fields = fieldErrorsOf(e)
      if (fields.reason) setReasonError(fields.reason)
      else setFormError(formErrorOf(e))
    } finally {
      setBusy(false)
    }
  }

  const can = (action: WarningAction) => !!w && w.allowedActions.includes(action)

  return (
    <Page className='warning-detail-page'>
      <LoadState loading={remote.loading && !w} error={remote.error} onRetry={remote.reload} />
      {w ? (
        <>
          <Text className='page-title'>{w.ruleName}</Text>
          {conflict ? (
            <Text className='conflict-notice' {...a11y({ role: 'alert' })}>
              {conflict}
            </Text>
          ) : null}
          {done ? (
            <Text className='done-notice' {...a11y({ role: 'status' })}>
              {done}
            </Text>
          ) : null}
          <View className='card'>
            <DetailRow label='状态' value={w.statusLabel} />
            <DetailRow label='级别' value={<SeverityText warning={w} bare />} />
            <DetailRow label='建议风险' value={w.riskTypeLabel} />
            <DetailRow label='数据来源' value={`${w.departmentLabel} · ${w.datasetName}`} />
            <DetailRow label='数据月份' value={formatMonth(w.month)} />
            <DetailRow label='产生时间' value={`${formatTime(w.createdAt)}（${raisedAgo(w.daysSinceRaised)}）`} />
            {w.status === WarningStatus.DISMISSED ? <DetailRow label='排除理由' value={w.dismissReason ?? ''} /> : null}
            {w.caseNumber ? <DetailRow label='案件编号' value={w.caseNumber} /> : null}
          </View>
          {w.caseId ? (
            <Button className='big-button' type='primary' size='large' block onClick={() => Taro.navigateTo({ url: caseDetailUrl(w.caseId!) })}>
              查看案件 {w.caseNumber ?? ''}
            </Button>
          ) : null}

          <Text className='section-title'>农户</Text>
          <View className='card'>
            <DetailRow label='户主' value={w.household.headName} />
            <DetailRow label='户编号' value={w.household.householdNumber} />
            <DetailRow label='户类型' value={labelOf(HouseholdTypeLabel, w.household.householdType)} />
            <DetailRow label='监测类型' value={w.household.monitoringType ? labelOf(MonitoringTypeLabel, w.household.monitoringType) : '未纳入监测'} />
            {w.member ? <DetailRow label='涉及成员' value={`${w.member.name}（${w.member.relation}）`} /> : null}
            <Button className='big-button' size='large' block onClick={() => Taro.navigateTo({ url: householdDetailUrl(w.household.id) })}>
              查看农户详情
            </Button>
          </View>

          <Text className='section-title'>部门记录</Text>
          <View className='card' {...a11y({ role: 'group', 'aria-label': '部门记录' })}>
            {w.evidence.map((field) => (
              <DetailRow key={field.key} label={field.label} value={field.value} />
            ))}
            {!w.evidence.length ? <Text className='hint'>没有记录内容。</Text> : null}
          </View>

          <Text className='section-title'>办理过程</Text>
          <View className='timeline' {...a11y({ role: 'list', 'aria-label': '办理过程' })}>
            {timelineOf(w).map((item, index) => (
              <View key={index} className='timeline-item' {...a11y({ role: 'listitem' })}>
                <Text className='timeline-what'>{item.what}</Text>
                <Text className='timeline-when'>{item.when}</Text>
                {item.text ? <Text className='timeline-text'>{item.text}</Text> : null}
              </View>
            ))}
          </View>

          <FormError message={formError} />
          {w.allowedActions.length ? (
            <View className='actions'>
              <Text className='section-title'>办理</Text>
              {can(WarningAction.VERIFY) ? (
                <Button className='big-button' type='primary' size='xlarge' block loading={busy && panel === ''} onClick={() => void act(WarningAction.VERIFY)}>
                  开始核实
                </Button>
              ) : null}
              {can(WarningAction.OPEN_CASE) ? (
                panel === 'open-case' ? (
                  <View className='action-panel'>
                    <Text className='hint'>将为该户登记一件申报（来源：部门预警），进入“六步工作法”的第2步研判。</Text>
                    <Button className='big-button' type='primary' size='xlarge' block loading={busy} onClick={() => void act(WarningAction.OPEN_CASE)}>
                      确认转为申报
                    </Button>
                    <Button className='big-button' size='large' block onClick={() => setPanel('')}>
                      取消
                    </Button>
                  </View>
                ) : (
                  <Button className='big-button' size='xlarge' block onClick={() => setPanel('open-case')}>
                    转为申报
                  </Button>
                )
              ) : null}
              {can(WarningAction.DISMISS) ? (
                panel === 'dismiss' ? (
                  <View className='action-panel'>
                    <LabeledTextarea
                      id='warning-reason'
                      label='排除理由'
                      hint='报送部门会看到这段理由，请写明核实情况，如：已入户核实，费用已由大病保险报销'
                      value={reason}
                      maxlength={500}
                      error={reasonError}
                      onChange={(text) => {
                        setReason(text)
                        setReasonError('')
                      }}
                    />
                    <Button className='big-button' type='primary' size='xlarge' block loading={busy} onClick={() => void act(WarningAction.DISMISS)}>
                      确认排除
                    </Button>
                    <Button className='big-button' size='large' block onClick={() => setPanel('')}>
                      取消
                    </Button>
                  </View>
                ) : (
                  <Button className='big-button' size='xlarge' block onClick={() => setPanel('dismiss')}>
                    排除
                  </Button>
                )
              ) : null}
            </View>
          ) : (
            <Text className='hint'>{w.status === WarningStatus.NEW || w.status === WarningStatus.VERIFYING ? '该预警不由您办理。' : '该预警已办结。'}</Text>
          )}
        </>
      ) : null}
      {w || remote.error ? (
        <Button className='big-button' size='large' block onClick={() => backOrRedirect(WARNING_INBOX_PAGE)}>
          返回预警列表
        </Button>
      ) : null}
    </Page>
  )
}
