import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { FormError } from '@kit/form-error'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { dropFile, keepFile, keptFilePath } from '@kit/local-files'
import { Page } from '@kit/page'
import { useDraft } from '@kit/use-draft'
import { getPhoneLocation } from '../../../../platform/location'
import { compressImage } from '@kit/compress-image'
import { CHECKLIST_ITEMS } from '../../../../services/screening'
import type { ContactMode } from '../../../../services/screening'
import type { QueuedPhoto } from '../../../../services/screening-queue'
import { enqueueResult, flushQueue } from '../../../../services/screening-queue'
import { SCREENING_LIST_PAGE } from '../../../../services/screening-routes'
import { StorageFullError } from '../../../../services/screening-store'
import { useScreeningState } from '../../../../services/use-screening'
import { AnswerPair } from '../../components/answer-pair'
import { PhotoList } from '../../components/photo-list'
import { RiskChips } from '../../components/risk-chips'
import type { DraftErrors, ScreeningDraft } from '../../draft'
import { draftFieldOf, draftFromQueued, draftKey, emptyDraft, hasRisk, MAX_NOTE, MAX_PHOTOS, queuedFromDraft, validateDraft } from '../../draft'
import '../../screening.scss'

/** Where each field is on the page, to scroll to the first one with a problem. */
const FIELD_SELECTORS: Record<keyof DraftErrors, string> = {
  contactMode: '#screening-contact-label',
  anyoneHome: '#screening-home-label',
  checklist: '#screening-checklist-label',
  incomeChanged: '#screening-income-label',
  incomeNote: '#screening-income-note',
  riskTypes: '#screening-risks-label',
  note: '#screening-note',
  photos: '#screening-photos',
}

function newPhotoId(): string {
  return `p${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`
}

/** Back to the month's list: back down the stack when it is there (list → household → form), else in place. */
function backToList() {
  const pages = Taro.getCurrentPages()
  const index = pages.map((p) => `/${(p.route ?? '').replace(/^\//, '').split('?')[0]}`).lastIndexOf(SCREENING_LIST_PAGE)
  if (index >= 0 && index < pages.length - 1) void Taro.navigateBack({ delta: pages.length - 1 - index })
  else void Taro.redirectTo({ url: SCREENING_LIST_PAGE })
}

/**
 * The screening form: short, big targets, saved as a draft on every change. 保存 puts the result in the queue
 * on the phone and sends it when there is network (photos first); with none it waits there (待发送).
 */
export default function ScreeningFormPage() {
  const { taskId = '' } = useRouter().params
  const state = useScreeningState()
  const task = state.tasks.find((t) => t.id === taskId) ?? null
  const queued = state.queue.find((item) => item.taskId === taskId) ?? null
  const [draft, update, clearDraft] = useDraft<ScreeningDraft>(draftKey(state.accountId, taskId), queued ? draftFromQueued(queued) : emptyDraft())
  const [errors, setErrors] = useState<DraftErrors>(() => {
    const fromServer: DraftErrors = {}
    for (const error of queued?.errors ?? []) {
      const field = draftFieldOf(error.field)
      if (field && !fromServer[field]) fromServer[field] = error.message
    }
    return fromServer
  })
  const [formError, setFormError] = useState(queued?.state === 'REJECTED' ? `记录未通过：${queued.message ?? ''}` : '')
  const [saving, setSaving] = useState(false)
  const [addingPhotos, setAddingPhotos] = useState(false)
  const [locating, setLocating] = useState(false)
  const [locationNote, setLocationNote] = useState('')
  const [sources, setSources] = useState<Record<string, string>>({})
  const draftRef = useRef(draft)
  draftRef.current = draft

  // Photos without a thumbnail (the weapp keeps the file itself) are shown from the kept file.
  useEffect(() => {
    for (const photo of draft.photos) {
      if (photo.thumb || sources[photo.id]) continue
      void keptFilePath(photo.ref).then((path) => path && setSources((s) => ({ ...s, [photo.id]: path })))
    }
  }, [draft.photos, sources])

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
  const currentTask = task

  function change(patch: Partial<ScreeningDraft>, fields: (keyof DraftErrors)[]) {
    update(patch)
    setErrors((e) => {
      const next = { ...e }
      for (const field of fields) delete next[field]
      return next
    })
  }

  async function addPhotos() {
    const left = MAX_PHOTOS - draftRef.current.photos.length
    if (left <= 0) return
    let paths: string[]
    try {
      const chosen = await Taro.chooseImage({ count: left, sizeType: ['compressed'], sourceType: ['camera', 'album'] })
      paths = chosen.tempFilePaths.slice(0, left)
    } catch {
      return // the worker closed the picker
    }
    setAddingPhotos(true)
    try {
      for (const path of paths) {
        const index = draftRef.current.photos.length
        const compressed = await compressImage(path, index)
        const ref = await keepFile(compressed.path)
        const photo: QueuedPhoto = {
          id: newPhotoId(),
          ref,
          // an H5 data URL survives a restart; a weapp temp path may not, the kept file does
          thumb: compressed.thumb.startsWith('data:') ? compressed.thumb : '',
          fileName: compressed.fileName,
        }
        change({ photos: [...draftRef.current.photos, photo] }, ['photos'])
      }
    } catch {
      setErrors((e) => ({ ...e, photos: '照片没能保存到手机上，请检查手机存储空间后重试' }))
    } finally {
      setAddingPhotos(false)
    }
  }

  function removePhoto(photo: QueuedPhoto) {
    change({ photos: draftRef.current.photos.filter((p) => p.id !== photo.id) }, ['photos'])
    // a photo still in the queued record stays until that record is replaced
    if (!queued?.photos.some((p) => p.id === photo.id)) void dropFile(photo.ref)
  }

  async function locate() {
    setLocating(true)
    setLocationNote('')
    const location = await getPhoneLocation()
    setLocating(false)
    if (location) change({ location }, [])
    else setLocationNote('没有取到位置（未授权或信号弱），可以不填。')
  }

  async function save() {
    const current = draftRef.current
    const found = validateDraft(current)
    setErrors(found)
    const first = (Object.keys(FIELD_SELECTORS) as (keyof DraftErrors)[]).find((field) => found[field])
    if (first) {
      setFormError('还有没填好的地方，请看红字提示')
      void Taro.pageScrollTo({ selector: FIELD_SELECTORS[first], duration: 200 }).catch(() => undefined)
      return
    }
    setFormError('')
    setSaving(true)
    try {
      const item = queuedFromDraft(current, currentTask, state.accountId, queued)
      // photos of the record this one replaces that are no longer in it
      for (const photo of queued?.photos ?? []) if (!item.photos.some((p) => p.id === photo.id)) void dropFile(photo.ref)
      enqueueResult(item)
      clearDraft()
      const sent = await flushQueue().catch(() => null)
      const message =
        !sent || sent.stopped === 'NETWORK'
          ? '已保存在手机上，有网络时自动发送'
          : sent.stopped === 'AUTH'
            ? ''
            : sent.conflicts
              ? '已发送，与他人修改冲突，请处理'
              : sent.rejected
                ? '记录未通过，请修改'
                : hasRisk(current)
                  ? '已发送，发现风险已生成申报'
                  : '已发送'
      if (sent?.stopped === 'AUTH') return
      void Taro.showToast({ title: message, icon: 'none', duration: 2500 })
      backToList()
    } catch (e) {
      setFormError(e instanceof StorageFullError ? e.message : '保存失败，请重试')
    } finally {
      setSaving(false)
    }
  }

  const household = task.household
  const visit = draft.contactMode !== 'PHONE'
  return (
    <Page className='screening-page screening-form'>
      <View className='card form-head'>
        <Text className='household-name'>{household.headName ?? '户主未登记'}</Text>
        <Text className='task-line'>
          户编号 {household.householdNumber} · {household.address}
        </Text>
      </View>
      <FormError message={formError} />

      <View className='card'>
        <AnswerPair<ContactMode>
          id='screening-contact'
          label='走访方式'
          options={[
            { value: 'VISIT', label: '入户走访' },
            { value: 'PHONE', label: '电话联系' },
          ]}
          value={draft.contactMode}
          onChange={(contactMode) => change({ contactMode }, ['contactMode'])}
        />
        {errors.contactMode ? <FieldMessage id='screening-contact' message={errors.contactMode} /> : null}
        <AnswerPair<'yes' | 'no'>
          id='screening-home'
          label={visit ? '家中是否有人' : '是否联系上家人'}
          options={[
            { value: 'yes', label: visit ? '有人' : '联系上了' },
            { value: 'no', label: visit ? '没人' : '没联系上', tone: 'bad' },
          ]}
          value={draft.anyoneHome === null ? null : draft.anyoneHome ? 'yes' : 'no'}
          onChange={(answer) => change({ anyoneHome: answer === 'yes' }, ['anyoneHome'])}
        />
        {errors.anyoneHome ? <FieldMessage id='screening-home' message={errors.anyoneHome} /> : null}
      </View>

      <View className='card'>
        <View className='checklist-head'>
          <Text className='card-title' id='screening-checklist-label'>
            两不愁三保障和饮水安全
          </Text>
          <Button
            className='all-good'
            size='large'
            onClick={() => change({ checklist: Object.fromEntries(CHECKLIST_ITEMS.map((item) => [item.key, true])) }, ['checklist'])}
          >
            全部有保障
          </Button>
        </View>
        {CHECKLIST_ITEMS.map((item) => (
          <AnswerPair<'yes' | 'no'>
            key={item.key}
            id={`screening-${item.key}`}
            label={item.label}
            hint={item.hint}
            options={[
              { value: 'yes', label: '有保障' },
              { value: 'no', label: '有问题', tone: 'bad' },
            ]}
            value={draft.checklist[item.key] === undefined ? null : draft.checklist[item.key] ? 'yes' : 'no'}
            onChange={(answer) => change({ checklist: { ...draftRef.current.checklist, [item.key]: answer === 'yes' } }, ['checklist'])}
          />
        ))}
        {errors.checklist ? <FieldMessage id='screening-checklist' message={errors.checklist} /> : null}
      </View>

      <View className='card'>
        <AnswerPair<'yes' | 'no'>
          id='screening-income'
          label='收入是否有变化'
          hint='务工、生产、转移性收入明显增加或减少'
          options={[
            { value: 'no', label: '没有变化' },
            { value: 'yes', label: '有变化', tone: 'bad' },
          ]}
          value={draft.incomeChanged === null ? null : draft.incomeChanged ? 'yes' : 'no'}
          onChange={(answer) => change({ incomeChanged: answer === 'yes' }, ['incomeChanged'])}
        />
        {errors.incomeChanged ? <FieldMessage id='screening-income' message={errors.incomeChanged} /> : null}
        {draft.incomeChanged ? (
          <LabeledTextarea
            id='screening-income-note'
            label='收入变化说明'
            value={draft.incomeNote}
            maxlength={MAX_NOTE}
            placeholder='例如：外出务工的儿子回家了，月收入少了约3000元'
            error={errors.incomeNote}
            onChange={(incomeNote) => change({ incomeNote }, ['incomeNote'])}
          />
        ) : null}
      </View>

      <View className='card'>
        <RiskChips id='screening-risks' value={draft.riskTypes} error={errors.riskTypes} onChange={(riskTypes) => change({ riskTypes }, ['riskTypes'])} />
        <LabeledTextarea
          id='screening-note'
          label='备注（可不填）'
          value={draft.note}
          maxlength={MAX_NOTE}
          error={errors.note}
          onChange={(note) => change({ note }, ['note'])}
        />
      </View>

      <View className='card'>
        <PhotoList photos={draft.photos} sources={sources} busy={addingPhotos} onAdd={() => void addPhotos()} onRemove={removePhoto} error={errors.photos} />
        <View className='field'>
          <Text className='field-label'>位置（可不填）</Text>
          <Text className='hint' {...a11y({ role: 'status' })}>
            {draft.location
              ? `已记录位置${draft.location.accuracy ? `（误差约${draft.location.accuracy}米）` : ''}`
              : locationNote || '未记录位置'}
          </Text>
          <Button className='big-button' size='large' block loading={locating} onClick={() => void locate()}>
            {draft.location ? '重新定位' : '记录当前位置'}
          </Button>
        </View>
      </View>

      <Button className='big-button' type='primary' size='xlarge' block loading={saving} onClick={() => void save()}>
        保存
      </Button>
      <Text className='hint save-hint'>填写的内容随时保存在手机上。保存后有网络立即发送，没有网络会在有网络时自动发送。</Text>
    </Page>
  )
}

function FieldMessage({ id, message }: { id: string; message: string }) {
  return (
    <Text className='field-error' id={`${id}-error`} {...a11y({ role: 'alert' })}>
      {message}
    </Text>
  )
}
