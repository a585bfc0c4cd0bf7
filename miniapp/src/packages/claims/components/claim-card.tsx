import { Text, View } from '@tarojs/components'
import { CaseSource, CaseStatus, FINAL_CASE_STATUSES } from '@jiuzhu/shared/enums'
import { Button } from '@kit/button'
import type { ClaimRemark, MyClaim } from '../../../services/claims'
import { formatDay, formatTime } from '../../../services/dates'
import { difficultyLabel } from '../difficulty'
import { StepBar, stepSummary } from './step-bar'

/** 还剩5天 / 今天到期 / 已超期2天; nothing once the request is closed. */
export function deadlineText(claim: Pick<MyClaim, 'daysLeft' | 'overdue'>): string {
  if (claim.daysLeft === null) return ''
  if (claim.overdue || claim.daysLeft < 0) return `已超期${Math.abs(claim.daysLeft)}天`
  if (claim.daysLeft === 0) return '今天到期'
  return `还剩${claim.daysLeft}天`
}

/** Who the request is about, as the requester reads it. */
export function whoText(claim: Pick<MyClaim, 'source' | 'relation' | 'subjectName'>): string {
  if (claim.relation === 'HOUSEHOLD') return '关于我家的申请'
  if (claim.source === CaseSource.PROXY) return `替${claim.subjectName ?? '他人'}申请`
  return '为我家申请'
}

/** The last thing a village, township or county said (not the requester's own 受理 line). */
export function latestRemark(claim: MyClaim): ClaimRemark | null {
  const remarks = claim.remarks.filter((r) => r.level !== '申请人' && r.level !== '系统')
  return remarks[remarks.length - 1] ?? null
}

/** The result of a closed request in one sentence. */
export function resultText(claim: MyClaim): string {
  switch (claim.status) {
    case CaseStatus.IDENTIFIED:
      return '结果：已纳入防返贫监测，会有帮扶措施和干部联系您家。'
    case CaseStatus.REJECTED:
      return '结果：县里经审核没有通过。'
    case CaseStatus.DISMISSED:
      return '结果：经村里研判，不纳入这次认定。'
    case CaseStatus.WITHDRAWN:
      return '结果：申请已撤回。'
    default:
      return FINAL_CASE_STATUSES.includes(claim.status) ? `结果：${claim.statusLabel}` : ''
  }
}

export function statusTone(claim: MyClaim): string {
  if (claim.status === CaseStatus.IDENTIFIED) return 'good'
  if (FINAL_CASE_STATUSES.includes(claim.status)) return 'closed'
  return claim.overdue ? 'overdue' : 'open'
}

/**
 * One request in 我的申请: what, for whom, the six steps, dates, the last word of the cadres. The whole card opens
 * it (the button too, for keyboards and screen readers: `onOpen` must ignore the second call of one tap).
 */
export function ClaimCard({ claim, onOpen }: { claim: MyClaim; onOpen: () => void }) {
  const remark = latestRemark(claim)
  const result = resultText(claim)
  const deadline = deadlineText(claim)
  return (
    <View className='card claim-card' onClick={onOpen}>
      <View className='claim-card-head'>
        <Text className='claim-card-title'>{difficultyLabel(claim.difficultyKind)}</Text>
        <Text className={`badge badge--${statusTone(claim)}`}>{claim.statusLabel}</Text>
      </View>
      <Text className='claim-who'>{whoText(claim)}</Text>
      <StepBar status={claim.status} stepNumber={claim.stepNumber} />
      <Text className='claim-step-text'>{stepSummary(claim.status, claim.stepNumber)}</Text>
      <View className='claim-dates'>
        <Text className='claim-date'>申请日期：{formatTime(claim.intakeAt)}</Text>
        {claim.daysLeft !== null ? (
          <Text className={`claim-date ${claim.overdue ? 'claim-date--overdue' : ''}`}>
            办结期限：{formatDay(claim.dueDate)}（{deadline}）
          </Text>
        ) : null}
      </View>
      {remark ? (
        <Text className='claim-remark'>
          {remark.level}：{remark.action}
          {remark.text ? `，${remark.text}` : ''}
        </Text>
      ) : null}
      {result ? <Text className='claim-result'>{result}</Text> : null}
      <Button className='claim-open' size='large' block onClick={onOpen}>
        查看详情
      </Button>
    </View>
  )
}
