import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import {
  CaseAction,
  CaseActionLabel,
  CaseSourceLabel,
  CaseStatusLabel,
  DifficultyKindLabel,
  labelOf,
  MonitoringTypeLabel,
  RiskTypeLabel,
} from '@jiuzhu/shared/enums'
import { useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { DetailRow } from '@kit/detail-row'
import { LoadState } from '@kit/load-state'
import { backOrRedirect } from '@kit/navigation'
import { Page } from '@kit/page'
import { useRemote } from '@kit/use-remote'
import { actionsFor, CHECKLIST, getCase } from '../../../../services/cases'
import type { CaseDetail } from '../../../../services/cases'
import { deadlineText, formatDay, formatTime, formatYuan } from '../../../../services/format'
import { CASE_INBOX_PAGE, caseActionUrl, householdDetailUrl } from '../../../../services/routes'
import { placeOf, stepText } from '../../components/case-card'
import { CasePhotos } from '../../components/case-photos'
import { Timeline } from '../../components/timeline'
import '../../cases.scss'

/** Actions that move the case forward (drawn as the primary button); the others send back or end it. */
const FORWARD: readonly CaseAction[] = [
  CaseAction.ANALYZE_PROCEED,
  CaseAction.SURVEY_SUBMIT,
  CaseAction.PUBLICIZE_START,
  CaseAction.PUBLICIZE_CLOSE,
  CaseAction.TOWNSHIP_APPROVE,
  CaseAction.COUNTY_CONFIRM,
]

function Records({ c }: { c: CaseDetail }) {
  const survey = c.survey
  const problems = survey ? CHECKLIST.filter((item) => survey.checklist?.[item.key]?.status === 'PROBLEM') : []
  return (
    <>
      {survey ? (
        <View className='card'>
          <Text className='section-title'>实地调查</Text>
          <DetailRow label='入户日期' value={formatDay(survey.visitDate)} />
          <DetailRow label='调查人员' value={survey.surveyors.map((s) => s.name).join('、')} />
          <DetailRow label='家庭纯收入' value={`${formatYuan(survey.householdNetIncome)} 元`} />
          <DetailRow
            label='人均纯收入'
            value={
              <Text className={survey.comparison === 'BELOW' ? 'below-line' : ''}>
                {formatYuan(survey.perCapitaNetIncome)} 元（{survey.comparison === 'BELOW' ? '低于' : '不低于'}
                {survey.monitoringLine.year}年监测线 {formatYuan(survey.monitoringLine.amount)} 元）
              </Text>
            }
          />
          <DetailRow
            label='两不愁三保障'
            value={problems.length ? problems.map((p) => `${p.label}：有问题（${survey.checklist[p.key].note ?? ''}）`).join('；') : '均有保障'}
          />
          {survey.findings ? <DetailRow label='调查结论' value={survey.findings} /> : null}
        </View>
      ) : null}
      {c.publicity ? (
        <View className='card'>
          <Text className='section-title'>评议公示</Text>
          <DetailRow label='评议' value={`${formatDay(c.publicity.appraisalDate)}：${c.publicity.appraisalResult}`} />
          <DetailRow label='公示期' value={`${formatDay(c.publicity.noticeStartDate)} 至 ${formatDay(c.publicity.noticeEndDate)}`} />
          <DetailRow label='拟纳入' value={labelOf(MonitoringTypeLabel, c.publicity.proposedMonitoringType)} />
          <DetailRow label='公示理由' value={c.publicity.reasonBrief} />
        </View>
      ) : null}
      {c.countyDecision?.decision === 'CONFIRM' ? (
        <View className='card'>
          <Text className='section-title'>县级确定</Text>
          <DetailRow label='监测类型' value={labelOf(MonitoringTypeLabel, c.countyDecision.monitoringType)} />
          <DetailRow label='风险类型' value={c.countyDecision.riskTypes.map((r) => labelOf(RiskTypeLabel, r)).join('、')} />
        </View>
      ) : null}
    </>
  )
}

/**
 * 案件详情: the household, the request, the photos, what each step recorded, the timeline, the deadline, and the
 * buttons of the actions my role may take now (shared workflow table ∩ the server's allowedActions).
 */
export default function CaseDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const me = useAccount({ quiet: true })
  const remote = useRemote(() => getCase(id))
  const c = remote.data
  const actions = c ? actionsFor(c, me?.role) : []
  const deadline = c ? deadlineText(c) : null

  return (
    <Page className='case-detail-page'>
      <LoadState loading={remote.loading && !c} error={remote.error} onRetry={remote.reload} />
      {c && deadline ? (
        <>
          <Text className='page-title'>{c.subjectName || '（未登记户）'}</Text>
          <View className='card'>
            <Text className='step-line'>{stepText(c.step)}</Text>
            <DetailRow label='状态' value={labelOf(CaseStatusLabel, c.status)} />
            <DetailRow label='期限' value={<Text className={deadline.late ? 'deadline--late' : ''}>{deadline.late ? `⚠ ${deadline.text}` : deadline.text}</Text>} />
            <DetailRow label='案件编号' value={c.caseNumber} />
            <DetailRow label='来源' value={labelOf(CaseSourceLabel, c.source)} />
            <DetailRow label='受理时间' value={formatTime(c.intakeAt)} />
            <DetailRow label='地区' value={placeOf(c.regionName)} />
          </View>

          <Text className='section-title'>农户</Text>
          <View className='card'>
            {c.household ? (
              <>
                <DetailRow label='户主' value={c.household.headName ?? ''} />
                <DetailRow label='户编号' value={c.household.householdNumber} />
                <DetailRow label='家庭人口' value={`${c.household.memberCount}人`} />
                <DetailRow label='监测类型' value={c.household.monitoringType ? labelOf(MonitoringTypeLabel, c.household.monitoringType) : '未纳入监测'} />
                <DetailRow label='劳动能力' value={c.household.hasLabour ? '有劳动能力' : '无劳动能力'} />
                <Button className='big-button' size='large' block onClick={() => Taro.navigateTo({ url: householdDetailUrl(c.household!.id) })}>
                  查看农户详情
                </Button>
              </>
            ) : (
              <>
                <DetailRow label='当事人' value={c.subjectName ?? ''} />
                {c.proposedAddress ? <DetailRow label='住址' value={c.proposedAddress} /> : null}
                {c.subjectIdNumberMasked ? <DetailRow label='证件号码' value={c.subjectIdNumberMasked} /> : null}
                <Text className='hint'>该户尚未登记，实地调查时先登记户籍信息。</Text>
              </>
            )}
          </View>

          <Text className='section-title'>申请内容</Text>
          <View className='card'>
            {c.difficultyKind ? <DetailRow label='困难类别' value={labelOf(DifficultyKindLabel, c.difficultyKind)} /> : null}
            {c.proxyRelation ? <DetailRow label='代为申请' value={`申请人是当事人的${c.proxyRelation}`} /> : null}
            {c.contactPhoneMasked ? <DetailRow label='联系电话' value={c.contactPhoneMasked} /> : null}
            <DetailRow label='承诺授权' value={c.consentAcceptedAt ? `已签署（${formatDay(c.consentAcceptedAt.slice(0, 10))}）` : '未签署'} />
            <Text className='description'>{c.description}</Text>
          </View>

          <Text className='section-title'>照片</Text>
          <View className='card'>
            <CasePhotos files={c.attachments} />
          </View>

          <Records c={c} />

          <Text className='section-title'>办理过程</Text>
          <Timeline events={c.timeline} />

          {actions.length ? (
            <View className='actions'>
              <Text className='section-title'>办理</Text>
              {actions.map((action) => (
                <Button
                  key={action}
                  className='big-button'
                  type={FORWARD.includes(action) ? 'primary' : 'default'}
                  size='xlarge'
                  block
                  onClick={() => Taro.navigateTo({ url: caseActionUrl(c.id, action) })}
                >
                  {CaseActionLabel[action]}
                </Button>
              ))}
            </View>
          ) : (
            <Text className='hint'>{c.closedAt ? '本案已办结。' : '当前步骤不由您办理。'}</Text>
          )}
        </>
      ) : null}
      {c || remote.error ? (
        <Button className='big-button' size='large' block onClick={() => backOrRedirect(CASE_INBOX_PAGE)}>
          返回待办案件
        </Button>
      ) : null}
    </Page>
  )
}
