import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { CaseSource } from '@jiuzhu/shared/enums'
import type { DifficultyKind } from '@jiuzhu/shared/enums'
import { validateMobile } from '@jiuzhu/shared/validation'
import { a11y } from '@kit/a11y'
import { useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { ChoiceGroup } from '@kit/choice-group'
import { FormError } from '@kit/form-error'
import { LabeledInput } from '@kit/labeled-input'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { Page } from '@kit/page'
import type { ApiError } from '@kit/request'
import { getCachedAccount } from '@kit/session'
import { uploadFile } from '@kit/upload'
import { compressImage } from '@kit/compress-image'
import { startVoiceInput, voiceInputAvailable } from '../../../../platform/voice-input'
import type { VoiceSession } from '../../../../platform/voice-input'
import {
  enqueueClaim,
  getOutboxItem,
  OUTBOX_CHANGED,
  removeFromOutbox,
  sendQueuedClaim,
} from '../../../../services/claim-outbox'
import type { ClaimPayload } from '../../../../services/claims'
import { CONSENT_VERSION } from '../../../../services/claims'
import { fetchHouseholdPhone } from '../../../../services/auth'
import { BINDING_PAGE, CLAIM_CONSENT_PAGE, MY_CLAIMS_PAGE } from '../../../../services/routes'
import { ConsentCheckbox } from '../../components/consent-checkbox'
import { DifficultyTiles } from '../../components/difficulty-tiles'
import { MAX_PHOTOS, PhotoList } from '../../components/photo-list'
import { RegionChooser } from '../../components/region-chooser'
import type { ClaimDraft, DraftPhoto } from '../../draft'
import {
  clearDraft,
  draftFromOutbox,
  emptyDraft,
  loadDraft,
  newPhotoId,
  photoRun,
  rememberContactPhone,
  saveDraft,
} from '../../draft'
import '../../claims.scss'

const MAX_DESCRIPTION = 2000

type Field =
  | 'source'
  | 'subjectName'
  | 'subjectRelation'
  | 'subjectPhone'
  | 'subjectRegion'
  | 'difficulty'
  | 'description'
  | 'photos'
  | 'contactPhone'
  | 'consent'

type Errors = Partial<Record<Field, string>>

/** Where each field sits on the page, to scroll to the first one that needs attention. */
const FIELD_ANCHOR: Record<Field, string> = {
  source: '#claim-source-anchor',
  subjectName: '#claim-subject-name',
  subjectRelation: '#claim-subject-relation',
  subjectPhone: '#claim-subject-phone',
  subjectRegion: '#claim-region',
  difficulty: '#claim-difficulty',
  description: '#claim-description',
  photos: '#claim-photos',
  contactPhone: '#claim-contact-phone',
  consent: '#claim-consent',
}

/** The server's field names (POST /claims `details`) → this form's fields. */
function fieldOfServer(field: string): Field | null {
  if (field === 'source') return 'source'
  if (field === 'subject.name') return 'subjectName'
  if (field === 'subject.relation') return 'subjectRelation'
  if (field === 'subject.phone') return 'subjectPhone'
  if (field === 'subject.regionCode' || field === 'subject') return 'subjectRegion'
  if (field === 'difficultyKind') return 'difficulty'
  if (field === 'description') return 'description'
  if (field.startsWith('fileIds')) return 'photos'
  if (field === 'contactPhone') return 'contactPhone'
  if (field === 'consent' || field === 'consentVersion') return 'consent'
  return null
}

function serverErrors(details: { field: string; message: string }[] | undefined): Errors {
  const errors: Errors = {}
  for (const d of details ?? []) {
    const field = fieldOfServer(d.field)
    if (field && !errors[field]) errors[field] = d.message
  }
  return errors
}

function validate(draft: ClaimDraft, bound: boolean): Errors {
  const errors: Errors = {}
  if (draft.source === CaseSource.SELF && !bound) errors.source = '为我家申请要先绑定家庭成员；也可以选“替他人申请”'
  if (draft.source === CaseSource.PROXY) {
    if (!draft.subjectName.trim()) errors.subjectName = '请填写他（她）的姓名'
    if (!draft.subjectRelation.trim()) errors.subjectRelation = '请填写您和他（她）的关系，例如：邻居'
    if (draft.subjectPhone.trim()) {
      const phone = validateMobile(draft.subjectPhone)
      if (!phone.valid) errors.subjectPhone = phone.reason
    }
    if (!draft.subjectRegionCode) errors.subjectRegion = '请选择他（她）住的村'
  }
  if (!draft.difficultyKind) errors.difficulty = '请选择遇到的困难'
  if (!draft.description.trim()) errors.description = '请说说遇到了什么困难'
  else if (draft.description.trim().length > MAX_DESCRIPTION) errors.description = `最多${MAX_DESCRIPTION}个字`
  if (draft.photos.some((p) => p.state === 'uploading')) errors.photos = '照片还在上传，请稍等一下再提交'
  else if (draft.photos.some((p) => p.state === 'failed')) errors.photos = '有照片没有上传成功，请点“重试”，或者删掉它'
  const phone = validateMobile(draft.contactPhone)
  if (!phone.valid) errors.contactPhone = phone.reason
  if (!draft.consent) errors.consent = '请先阅读并勾选同意《承诺授权书》'
  return errors
}

function payloadOf(draft: ClaimDraft): ClaimPayload {
  const contact = validateMobile(draft.contactPhone)
  const subjectPhone = draft.subjectPhone.trim() ? validateMobile(draft.subjectPhone) : null
  return {
    source: draft.source,
    ...(draft.source === CaseSource.PROXY
      ? {
          subject: {
            name: draft.subjectName.trim(),
            relation: draft.subjectRelation.trim(),
            ...(subjectPhone?.valid ? { phone: subjectPhone.normalized } : {}),
            regionCode: draft.subjectRegionCode,
          },
        }
      : {}),
    difficultyKind: draft.difficultyKind as DifficultyKind,
    description: draft.description.trim(),
    fileIds: draft.photos.flatMap((p) => (p.fileId ? [p.fileId] : [])),
    contactPhone: contact.valid ? contact.normalized : draft.contactPhone,
    consent: true,
    consentVersion: CONSENT_VERSION,
  }
}

type Phase = 'editing' | 'sending' | 'queued' | 'sent'

export default function NewClaimPage() {
  const me = useAccount({ quiet: true })
  const bound = Boolean(me?.binding ?? getCachedAccount()?.binding)
  const [draft, setDraft] = useState<ClaimDraft>(emptyDraft)
  const draftRef = useRef(draft)
  draftRef.current = draft
  const [progress, setProgress] = useState<Record<string, number>>({})
  const [errors, setErrors] = useState<Errors>({})
  const [formError, setFormError] = useState('')
  const [note, setNote] = useState('')
  const [phase, setPhase] = useState<Phase>('editing')
  const phaseRef = useRef(phase)
  phaseRef.current = phase
  const [queuedKey, setQueuedKey] = useState('')
  const [queuedMessage, setQueuedMessage] = useState('')
  const [resending, setResending] = useState(false)
  const [voiceAvailable] = useState(voiceInputAvailable)
  const [listening, setListening] = useState(false)
  const [voiceError, setVoiceError] = useState('')
  const voice = useRef<VoiceSession | null>(null)

  /** Every change goes to storage at once: closing the app loses nothing. */
  function mutate(change: (d: ClaimDraft) => ClaimDraft) {
    setDraft((current) => {
      const next = change(current)
      if (phaseRef.current === 'editing') saveDraft(next)
      return next
    })
  }

  function change(patch: Partial<ClaimDraft>) {
    mutate((d) => ({ ...d, ...patch }))
  }

  function updatePhoto(id: string, patch: Partial<DraftPhoto>) {
    mutate((d) => ({ ...d, photos: d.photos.map((p) => (p.id === id ? { ...p, ...patch } : p)) }))
  }

  useEffect(() => {
    const { draft: saved, restored, dropped } = loadDraft()
    const start = !restored && !getCachedAccount()?.binding ? { ...saved, source: CaseSource.PROXY as const } : saved
    setDraft(start)
    saveDraft(start)
    const notes = []
    if (restored) notes.push('已为您恢复上次没填完的申请。')
    if (dropped) notes.push(`有${dropped}张照片上次没有上传完，请重新添加。`)
    setNote(notes.join(''))
    if (saved.serverError) {
      setFormError(saved.serverError)
      setErrors(serverErrors(saved.serverErrors))
    }
    // The first request starts with the phone on the household record; what the user typed meanwhile wins.
    if (!start.contactPhone && getCachedAccount()?.binding) {
      void fetchHouseholdPhone().then((phone) => {
        if (phone && !draftRef.current.contactPhone) change({ contactPhone: phone })
      })
    }
  }, [])

  // Back from the 承诺授权书 page: its 同意 button ticked the box in the saved draft.
  useDidShow(() => {
    const saved = loadDraft().draft
    if (saved.key === draftRef.current.key && saved.consent && !draftRef.current.consent) {
      change({ consent: true })
      setErrors((e) => ({ ...e, consent: undefined }))
    }
  })

  useDidHide(() => voice.current?.stop())

  // A queued request sent in the background (network back, app shown) or refused meanwhile.
  useEffect(() => {
    if (phase !== 'queued') return
    const listener = () => {
      const item = getOutboxItem(queuedKey)
      if (!item) setPhase('sent')
      else if (item.state === 'REFUSED') setQueuedMessage(item.error ?? '')
    }
    Taro.eventCenter.on(OUTBOX_CHANGED, listener)
    return () => void Taro.eventCenter.off(OUTBOX_CHANGED, listener)
  }, [phase, queuedKey])

  async function upload(photo: { id: string; path: string; fileName: string }) {
    updatePhoto(photo.id, { state: 'uploading', error: undefined })
    setProgress((p) => ({ ...p, [photo.id]: 0 }))
    try {
      const stored = await uploadFile(photo.path, {
        fileName: photo.fileName,
        onProgress: (percent) => setProgress((p) => ({ ...p, [photo.id]: percent })),
      })
      updatePhoto(photo.id, { state: 'uploaded', fileId: stored.id, error: undefined })
    } catch (e) {
      const message = (e as ApiError).status === 0 ? '网络不好，没有传上去' : (e as ApiError).message
      updatePhoto(photo.id, { state: 'failed', error: message || '上传失败' })
    }
  }

  async function addPhotos() {
    const left = MAX_PHOTOS - draftRef.current.photos.length
    if (left <= 0) return
    let paths: string[]
    try {
      const chosen = await Taro.chooseImage({ count: left, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      paths = chosen.tempFilePaths.slice(0, left)
    } catch {
      return // cancelled
    }
    const first = draftRef.current.photos.length
    const added: DraftPhoto[] = paths.map((path, i) => ({
      id: newPhotoId(),
      path,
      thumb: '',
      fileName: `照片${first + i + 1}.jpg`,
      state: 'uploading',
      run: photoRun(),
    }))
    mutate((d) => ({ ...d, photos: [...d.photos, ...added] }))
    setErrors((e) => ({ ...e, photos: undefined }))
    // One after another: on a weak network parallel uploads all crawl.
    for (const [i, photo] of added.entries()) {
      const compressed = await compressImage(photo.path, first + i)
      updatePhoto(photo.id, { path: compressed.path, thumb: compressed.thumb, fileName: compressed.fileName })
      await upload({ id: photo.id, path: compressed.path, fileName: compressed.fileName })
    }
  }

  function retryPhoto(photo: DraftPhoto) {
    setErrors((e) => ({ ...e, photos: undefined }))
    void upload(photo)
  }

  function removePhoto(photo: DraftPhoto) {
    mutate((d) => ({ ...d, photos: d.photos.filter((p) => p.id !== photo.id) }))
  }

  function toggleVoice() {
    if (listening) {
      voice.current?.stop()
      return
    }
    setVoiceError('')
    setListening(true)
    voice.current = startVoiceInput({
      onText: (text) => mutate((d) => ({ ...d, description: `${d.description}${text}`.slice(0, MAX_DESCRIPTION) })),
      onEnd: () => {
        setListening(false)
        voice.current = null
      },
      onError: setVoiceError,
    })
  }

  async function startOver() {
    const { confirm } = await Taro.showModal({ title: '清空重新填？', content: '已经填写的内容和照片都会清掉。', confirmText: '清空', cancelText: '不清空' })
    if (!confirm) return
    clearDraft()
    const fresh = emptyDraft()
    setDraft(bound ? fresh : { ...fresh, source: CaseSource.PROXY })
    setErrors({})
    setFormError('')
    setNote('')
  }

  async function submit() {
    const current = draftRef.current
    const found = validate(current, bound)
    setErrors(found)
    setFormError('')
    const first = (Object.keys(FIELD_ANCHOR) as Field[]).find((f) => found[f])
    if (first) {
      void Taro.pageScrollTo({ selector: FIELD_ANCHOR[first], duration: 200 }).catch(() => undefined)
      return
    }
    const payload = payloadOf(current)
    rememberContactPhone(payload.contactPhone)
    // Into the outbox first: from here on the request survives a lost network or a closed app.
    enqueueClaim(current.key, payload, current.subjectRegionName)
    clearDraft()
    setPhase('sending')
    const result = await sendQueuedClaim(current.key)
    if (result.outcome === 'SENT') {
      setPhase('sent')
      void Taro.showToast({ title: '已提交', icon: 'success' })
      void Taro.redirectTo({ url: MY_CLAIMS_PAGE })
    } else if (result.outcome === 'QUEUED') {
      setQueuedKey(current.key)
      setQueuedMessage('')
      setPhase('queued')
    } else {
      // Refused: nothing was stored, the same request goes back into the form to be corrected.
      removeFromOutbox(current.key)
      saveDraft(current)
      setPhase('editing')
      setFormError(result.error.message)
      setErrors(serverErrors(Array.isArray(result.error.details) ? (result.error.details as { field: string; message: string }[]) : []))
    }
  }

  async function resend() {
    setResending(true)
    const result = await sendQueuedClaim(queuedKey)
    setResending(false)
    if (result.outcome === 'SENT') setPhase('sent')
    else if (result.outcome === 'QUEUED') void Taro.showToast({ title: '还是没有网络，稍后会自动发送', icon: 'none', duration: 3000 })
  }

  function correctRefused() {
    const item = getOutboxItem(queuedKey)
    if (!item) return
    const restored = draftFromOutbox(item)
    removeFromOutbox(queuedKey)
    saveDraft(restored)
    setDraft(restored)
    setFormError(item.error ?? '')
    setErrors(serverErrors(item.errorDetails))
    setPhase('editing')
  }

  if (phase === 'queued') {
    const refused = getOutboxItem(queuedKey)?.state === 'REFUSED'
    return (
      <Page className='claim-page'>
        <Text className='page-title'>我要申请帮助</Text>
        <View className='card queued-card' {...a11y({ role: 'status' })}>
          <Text className={`badge ${refused ? 'badge--refused' : 'badge--waiting'}`}>{refused ? '未能提交' : '待发送'}</Text>
          {refused ? (
            <Text className='queued-text'>{queuedMessage || '申请没有被受理，请修改后再提交。'}</Text>
          ) : (
            <Text className='queued-text'>
              现在没有网络，申请已经保存在手机上，没有丢。有网络时会自动发送，也可以点“重新发送”。同一份申请只会提交一次。
            </Text>
          )}
        </View>
        {refused ? (
          <Button className='big-button' type='primary' size='xlarge' block onClick={correctRefused}>
            修改后再提交
          </Button>
        ) : (
          <Button className='big-button' type='primary' size='xlarge' block loading={resending} onClick={() => void resend()}>
            重新发送
          </Button>
        )}
        <Button className='big-button' size='large' block onClick={() => void Taro.redirectTo({ url: MY_CLAIMS_PAGE })}>
          看我的申请
        </Button>
      </Page>
    )
  }

  if (phase === 'sent') {
    return (
      <Page className='claim-page'>
        <Text className='page-title'>我要申请帮助</Text>
        <View className='card queued-card' {...a11y({ role: 'status' })}>
          <Text className='badge badge--sent'>已提交</Text>
          <Text className='queued-text'>申请已经提交，村里会尽快和您联系。每办一步都会发消息告诉您。</Text>
        </View>
        <Button className='big-button' type='primary' size='xlarge' block onClick={() => void Taro.redirectTo({ url: MY_CLAIMS_PAGE })}>
          看我的申请
        </Button>
      </Page>
    )
  }

  const proxy = draft.source === CaseSource.PROXY
  const busy = phase === 'sending'
  return (
    <Page className='claim-page'>
      <Text className='page-title'>我要申请帮助</Text>
      <Text className='hint claim-intro'>填好后点最下面的“提交申请”。没填完就退出也不要紧，下次打开还在。</Text>
      {note ? (
        <View className='card restored-card'>
          <Text className='restored-text' {...a11y({ role: 'status' })}>
            {note}
          </Text>
          <Button size='large' block onClick={() => void startOver()}>
            清空重新填
          </Button>
        </View>
      ) : null}
      <FormError message={formError} />

      <View id='claim-source-anchor'>
        <ChoiceGroup
          id='claim-source'
          label='为谁申请'
          value={draft.source}
          error={errors.source}
          choices={[
            {
              value: CaseSource.SELF,
              label: '为我家申请',
              description: bound ? '我家遇到了困难' : '需要先在“我的”里绑定家庭成员',
            },
            { value: CaseSource.PROXY, label: '替他人申请', description: '替邻居、亲戚申请（对方不方便自己申请）' },
          ]}
          onChange={(source) => {
            change({ source })
            setErrors((e) => ({ ...e, source: undefined }))
          }}
        />
        {errors.source && !bound ? (
          <Button className='big-button' size='large' block onClick={() => void Taro.navigateTo({ url: BINDING_PAGE })}>
            去绑定家庭成员
          </Button>
        ) : null}
      </View>

      {proxy ? (
        <View className='card proxy-card'>
          <LabeledInput
            id='claim-subject-name'
            label='他（她）的姓名'
            value={draft.subjectName}
            maxlength={50}
            placeholder='例如：张三'
            error={errors.subjectName}
            onChange={(subjectName) => {
              change({ subjectName })
              if (subjectName.trim()) setErrors((e) => ({ ...e, subjectName: undefined }))
            }}
          />
          <LabeledInput
            id='claim-subject-relation'
            label='您和他（她）的关系'
            value={draft.subjectRelation}
            maxlength={32}
            placeholder='例如：邻居、亲戚'
            error={errors.subjectRelation}
            onChange={(subjectRelation) => {
              change({ subjectRelation })
              if (subjectRelation.trim()) setErrors((e) => ({ ...e, subjectRelation: undefined }))
            }}
          />
          <LabeledInput
            id='claim-subject-phone'
            label='他（她）的电话（没有可不填）'
            value={draft.subjectPhone}
            type='number'
            maxlength={11}
            error={errors.subjectPhone}
            onChange={(subjectPhone) => {
              change({ subjectPhone })
              // fixed while typing: the message goes at once (on blur it would move the page under the finger)
              if (!subjectPhone.trim() || validateMobile(subjectPhone).valid) setErrors((e) => ({ ...e, subjectPhone: undefined }))
            }}
            onBlur={() => {
              const phone = draftRef.current.subjectPhone.trim()
              const result = phone ? validateMobile(phone) : null
              if (result && !result.valid) setErrors((e) => ({ ...e, subjectPhone: result.reason }))
            }}
          />
          <RegionChooser
            value={draft.subjectRegionCode}
            valueName={draft.subjectRegionName}
            startCode={(me?.binding?.villageCode ?? getCachedAccount()?.binding?.villageCode ?? '').slice(0, 9)}
            error={errors.subjectRegion}
            onChange={(code, name) => {
              change({ subjectRegionCode: code, subjectRegionName: name })
              setErrors((e) => ({ ...e, subjectRegion: undefined }))
            }}
          />
        </View>
      ) : null}

      <DifficultyTiles
        value={draft.difficultyKind}
        error={errors.difficulty}
        onChange={(difficultyKind) => {
          change({ difficultyKind })
          setErrors((e) => ({ ...e, difficulty: undefined }))
        }}
      />

      <View id='claim-description-field'>
        <LabeledTextarea
          id='claim-description'
          label='说说具体情况'
          hint='比如：家里谁生了什么病、花了多少钱、现在缺什么。'
          value={draft.description}
          maxlength={MAX_DESCRIPTION}
          error={errors.description}
          onChange={(description) => {
            change({ description })
            if (description.trim()) setErrors((e) => ({ ...e, description: undefined }))
          }}
        />
        {voiceAvailable ? (
          <View className='voice'>
            <Button className='voice-button' size='large' block type={listening ? 'primary' : 'default'} onClick={toggleVoice}>
              {listening ? '正在听，说完点这里' : '不想打字？点这里说话'}
            </Button>
            {voiceError ? (
              <Text className='field-error' {...a11y({ role: 'alert' })}>
                {voiceError}
              </Text>
            ) : null}
          </View>
        ) : null}
      </View>

      <PhotoList
        photos={draft.photos}
        progress={progress}
        error={errors.photos}
        onAdd={() => void addPhotos()}
        onRetry={retryPhoto}
        onRemove={removePhoto}
      />

      <LabeledInput
        id='claim-contact-phone'
        label='联系电话'
        hint='村里会打这个电话和您联系'
        value={draft.contactPhone}
        type='number'
        maxlength={11}
        placeholder='11位手机号'
        error={errors.contactPhone}
        onChange={(contactPhone) => {
          change({ contactPhone })
          if (validateMobile(contactPhone).valid) setErrors((e) => ({ ...e, contactPhone: undefined }))
        }}
        onBlur={() => {
          const phone = draftRef.current.contactPhone
          const result = validateMobile(phone)
          if (phone && !result.valid) setErrors((e) => ({ ...e, contactPhone: result.reason }))
        }}
      />

      <ConsentCheckbox
        checked={draft.consent}
        error={errors.consent}
        onRead={() => void Taro.navigateTo({ url: CLAIM_CONSENT_PAGE })}
        onChange={(consent) => {
          change({ consent })
          if (consent) setErrors((e) => ({ ...e, consent: undefined }))
        }}
      />

      <Button className='big-button submit-button' type='primary' size='xlarge' block loading={busy} onClick={() => void submit()}>
        {busy ? '正在提交…' : '提交申请'}
      </Button>
    </Page>
  )
}
