import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { a11y } from '@kit/a11y'
import { useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { ChipGroup } from '@kit/chip-group'
import { LabeledInput } from '@kit/labeled-input'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { Toggle } from '@kit/toggle'
import { uploadFile } from '@kit/upload'
import { useDraft } from '@kit/use-draft'
import '@kit/detail-row.scss'
import { CHECKLIST, type ChecklistKey, type ChecklistStatus, getMonitoringLine, type MonitoringLine } from '../../../services/cases'
import { chinaToday, formatYuan, isDate, parseYuan } from '../../../services/format'
import { type ActionFormProps, DateField, dateProblem, draftKey, errorAt, type FieldErrors, SendButton, useFieldErrors } from './form-parts'
import { WorkerChooser } from './worker-chooser'

const INCOME_FIELDS = [
  { key: 'wage', label: '工资性收入' },
  { key: 'business', label: '生产经营性收入' },
  { key: 'property', label: '财产性收入' },
  { key: 'transfer', label: '转移性收入' },
  { key: 'businessCost', label: '生产经营性支出' },
] as const
const APART_FIELDS = [
  { key: 'insurancePayout', label: '理赔收入（单列，不计入纯收入）' },
  { key: 'compliantOutOfPocket', label: '合规自付支出（医疗、教育，单列）' },
] as const
type AmountKey = (typeof INCOME_FIELDS)[number]['key'] | (typeof APART_FIELDS)[number]['key']

const MAX_PHOTOS = 9
const STATUS_OPTIONS: { value: ChecklistStatus; label: string }[] = [
  { value: 'OK', label: '有保障' },
  { value: 'PROBLEM', label: '有问题' },
]

interface SurveyDraft {
  surveyorIds: string[]
  visitDate: string
  memberCount: string
  membersConfirmed: boolean
  membersNote: string
  amounts: Record<AmountKey, string>
  checklist: Record<ChecklistKey, { status: ChecklistStatus | ''; note: string }>
  photos: { id: string; name: string }[]
  findings: string
}

/** 家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出, in cents; NaN while a field is not a number. */
export function netIncomeCents(amounts: Record<AmountKey, string>): number {
  const cents = (key: AmountKey) => Math.round(parseYuan(amounts[key]) * 100)
  return cents('wage') + cents('business') + cents('property') + cents('transfer') - cents('businessCost')
}

/**
 * 实地调查: at least two surveyors, the visit date, the members, the income with a live calculator (per capita
 * against the monitoring line the server has for the place and year), the 两不愁三保障 + 饮水 checklist, photos.
 */
export function SurveyForm(props: ActionFormProps) {
  const me = useAccount({ quiet: true })
  const household = props.detail.household
  const [draft, update, clear] = useDraft<SurveyDraft>(draftKey(props), {
    surveyorIds: [],
    visitDate: chinaToday(),
    memberCount: household ? String(household.memberCount) : '',
    membersConfirmed: false,
    membersNote: '',
    amounts: { wage: '', business: '', property: '', transfer: '', businessCost: '', insurancePayout: '', compliantOutOfPocket: '' },
    checklist: Object.fromEntries(CHECKLIST.map((item) => [item.key, { status: '', note: '' }])) as SurveyDraft['checklist'],
    photos: [],
    findings: '',
  })
  const { shown, report, touch } = useFieldErrors(props.serverErrors)
  const [uploadError, setUploadError] = useState('')
  const [line, setLine] = useState<MonitoringLine | null>(null)
  const [uploading, setUploading] = useState('')

  // the surveyor filling in the form is one of them
  useEffect(() => {
    if (me?.id && !draft.surveyorIds.length) update({ surveyorIds: [me.id] })
  }, [me?.id, draft.surveyorIds.length, update])
  // the line in force on the visit date (a reference, not a gate)
  const lineDate = isDate(draft.visitDate) ? draft.visitDate : chinaToday()
  useEffect(() => {
    void getMonitoringLine(props.detail.regionCode, lineDate).then(setLine)
  }, [props.detail.regionCode, lineDate])

  const members = Number(draft.memberCount)
  const net = netIncomeCents(draft.amounts)
  const perCapita = Number.isFinite(net) && Number.isInteger(members) && members > 0 ? Math.round(net / members) / 100 : null
  const setAmount = (key: AmountKey, value: string) => {
    update({ amounts: { ...draft.amounts, [key]: value } })
    touch(`survey.income.${key}`)
  }
  const setCheck = (key: ChecklistKey, patch: Partial<SurveyDraft['checklist'][ChecklistKey]>) => {
    update({ checklist: { ...draft.checklist, [key]: { ...draft.checklist[key], ...patch } } })
    touch(patch.status !== undefined ? `survey.checklist.${key}` : `survey.checklist.${key}.note`)
  }
  /** A field changed: its message goes until the next send. */
  const change = (patch: Partial<SurveyDraft>, path: string) => {
    update(patch)
    touch(path)
  }

  async function addPhotos() {
    const left = MAX_PHOTOS - draft.photos.length
    if (left <= 0) return
    let paths: string[]
    try {
      paths = (await Taro.chooseImage({ count: left, sizeType: ['compressed'], sourceType: ['album', 'camera'] })).tempFilePaths.slice(0, left)
    } catch {
      return // cancelled
    }
    let photos = draft.photos
    setUploadError('')
    for (const [i, path] of paths.entries()) {
      const name = `调查照片${photos.length + 1}.jpg`
      setUploading(`正在上传第${i + 1}张，共${paths.length}张…`)
      try {
        const stored = await uploadFile(path, { fileName: name })
        photos = [...photos, { id: stored.id, name }]
        update({ photos })
      } catch (e) {
        setUploadError(`${name}上传失败：${(e as Error).message || '请检查网络后重试'}`)
      }
    }
    setUploading('')
  }

  async function send() {
    const problems: FieldErrors = {}
    if (draft.surveyorIds.length < 2) problems['survey.surveyorIds'] = '实地调查至少须两名干部，请再选一人'
    const visit = dateProblem(draft.visitDate, '入户日期')
    if (visit) problems['survey.visitDate'] = visit
    if (!Number.isInteger(members) || members < 1) problems['survey.memberCount'] = '请填写家庭人口数（整数）'
    for (const field of [...INCOME_FIELDS, ...APART_FIELDS]) {
      if (Number.isNaN(parseYuan(draft.amounts[field.key]))) problems[`survey.income.${field.key}`] = `${field.label.replace(/（.*$/, '')}应为金额（最多两位小数）`
    }
    for (const item of CHECKLIST) {
      const entry = draft.checklist[item.key]
      if (!entry.status) problems[`survey.checklist.${item.key}`] = `请选择“${item.label}”有保障还是有问题`
      else if (entry.status === 'PROBLEM' && !entry.note.trim()) problems[`survey.checklist.${item.key}.note`] = '有问题时须说明情况'
    }
    report(problems)
    if (Object.keys(problems).length) return
    const amount = (key: AmountKey) => parseYuan(draft.amounts[key])
    const ok = await props.onSubmit({
      survey: {
        surveyorIds: draft.surveyorIds,
        visitDate: draft.visitDate.trim(),
        memberCount: members,
        membersConfirmed: draft.membersConfirmed,
        ...(draft.membersNote.trim() ? { membersNote: draft.membersNote.trim() } : {}),
        income: Object.fromEntries([...INCOME_FIELDS, ...APART_FIELDS].map((f) => [f.key, amount(f.key)])),
        checklist: Object.fromEntries(
          CHECKLIST.map((item) => {
            const entry = draft.checklist[item.key]
            return [item.key, entry.status === 'PROBLEM' || entry.note.trim() ? { status: entry.status, note: entry.note.trim() } : { status: entry.status }]
          }),
        ),
        ...(draft.photos.length ? { fileIds: draft.photos.map((p) => p.id) } : {}),
        ...(draft.findings.trim() ? { findings: draft.findings.trim() } : {}),
      },
    })
    if (ok) clear()
  }

  return (
    <>
      <View className='form-section'>
        <Text className='form-section-title'>入户情况</Text>
        <WorkerChooser
          caseId={props.detail.id}
          id='survey-surveyors'
          label='调查人员（至少两人）'
          hint='入户的干部都选上'
          multiple
          value={draft.surveyorIds}
          onChange={(surveyorIds) => change({ surveyorIds }, 'survey.surveyorIds')}
          error={errorAt(shown, 'survey.surveyorIds')}
        />
        <DateField id='survey-visit-date' label='入户日期' value={draft.visitDate} onChange={(visitDate) => change({ visitDate }, 'survey.visitDate')} error={errorAt(shown, 'survey.visitDate')} />
        <LabeledInput
          id='survey-member-count'
          label='家庭人口（人）'
          hint={household ? `登记在册${household.memberCount}人；人均纯收入按此人数计算` : '人均纯收入按此人数计算'}
          type='number'
          maxlength={2}
          value={draft.memberCount}
          onChange={(memberCount) => change({ memberCount }, 'survey.memberCount')}
          error={errorAt(shown, 'survey.memberCount')}
        />
        <Toggle label='已逐一核实家庭成员' description='与户籍登记逐人核对过' checked={draft.membersConfirmed} onChange={(membersConfirmed) => update({ membersConfirmed })} />
        {!draft.membersConfirmed || draft.membersNote ? (
          <LabeledTextarea id='survey-members-note' label='成员变化说明（可不填）' value={draft.membersNote} maxlength={500} onChange={(membersNote) => change({ membersNote }, 'survey.membersNote')} error={errorAt(shown, 'survey.membersNote')} />
        ) : null}
      </View>

      <View className='form-section'>
        <Text className='form-section-title'>收入（近12个月，元）</Text>
        {INCOME_FIELDS.map((field) => (
          <LabeledInput
            key={field.key}
            id={`income-${field.key}`}
            label={field.label}
            type='digit'
            placeholder='0'
            maxlength={12}
            value={draft.amounts[field.key]}
            onChange={(value) => setAmount(field.key, value)}
            error={errorAt(shown, `survey.income.${field.key}`)}
          />
        ))}
        <View className='calculator' {...a11y({ role: 'status', 'aria-live': 'polite', 'aria-label': '收入计算' })}>
          <Text className='calculator-line'>
            家庭纯收入 = 工资性 + 生产经营性 + 财产性 + 转移性 − 生产经营性支出 ={' '}
            <Text className='figure' id='survey-net-income'>{Number.isFinite(net) ? `${formatYuan(net / 100)} 元` : '—'}</Text>
          </Text>
          <Text className='calculator-line'>
            人均纯收入 = 家庭纯收入 ÷ {Number.isInteger(members) && members > 0 ? members : '?'}人 ={' '}
            <Text className={`figure ${perCapita !== null && line && perCapita < line.amount ? 'below-line' : ''}`} id='survey-per-capita'>
              {perCapita !== null ? `${formatYuan(perCapita)} 元` : '—'}
            </Text>
          </Text>
          <Text className='calculator-line' id='survey-line-comparison'>
            {line
              ? perCapita === null
                ? `${line.year}年监测线 ${formatYuan(line.amount)} 元`
                : perCapita < line.amount
                  ? `低于${line.year}年监测线 ${formatYuan(line.amount)} 元（差 ${formatYuan(line.amount - perCapita)} 元）`
                  : `不低于${line.year}年监测线 ${formatYuan(line.amount)} 元；突发严重困难户可高于监测线`
              : '未取到本地监测线：提交后由系统比较'}
          </Text>
        </View>
        {APART_FIELDS.map((field) => (
          <LabeledInput
            key={field.key}
            id={`income-${field.key}`}
            label={field.label}
            type='digit'
            placeholder='0'
            maxlength={12}
            value={draft.amounts[field.key]}
            onChange={(value) => setAmount(field.key, value)}
            error={errorAt(shown, `survey.income.${field.key}`)}
          />
        ))}
      </View>

      <View className='form-section'>
        <Text className='form-section-title'>两不愁三保障及饮水安全</Text>
        {CHECKLIST.map((item) => (
          <View key={item.key}>
            <ChipGroup
              id={`check-${item.key}`}
              label={item.label}
              options={STATUS_OPTIONS}
              value={draft.checklist[item.key].status ? [draft.checklist[item.key].status as ChecklistStatus] : []}
              onChange={([status]) => setCheck(item.key, { status })}
              error={shown[`survey.checklist.${item.key}`] ?? shown[`survey.checklist.${item.key}.status`]}
            />
            {draft.checklist[item.key].status === 'PROBLEM' ? (
              <LabeledInput
                id={`check-${item.key}-note`}
                label={`${item.label}：情况说明`}
                value={draft.checklist[item.key].note}
                maxlength={500}
                onChange={(note) => setCheck(item.key, { note })}
                error={errorAt(shown, `survey.checklist.${item.key}.note`)}
              />
            ) : null}
          </View>
        ))}
      </View>

      <View className='form-section'>
        <Text className='form-section-title'>照片和结论</Text>
        <View className='field'>
          <Text className='field-label' id='survey-photos-label'>
            现场照片（可不加，最多{MAX_PHOTOS}张）
          </Text>
          <View {...a11y({ role: 'list', 'aria-labelledby': 'survey-photos-label' })}>
            {draft.photos.map((photo, index) => (
              <View key={photo.id} className='detail-row' {...a11y({ role: 'listitem' })}>
                <Text className='detail-row-value'>✓ {photo.name} 已上传</Text>
                <Button size='large' onClick={() => change({ photos: draft.photos.filter((p) => p.id !== photo.id) }, 'survey.fileIds')} {...a11y({ 'aria-label': `删除照片${index + 1}` })}>
                  删除
                </Button>
              </View>
            ))}
          </View>
          {uploading ? <Text className='hint' {...a11y({ role: 'status' })}>{uploading}</Text> : null}
          {draft.photos.length < MAX_PHOTOS ? (
            <Button className='big-button' size='large' block disabled={!!uploading} onClick={addPhotos}>
              {draft.photos.length ? '再加照片' : '添加照片'}
            </Button>
          ) : null}
          {uploadError || errorAt(shown, 'survey.fileIds') ? (
            <Text className='field-error' {...a11y({ role: 'alert' })}>
              {uploadError || errorAt(shown, 'survey.fileIds')}
            </Text>
          ) : null}
        </View>
        <LabeledTextarea id='survey-findings' label='调查结论（可不填）' value={draft.findings} maxlength={2000} onChange={(findings) => change({ findings }, 'survey.findings')} error={errorAt(shown, 'survey.findings')} />
        {errorAt(shown, 'survey.householdId') ? (
          <Text className='field-error' {...a11y({ role: 'alert' })}>
            {errorAt(shown, 'survey.householdId')}
          </Text>
        ) : null}
        <SendButton busy={props.busy || !!uploading} canSend={props.canSend} problems={Object.keys(shown).length} label='提交调查' onClick={send} />
      </View>
    </>
  )
}
