import { Text, View } from '@tarojs/components'
import {
  DEVELOPMENTAL_MEASURE_TYPES,
  MAX_RISK_TYPES,
  MeasureType,
  MeasureTypeLabel,
  MonitoringType,
  MonitoringTypeLabel,
  RiskType,
  RiskTypeLabel,
} from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { ChipGroup } from '@kit/chip-group'
import { ChoiceGroup } from '@kit/choice-group'
import { LabeledInput } from '@kit/labeled-input'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { useDraft } from '@kit/use-draft'
import { addDays, chinaToday } from '../../../services/format'
import { type ActionFormProps, DateField, dateProblem, draftKey, errorAt, type FieldErrors, SendButton, useFieldErrors } from './form-parts'

const TYPE_CHOICES = Object.values(MonitoringType).map((value) => ({ value, label: MonitoringTypeLabel[value] }))
const RISK_OPTIONS = Object.values(RiskType).map((value) => ({ value, label: RiskTypeLabel[value] }))
const MEASURE_OPTIONS = Object.values(MeasureType).map((value) => ({
  value,
  label: DEVELOPMENTAL_MEASURE_TYPES.includes(value) ? `${MeasureTypeLabel[value]}（开发式）` : MeasureTypeLabel[value],
}))

interface MeasureDraft {
  type: MeasureType | ''
  content: string
  responsible: string
  dueDate: string
}

const emptyMeasure = (): MeasureDraft => ({ type: '', content: '', responsible: '', dueDate: addDays(chinaToday(), 30) })

/**
 * 县级确定: the monitoring type, up to five risk types, the first help measures (type, content, responsible,
 * due date). A household with labour needs a developmental measure: the server decides and its 400 shows beside
 * the measures.
 */
export function ConfirmForm(props: ActionFormProps) {
  const c = props.detail
  const [draft, update, clear] = useDraft(draftKey(props), {
    monitoringType: (c.publicity?.proposedMonitoringType ?? '') as MonitoringType | '',
    riskTypes: c.suggestedRiskTypes.slice(0, MAX_RISK_TYPES) as RiskType[],
    measures: [emptyMeasure()],
    opinion: '',
  })
  const { shown, report, touch } = useFieldErrors(props.serverErrors)
  const setMeasure = (index: number, patch: Partial<MeasureDraft>) => {
    update({ measures: draft.measures.map((m, i) => (i === index ? { ...m, ...patch } : m)) })
    touch(...Object.keys(patch).map((key) => `measures.${index}.${key}`))
  }

  async function send() {
    const problems: FieldErrors = {}
    if (!draft.monitoringType) problems.monitoringType = '请选择监测类型'
    if (!draft.riskTypes.length) problems.riskTypes = '至少选择一项风险类型'
    if (draft.riskTypes.length > MAX_RISK_TYPES) problems.riskTypes = `风险类型最多${MAX_RISK_TYPES}项`
    if (!draft.measures.length) problems.measures = '至少制定一项帮扶措施'
    draft.measures.forEach((m, i) => {
      if (!m.type) problems[`measures.${i}.type`] = '请选择措施类型'
      if (!m.content.trim()) problems[`measures.${i}.content`] = '请填写措施内容'
      if (!m.responsible.trim()) problems[`measures.${i}.responsible`] = '请填写责任人及单位'
      const due = dateProblem(m.dueDate, '完成期限')
      if (due) problems[`measures.${i}.dueDate`] = due
    })
    report(problems)
    if (Object.keys(problems).length) return
    const ok = await props.onSubmit({
      monitoringType: draft.monitoringType,
      riskTypes: draft.riskTypes,
      measures: draft.measures.map((m) => ({ type: m.type, content: m.content.trim(), responsible: m.responsible.trim(), dueDate: m.dueDate.trim() })),
      ...(draft.opinion.trim() ? { opinion: draft.opinion.trim() } : {}),
    })
    if (ok) clear()
  }

  // a message about the measures as a whole (the developmental-measure rule) sits right above the list
  const measuresError = shown.measures

  return (
    <>
      <View className='form-section'>
        <ChoiceGroup
          id='confirm-type'
          label='监测类型'
          choices={TYPE_CHOICES}
          value={draft.monitoringType || null}
          onChange={(monitoringType) => (update({ monitoringType }), touch('monitoringType'))}
          error={errorAt(shown, 'monitoringType')}
        />
        <ChipGroup
          id='confirm-risks'
          label={`风险类型（最多${MAX_RISK_TYPES}项）`}
          hint={`已选${draft.riskTypes.length}项`}
          multiple
          options={RISK_OPTIONS.map((o) => ({ ...o, disabled: draft.riskTypes.length >= MAX_RISK_TYPES && !draft.riskTypes.includes(o.value) }))}
          value={draft.riskTypes}
          onChange={(riskTypes) => (update({ riskTypes }), touch('riskTypes'))}
          error={errorAt(shown, 'riskTypes')}
        />
      </View>
      <View className='form-section'>
        <Text className='form-section-title' id='confirm-measures-title'>
          首批帮扶措施
        </Text>
        <Text className='hint'>
          {c.household?.hasLabour ? '该户有劳动能力：须至少安排一项开发式措施（产业、就业、金融、公益岗位）。' : '一户一策：写明措施、责任人和完成期限。'}
        </Text>
        {measuresError ? (
          <Text className='field-error' id='confirm-measures-error' {...a11y({ role: 'alert' })}>
            {measuresError}
          </Text>
        ) : null}
        <View {...a11y({ role: 'list', 'aria-labelledby': 'confirm-measures-title' })}>
          {draft.measures.map((m, i) => (
            <View key={i} className='measure' {...a11y({ role: 'listitem', 'aria-label': `措施${i + 1}` })}>
              <ChipGroup
                id={`measure-${i}-type`}
                label={`措施${i + 1}：类型`}
                options={MEASURE_OPTIONS}
                value={m.type ? [m.type] : []}
                onChange={([type]) => setMeasure(i, { type })}
                error={errorAt(shown, `measures.${i}.type`)}
              />
              <LabeledInput id={`measure-${i}-content`} label={`措施${i + 1}：内容`} maxlength={500} value={m.content} onChange={(content) => setMeasure(i, { content })} error={errorAt(shown, `measures.${i}.content`)} />
              <LabeledInput
                id={`measure-${i}-responsible`}
                label={`措施${i + 1}：责任人及单位`}
                placeholder='例如：李四（羊街镇人社所）'
                maxlength={100}
                value={m.responsible}
                onChange={(responsible) => setMeasure(i, { responsible })}
                error={errorAt(shown, `measures.${i}.responsible`)}
              />
              <DateField id={`measure-${i}-due`} label={`措施${i + 1}：完成期限`} value={m.dueDate} onChange={(dueDate) => setMeasure(i, { dueDate })} error={errorAt(shown, `measures.${i}.dueDate`)} />
              {draft.measures.length > 1 ? (
                <Button size='large' block onClick={() => (update({ measures: draft.measures.filter((_, j) => j !== i) }), touch('measures'))}>
                  删除措施{i + 1}
                </Button>
              ) : null}
            </View>
          ))}
        </View>
        <Button className='big-button' size='large' block onClick={() => (update({ measures: [...draft.measures, emptyMeasure()] }), touch('measures'))}>
          再加一项措施
        </Button>
      </View>
      <View className='form-section'>
        <LabeledTextarea id='confirm-opinion' label='县级意见（可不填）' value={draft.opinion} maxlength={1000} onChange={(opinion) => (update({ opinion }), touch('opinion'))} error={errorAt(shown, 'opinion')} />
        <SendButton busy={props.busy} canSend={props.canSend} problems={Object.keys(shown).length} label='确认纳入监测' onClick={send} />
      </View>
    </>
  )
}
