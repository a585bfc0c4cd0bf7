import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { HouseholdTypeLabel, labelOf, MonitoringTypeLabel, RelationLabel, RiskTypeLabel } from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { FormError } from '@kit/form-error'
import { Page } from '@kit/page'
import { ApiError } from '@kit/request'
import type { Resolution } from '../../../../services/screening'
import { resolveConflict } from '../../../../services/screening'
import { removeQueued } from '../../../../services/screening-queue'
import { formUrl, SCREENING_LIST_PAGE } from '../../../../services/screening-routes'
import { downloadTasks, updateTask } from '../../../../services/screening-store'
import { localStatus, useScreeningState } from '../../../../services/use-screening'
import { ResultSummaryView } from '../../components/result-summary'
import { CONFLICT_TEXT, monthLabel, REASON_LABELS, STATUS_LABELS, timeLabel } from '../../labels'
import '../../screening.scss'

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='summary-row'>
      <Text className='summary-label'>{label}</Text>
      <Text className='summary-value'>{value}</Text>
    </View>
  )
}

/**
 * A household of the month's list, from what the phone keeps: head, address, types, risks, members (masked as
 * the server sent them), last month's answers, this month's state; a conflict is settled here (needs network).
 */
export default function ScreeningHouseholdPage() {
  const { taskId = '' } = useRouter().params
  const state = useScreeningState()
  const [resolving, setResolving] = useState<Resolution | null>(null)
  const [error, setError] = useState('')
  const task = state.tasks.find((t) => t.id === taskId) ?? null
  const queued = state.queue.find((item) => item.taskId === taskId) ?? null

  if (!task) {
    return (
      <Page className='screening-page'>
        <Text className='form-error' {...a11y({ role: 'alert' })}>
          手机上没有这户的筛查任务，请回到本月筛查更新任务。
        </Text>
        <Button className='big-button' size='large' block onClick={() => void Taro.redirectTo({ url: SCREENING_LIST_PAGE })}>
          回到本月筛查
        </Button>
      </Page>
    )
  }

  const household = task.household
  const status = localStatus(task, queued)

  async function resolve(resolution: Resolution) {
    const resultId = task?.result?.id
    if (!task || !resultId) return
    setResolving(resolution)
    setError('')
    try {
      const resolved = await resolveConflict(resultId, resolution)
      updateTask(state.accountId, task.id, (t) => ({
        ...t,
        status: resolved.taskStatus,
        result: resolution === 'KEEP' && t.result ? { ...t.result, resolution: 'KEPT', caseId: resolved.caseId ?? t.result.caseId ?? null } : null,
      }))
      const title =
        resolution === 'DISCARD'
          ? resolved.taskStatus === 'TODO'
            ? '已作废，请重新筛查'
            : '已作废我的结果'
          : resolved.caseId
            ? '已保留，发现风险已生成申报'
            : '已保留我的结果'
      void Taro.showToast({ title, icon: 'none', duration: 2500 })
      // The household changed on the server: fetch its new version before it is screened again.
      void downloadTasks(state.accountId).catch(() => undefined)
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      setError(
        e instanceof ApiError && e.status === 0 ? '处理冲突需要网络，请连上网络后再试。' : e instanceof Error ? e.message : '处理失败，请稍后重试',
      )
    } finally {
      setResolving(null)
    }
  }

  function discardQueued() {
    if (!queued) return
    void Taro.showModal({ title: '删除这条记录？', content: '这条筛查记录还没有发送，删除后需要重新填写。', confirmText: '删除', cancelText: '保留' }).then(({ confirm }) => {
      if (confirm) removeQueued(state.accountId, queued.clientId)
    })
  }

  const type = labelOf(HouseholdTypeLabel, household.householdType)
  return (
    <Page className='screening-page'>
      <View className='card' {...a11y({ role: 'region', 'aria-label': '农户信息' })}>
        <View className='task-head'>
          <Text className='household-name'>{household.headName ?? '户主未登记'}</Text>
          <Text className={`badge badge--${status.toLowerCase()}`}>{STATUS_LABELS[status]}</Text>
        </View>
        <Row label='户编号' value={household.householdNumber} />
        <Row label='住址' value={household.address} />
        <Row label='户类型' value={type} />
        <Row label='监测类型' value={household.monitoringType ? labelOf(MonitoringTypeLabel, household.monitoringType) : '非监测对象'} />
        <Row label='风险' value={household.riskTypes.length ? household.riskTypes.map((r) => labelOf(RiskTypeLabel, r)).join('、') : '无'} />
        <Row label='电话' value={household.phoneMasked || '未登记'} />
        <Row label='列入原因' value={task.reasonLabel || labelOf(REASON_LABELS, task.reason)} />
      </View>

      <View className='card' {...a11y({ role: 'region', 'aria-label': '家庭成员' })}>
        <Text className='card-title'>家庭成员（{household.memberCount}人）</Text>
        {household.members.map((member, index) => (
          <View key={`${member.name}-${index}`} className='member'>
            <Text className='member-name'>
              {member.name}（{labelOf(RelationLabel, member.relation)}
              {member.age !== null && member.age !== undefined ? `，${member.age}岁` : ''}）
            </Text>
            <Text className='member-id'>{member.idNumberMasked}</Text>
          </View>
        ))}
      </View>

      <View className='card' {...a11y({ role: 'region', 'aria-label': '本月筛查' })}>
        <Text className='card-title'>本月（{monthLabel(task.month)}）</Text>
        <FormError message={error} />
        {status === 'CONFLICT' ? (
          <View className='conflict'>
            <Text className='task-alert' {...a11y({ role: 'alert' })}>
              {CONFLICT_TEXT}
            </Text>
            <Text className='hint'>
              {task.result?.conflictReasonLabel ||
                '你的记录已经送到，但在你下载任务之后，这户的信息被别人改过，或别人已经记录过本月筛查。'}
            </Text>
            <Text className='hint'>请核对后选择：保留我的结果（计为本月结果，有风险会生成申报），或作废我的结果（本月重新筛查）。</Text>
            {task.result ? <ResultSummaryView result={task.result} /> : null}
            <Button className='big-button' type='primary' size='large' block loading={resolving === 'KEEP'} disabled={resolving !== null} onClick={() => void resolve('KEEP')}>
              保留我的结果
            </Button>
            <Button className='big-button' size='large' block loading={resolving === 'DISCARD'} disabled={resolving !== null} onClick={() => void resolve('DISCARD')}>
              作废我的结果
            </Button>
          </View>
        ) : null}
        {status === 'DONE' && task.result ? (
          <View>
            <ResultSummaryView result={task.result} />
            {task.result.caseId ? <Text className='hint'>发现风险，已生成“筛查发现”申报，等待村里研判。</Text> : null}
          </View>
        ) : null}
        {status === 'WAITING' && queued ? (
          <View>
            <Text className='hint' {...a11y({ role: 'status' })}>
              {`待发送：${timeLabel(queued.queuedAt)}保存在手机上，有网络时自动发送。`}
            </Text>
            <ResultSummaryView result={queued.input} />
          </View>
        ) : null}
        {status === 'REJECTED' && queued ? (
          <Text className='form-error' {...a11y({ role: 'alert' })}>
            {`记录未通过：${queued.message ?? ''}`}
          </Text>
        ) : null}
        {status === 'TODO' ? <Text className='hint'>本月还没有筛查。</Text> : null}
        {status === 'TODO' || status === 'WAITING' || status === 'REJECTED' ? (
          <Button className='big-button' type='primary' size='xlarge' block onClick={() => void Taro.navigateTo({ url: formUrl(task.id) })}>
            {status === 'TODO' ? '开始筛查' : '修改记录'}
          </Button>
        ) : null}
        {queued ? (
          <Button className='big-button' size='large' block onClick={discardQueued}>
            删除这条未发送的记录
          </Button>
        ) : null}
      </View>

      <View className='card' {...a11y({ role: 'region', 'aria-label': '上月筛查' })}>
        <Text className='card-title'>上月筛查</Text>
        {task.lastResult ? <ResultSummaryView result={task.lastResult} /> : <Text className='hint'>上月没有筛查记录。</Text>}
      </View>
    </Page>
  )
}
