import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import {
  CaseStatusLabel,
  EducationLabel,
  HealthStatusLabel,
  HouseholdTypeLabel,
  LabourCapacityLabel,
  labelOf,
  MonitoringTypeLabel,
  RelationLabel,
  RiskTypeLabel,
  SafetyNetStatusLabel,
  SexLabel,
} from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import { useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { DetailRow } from '@kit/detail-row'
import { formErrorOf } from '@kit/field-errors'
import { LoadState } from '@kit/load-state'
import { backOrRedirect } from '@kit/navigation'
import { Page } from '@kit/page'
import { pressProps } from '@kit/press-props'
import { ApiError } from '@kit/request'
import { useRemote } from '@kit/use-remote'
import { type CaseSummary, getHouseholdSurveys, type HouseholdSurvey, listCases } from '../../../../services/cases'
import { deadlineText, formatDay, formatYuan } from '../../../../services/format'
import {
  getHousehold,
  getScreeningHistory,
  ID_NUMBER_VIEWER_ROLES,
  type Member,
  type ScreeningRecord,
  viewIdNumber,
} from '../../../../services/households'
import type { Paged } from '../../../../services/query'
import { caseDetailUrl, HOUSEHOLD_SEARCH_PAGE } from '../../../../services/routes'
import '../../households.scss'

const yes = (value: boolean) => (value ? '有' : '无')

function MemberItem({ member, canSeeId }: { member: Member; canSeeId: boolean }) {
  const [full, setFull] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  async function show() {
    setBusy(true)
    setError('')
    try {
      setFull(await viewIdNumber(member.householdId, member.id))
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      setError(formErrorOf(e, '没有取到完整证件号码，请稍后重试'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='member' {...a11y({ role: 'listitem' })}>
      <Text className='member-name'>
        {member.name}（{labelOf(RelationLabel, member.relation)}）
      </Text>
      <DetailRow label='证件号码' value={full || member.idNumberMasked} />
      {canSeeId && !full ? (
        <Button size='large' block loading={busy} onClick={show} {...a11y({ 'aria-label': `查看完整证件号（${member.name}）` })}>
          查看完整证件号
        </Button>
      ) : null}
      {full ? <Text className='hint'>本次查看已记录。</Text> : null}
      {error ? (
        <Text className='field-error' {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
      <DetailRow label='性别 出生' value={`${labelOf(SexLabel, member.sex)} ${formatDay(member.birthDate)}`} />
      {member.education ? <DetailRow label='文化程度' value={labelOf(EducationLabel, member.education)} /> : null}
      <DetailRow label='劳动技能' value={member.labourCapacity ? labelOf(LabourCapacityLabel, member.labourCapacity) : '未填'} />
      {member.healthVisible ? <DetailRow label='健康状况' value={member.health ? labelOf(HealthStatusLabel, member.health) : '未填'} /> : null}
      {member.workPlace ? <DetailRow label='务工' value={`${member.workPlace}${member.workMonths ? `，${member.workMonths}个月` : ''}`} /> : null}
      <DetailRow label='保险' value={`医保${yes(member.medicalInsurance)} · 大病保险${yes(member.seriousIllnessInsurance)} · 养老${yes(member.pensionInsurance)}`} />
      {member.safetyNet !== 'NONE' ? <DetailRow label='兜底' value={labelOf(SafetyNetStatusLabel, member.safetyNet)} /> : null}
      {member.phoneMasked ? <DetailRow label='电话' value={member.phoneMasked} /> : null}
    </View>
  )
}

/** A section that loads on its own: its own message when it fails, the rest of the page still shows. */
function useSection<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string } {
  const [data, setData] = useState<T | null>(null)
  const [error, setError] = useState('')
  useEffect(() => {
    load().then(setData, (e) => setError(e instanceof ApiError ? e.message : '加载失败'))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps)
  return { data, error }
}

function Surveys({ page }: { page: Paged<HouseholdSurvey> }) {
  if (!page.items.length) return <Text className='hint'>还没有实地调查的收入记录。</Text>
  return (
    <View {...a11y({ role: 'list', 'aria-label': '收入情况' })}>
      {page.items.map((s) => (
        <View key={`${s.caseId}-${s.round}`} className='member' {...a11y({ role: 'listitem' })}>
          <Text className='line'>
            {formatDay(s.visitDate)} 入户调查（{s.memberCount}人）
          </Text>
          <Text className='line'>家庭纯收入 {formatYuan(s.householdNetIncome)} 元</Text>
          <Text className={`line ${s.comparison === 'BELOW' ? 'below-line' : ''}`}>
            人均纯收入 {formatYuan(s.perCapitaNetIncome)} 元
            {s.monitoringLine !== null ? `（${s.comparison === 'BELOW' ? '低于' : '不低于'}监测线 ${formatYuan(s.monitoringLine)} 元）` : ''}
          </Text>
          <Text className='meta'>
            案件 {s.caseNumber} · {s.surveyors.join('、')}
          </Text>
        </View>
      ))}
    </View>
  )
}

function Cases({ page }: { page: Paged<CaseSummary> }) {
  if (!page.items.length) return <Text className='hint'>没有案件。</Text>
  return (
    <View {...a11y({ role: 'list', 'aria-label': '案件' })}>
      {page.items.map((c) => {
        const deadline = deadlineText(c)
        const open = () => void Taro.navigateTo({ url: caseDetailUrl(c.id) })
        return (
          <View key={c.id} className='member' {...a11y({ role: 'listitem' })}>
            <View onClick={open} {...pressProps(open, false)}>
              <Text className='line'>
                {c.caseNumber} · {labelOf(CaseStatusLabel, c.status)}
              </Text>
              <Text className={`meta ${deadline.late ? 'below-line' : ''}`}>{deadline.late ? `⚠ ${deadline.text}` : deadline.text}</Text>
            </View>
          </View>
        )
      })}
    </View>
  )
}

function Screenings({ page }: { page: Paged<ScreeningRecord> }) {
  if (!page.items.length) return <Text className='hint'>暂无筛查记录。</Text>
  return (
    <View {...a11y({ role: 'list', 'aria-label': '筛查记录' })}>
      {page.items.map((r) => (
        <View key={r.id} className='member' {...a11y({ role: 'listitem' })}>
          <Text className='line'>
            {r.month} · {r.contactMode === 'PHONE' ? '电话联系' : '上门走访'} · {r.workerName}
          </Text>
          <Text className={`line ${r.hasRisk ? 'below-line' : ''}`}>
            {r.hasRisk ? `发现风险：${(r.riskTypes ?? []).map((t) => labelOf(RiskTypeLabel, t)).join('、') || '两不愁三保障有问题'}` : '未发现风险'}
          </Text>
          {r.note ? <Text className='meta'>{r.note}</Text> : null}
        </View>
      ))}
    </View>
  )
}

/**
 * 农户详情: the household, its monitoring status, its members (masked; the whole ID number on demand for the roles
 * allowed, audited), the income of its surveys, its cases and its monthly screenings.
 */
export default function HouseholdDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const me = useAccount({ quiet: true })
  const remote = useRemote(() => getHousehold(id))
  const h = remote.data
  const surveys = useSection(() => getHouseholdSurveys(id), [id])
  const cases = useSection(() => listCases({ householdId: id, pageSize: 20 }), [id])
  const screenings = useSection(() => getScreeningHistory(id), [id])
  const canSeeId = !!me && ID_NUMBER_VIEWER_ROLES.includes(me.role)

  return (
    <Page className='household-detail-page'>
      <LoadState loading={remote.loading && !h} error={remote.error} onRetry={remote.reload} />
      {h ? (
        <>
          <Text className='page-title'>{h.headName ?? '农户'}</Text>
          <View className='card'>
            <DetailRow label='户编号' value={h.householdNumber} />
            <DetailRow label='地区' value={h.regionName} />
            <DetailRow label='住址' value={h.address} />
            <DetailRow label='户类型' value={labelOf(HouseholdTypeLabel, h.householdType)} />
            <DetailRow label='家庭人口' value={`${h.memberCount}人`} />
            {h.phoneMasked ? <DetailRow label='电话' value={h.phoneMasked} /> : null}
          </View>

          <Text className='section-title'>监测状态</Text>
          <View className='card'>
            <DetailRow label='监测类型' value={h.monitoringType ? labelOf(MonitoringTypeLabel, h.monitoringType) : '未纳入监测'} />
            {h.identifiedMonth ? <DetailRow label='识别月份' value={h.identifiedMonth.replace('-', '年') + '月'} /> : null}
            <DetailRow label='风险类型' value={h.riskTypes.length ? h.riskTypes.map((r) => labelOf(RiskTypeLabel, r)).join('、') : '无'} />
            <DetailRow label='劳动能力' value={h.noLabourCapacity ? '整户无劳动能力' : '有劳动能力'} />
            {h.relocated ? <DetailRow label='易地搬迁' value='是' /> : null}
          </View>

          <Text className='section-title' id='members-title'>
            家庭成员（{h.members.length}人）
          </Text>
          <View className='card' {...a11y({ role: 'list', 'aria-labelledby': 'members-title' })}>
            {h.members.map((m) => (
              <MemberItem key={m.id} member={m} canSeeId={canSeeId} />
            ))}
          </View>

          <Text className='section-title'>收入情况</Text>
          <View className='card'>
            {surveys.error ? <Text className='field-error'>{surveys.error}</Text> : surveys.data ? <Surveys page={surveys.data} /> : <Text className='hint'>正在加载…</Text>}
          </View>

          <Text className='section-title'>案件</Text>
          <View className='card'>
            {cases.error ? <Text className='field-error'>{cases.error}</Text> : cases.data ? <Cases page={cases.data} /> : <Text className='hint'>正在加载…</Text>}
          </View>

          <Text className='section-title'>筛查记录</Text>
          <View className='card'>
            {screenings.error ? <Text className='field-error'>{screenings.error}</Text> : screenings.data ? <Screenings page={screenings.data} /> : <Text className='hint'>正在加载…</Text>}
          </View>
        </>
      ) : null}
      {h || remote.error ? (
        <Button className='big-button' size='large' block onClick={() => backOrRedirect(HOUSEHOLD_SEARCH_PAGE)}>
          返回农户查询
        </Button>
      ) : null}
    </Page>
  )
}
