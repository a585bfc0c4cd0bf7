import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { HealthStatus, HealthStatusLabel, labelOf, MonitoringType, MonitoringTypeLabel } from '@jiuzhu/shared/enums'
import { maskName } from '@jiuzhu/shared/masking'
import { a11y } from '@kit/a11y'
import { ChoiceGroup } from '@kit/choice-group'
import { LabeledInput } from '@kit/labeled-input'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { useDraft } from '@kit/use-draft'
import { getMinNoticeDays } from '../../../services/cases'
import { addDays, chinaToday, formatDay, isDate } from '../../../services/format'
import { type ActionFormProps, DateField, dateProblem, draftKey, errorAt, type FieldErrors, SendButton, useFieldErrors } from './form-parts'

const TYPE_CHOICES = Object.values(MonitoringType).map((value) => ({ value, label: MonitoringTypeLabel[value] }))
// what a public notice may never show (the server refuses it too)
const LONG_NUMBER = /[0-9Xx]{7,}/
const HEALTH_WORDS = Object.values(HealthStatus)
  .filter((status) => status !== HealthStatus.HEALTHY)
  .map((status) => HealthStatusLabel[status])

/** '' when the reason may be posted in the village, else why not. */
export function publicTextProblem(text: string): string {
  if (LONG_NUMBER.test(text) || HEALTH_WORDS.some((word) => text.includes(word))) {
    return '公示理由不能包含证件号码、电话、银行账号或健康状况（如大病、残疾）'
  }
  return ''
}

/**
 * 评议公示: the village's democratic appraisal and the notice (days ≥ the minimum in force, 5 by default), with a
 * preview of the notice as villagers will read it: the head's name masked, no ID number, phone or health.
 */
export function PublicizeForm(props: ActionFormProps) {
  const today = chinaToday()
  const [minDays, setMinDays] = useState(5)
  const [draft, update, clear] = useDraft(draftKey(props), {
    appraisalDate: today,
    appraisalResult: '',
    noticeStartDate: today,
    noticeDays: '5',
    proposedMonitoringType: '' as MonitoringType | '',
    reasonBrief: '',
  })
  const { shown, report, touch } = useFieldErrors(props.serverErrors)
  const change = (patch: Partial<typeof draft>) => {
    update(patch)
    touch(...Object.keys(patch))
  }
  useEffect(() => {
    void getMinNoticeDays(props.detail.regionCode).then(setMinDays)
  }, [props.detail.regionCode])

  const days = Number(draft.noticeDays)
  const start = isDate(draft.noticeStartDate) ? draft.noticeStartDate : ''
  const end = start && Number.isInteger(days) && days > 0 ? addDays(start, days - 1) : ''
  const village = props.detail.regionName.split(' ')[3] ?? ''
  const household = props.detail.household

  async function send() {
    const problems: FieldErrors = {}
    const appraisal = dateProblem(draft.appraisalDate, '评议日期')
    if (appraisal) problems.appraisalDate = appraisal
    if (!draft.appraisalResult.trim()) problems.appraisalResult = '请填写民主评议结果，如参会人数、同意人数'
    const noticeStart = dateProblem(draft.noticeStartDate, '公示开始日期')
    if (noticeStart) problems.noticeStartDate = noticeStart
    if (!Number.isInteger(days) || days < minDays) problems.noticeDays = `公示不少于${minDays}天`
    if (!draft.proposedMonitoringType) problems.proposedMonitoringType = '请选择拟纳入的监测类型'
    if (!draft.reasonBrief.trim()) problems.reasonBrief = '请填写公示理由'
    else if (publicTextProblem(draft.reasonBrief)) problems.reasonBrief = publicTextProblem(draft.reasonBrief)
    report(problems)
    if (Object.keys(problems).length) return
    const ok = await props.onSubmit({
      appraisalDate: draft.appraisalDate.trim(),
      appraisalResult: draft.appraisalResult.trim(),
      noticeStartDate: draft.noticeStartDate.trim(),
      noticeDays: days,
      proposedMonitoringType: draft.proposedMonitoringType,
      reasonBrief: draft.reasonBrief.trim(),
    })
    if (ok) clear()
  }

  return (
    <>
      <View className='form-section'>
        <Text className='form-section-title'>民主评议</Text>
        <DateField id='publicize-appraisal-date' label='评议日期' value={draft.appraisalDate} onChange={(appraisalDate) => change({ appraisalDate })} error={errorAt(shown, 'appraisalDate')} />
        <LabeledTextarea
          id='publicize-appraisal-result'
          label='评议结果'
          placeholder='例如：参会23人，同意21人，建议纳入'
          value={draft.appraisalResult}
          maxlength={500}
          onChange={(appraisalResult) => change({ appraisalResult })}
          error={errorAt(shown, 'appraisalResult')}
        />
      </View>
      <View className='form-section'>
        <Text className='form-section-title'>公示</Text>
        <DateField id='publicize-start' label='公示开始日期' value={draft.noticeStartDate} onChange={(noticeStartDate) => change({ noticeStartDate })} error={errorAt(shown, 'noticeStartDate')} />
        <LabeledInput
          id='publicize-days'
          label='公示天数'
          hint={`不少于${minDays}天`}
          type='number'
          maxlength={2}
          value={draft.noticeDays}
          onChange={(noticeDays) => change({ noticeDays })}
          error={errorAt(shown, 'noticeDays')}
        />
        <ChoiceGroup
          id='publicize-type'
          label='拟纳入的监测类型'
          choices={TYPE_CHOICES}
          value={draft.proposedMonitoringType || null}
          onChange={(proposedMonitoringType) => change({ proposedMonitoringType })}
          error={errorAt(shown, 'proposedMonitoringType')}
        />
        <LabeledTextarea
          id='publicize-reason'
          label='公示理由'
          hint='会贴在村里：不写证件号码、电话、银行账号和健康状况'
          placeholder='例如：家中主要劳动力务工受伤，收入骤减'
          value={draft.reasonBrief}
          maxlength={200}
          onChange={(reasonBrief) => change({ reasonBrief })}
          error={errorAt(shown, 'reasonBrief')}
        />
      </View>
      <Text className='section-title' id='notice-preview-title'>
        村民看到的公示（预览）
      </Text>
      <View className='notice-preview' {...a11y({ role: 'region', 'aria-labelledby': 'notice-preview-title' })}>
        <Text className='notice-preview-title'>{village}防返贫监测对象识别公示</Text>
        <Text className='notice-preview-text'>
          经农户申请、入户调查和村民代表民主评议（{draft.appraisalDate ? formatDay(draft.appraisalDate) : '评议日期'}），拟将以下农户纳入防返贫监测：
        </Text>
        <Text className='notice-preview-text' id='notice-preview-subject'>
          户主：{maskName(household?.headName ?? props.detail.subjectName ?? '')}，家庭人口{household?.memberCount ?? '—'}人，拟纳入类型：
          {draft.proposedMonitoringType ? labelOf(MonitoringTypeLabel, draft.proposedMonitoringType) : '（请选择）'}。
        </Text>
        <Text className='notice-preview-text'>理由：{draft.reasonBrief.trim() || '（请填写公示理由）'}</Text>
        <Text className='notice-preview-text'>
          公示期：{start ? formatDay(start) : '—'} 至 {end ? formatDay(end) : '—'}（{Number.isInteger(days) && days > 0 ? days : '—'}天）。公示期间如有异议，可在“找政府”小程序“村务公示”中提出，或向村委会反映。
        </Text>
      </View>
      <View className='form-section'>
        <SendButton busy={props.busy} canSend={props.canSend} problems={Object.keys(shown).length} label='开始公示' onClick={send} />
      </View>
    </>
  )
}
