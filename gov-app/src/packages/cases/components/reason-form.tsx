import { View } from '@tarojs/components'
import { CaseAction, CaseActionLabel } from '@jiuzhu/shared/enums'
import { ChipGroup } from '@kit/chip-group'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { useDraft } from '@kit/use-draft'
import { formatDay } from '../../../services/format'
import { type ActionFormProps, draftKey, errorAt, type FieldErrors, SendButton, useFieldErrors } from './form-parts'
import { WorkerChooser } from './worker-chooser'

/** The text each action carries, how the form names it and what the person who reads it later should know. */
const TEXT_FIELD: Partial<Record<CaseAction, { field: 'reason' | 'opinion' | 'note'; label: string; hint: string; required: boolean }>> = {
  [CaseAction.ANALYZE_PROCEED]: { field: 'reason', label: '研判意见', hint: '为什么需要入户调查', required: true },
  [CaseAction.ANALYZE_DISMISS]: { field: 'reason', label: '不予受理的理由', hint: '申请人会在“我的申请”里看到这段理由，请写清楚、写明白', required: true },
  [CaseAction.TOWNSHIP_APPROVE]: { field: 'opinion', label: '审核意见', hint: '申请人可以看到', required: true },
  [CaseAction.TOWNSHIP_RETURN]: { field: 'reason', label: '退回理由', hint: '退回村里重新调查；申请人可以看到', required: true },
  [CaseAction.COUNTY_REJECT]: { field: 'reason', label: '不通过的理由', hint: '结果会在村里公告，申请人可以看到', required: true },
  [CaseAction.COUNTY_RETURN]: { field: 'reason', label: '退回理由', hint: '退回乡镇重新审核；申请人可以看到', required: true },
  [CaseAction.WITHDRAW]: { field: 'reason', label: '撤回理由', hint: '代申请人撤回时写明原因', required: true },
  [CaseAction.PUBLICIZE_CLOSE]: { field: 'note', label: '公示情况说明（可不填）', hint: '如：公示期内无异议', required: false },
}

/** What was looked at in step 2 (综合分析研判). */
const CHECKED_OPTIONS = ['户籍档案', '部门数据', '电话核实', '入户走访', '村组干部了解'].map((v) => ({ value: v, label: v }))

/**
 * The forms that carry one text (a reason or an opinion): analyze (proceed also says what was looked at and who
 * surveys), township approve/return, county reject/return, withdraw, publicize.close.
 */
export function ReasonForm(props: ActionFormProps) {
  const spec = TEXT_FIELD[props.action]!
  const proceed = props.action === CaseAction.ANALYZE_PROCEED
  const [draft, update, clear] = useDraft(draftKey(props), { text: '', checked: [] as string[], assignedAccountId: '' })
  const { shown, report, touch } = useFieldErrors(props.serverErrors)

  async function send() {
    const problems: FieldErrors = {}
    if (spec.required && !draft.text.trim()) problems[spec.field] = `请填写${spec.label}`
    report(problems)
    if (Object.keys(problems).length) return
    const payload: Record<string, unknown> = draft.text.trim() ? { [spec.field]: draft.text.trim() } : {}
    if (proceed) {
      if (draft.checked.length) payload.checked = draft.checked
      if (draft.assignedAccountId) payload.assignedAccountId = draft.assignedAccountId
    }
    if (await props.onSubmit(payload)) clear()
  }

  return (
    <View className='form-section'>
      {props.action === CaseAction.PUBLICIZE_CLOSE && props.detail.publicity ? (
        <View className='hint'>
          公示期 {formatDay(props.detail.publicity.noticeStartDate)} 至 {formatDay(props.detail.publicity.noticeEndDate)}。公示期满、异议都已答复后才能结束公示。
        </View>
      ) : null}
      {proceed ? (
        <ChipGroup id='analyze-checked' label='查看了哪些情况' options={CHECKED_OPTIONS} value={draft.checked} multiple onChange={(checked) => (update({ checked }), touch('checked'))} error={errorAt(shown, 'checked')} />
      ) : null}
      <LabeledTextarea
        id={`action-${spec.field}`}
        label={spec.label}
        hint={spec.hint}
        value={draft.text}
        maxlength={1000}
        error={errorAt(shown, spec.field)}
        onChange={(text) => (update({ text }), touch(spec.field))}
      />
      {proceed ? (
        <WorkerChooser
          caseId={props.detail.id}
          id='analyze-assigned'
          label='负责调查的干部（可不选，默认本人）'
          value={draft.assignedAccountId ? [draft.assignedAccountId] : []}
          onChange={(ids) => (update({ assignedAccountId: ids[0] ?? '' }), touch('assignedAccountId'))}
          error={errorAt(shown, 'assignedAccountId')}
        />
      ) : null}
      <SendButton busy={props.busy} canSend={props.canSend} problems={Object.keys(shown).length} label={`确认${CaseActionLabel[props.action]}`} onClick={send} />
    </View>
  )
}
