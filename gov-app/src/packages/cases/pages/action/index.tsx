import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { CaseAction, CaseActionLabel, CaseStatusLabel, labelOf } from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import { useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { fieldErrorsOf, formErrorOf } from '@kit/field-errors'
import { FormError } from '@kit/form-error'
import { LoadState } from '@kit/load-state'
import { backOrRedirect } from '@kit/navigation'
import { Page } from '@kit/page'
import { ApiError } from '@kit/request'
import { useRemote } from '@kit/use-remote'
import { actOnCase, actionsFor, getCase } from '../../../../services/cases'
import { caseDetailUrl } from '../../../../services/routes'
import { stepText } from '../../components/case-card'
import { ConfirmForm } from '../../components/confirm-form'
import type { ActionFormProps, FieldErrors } from '../../components/form-parts'
import { PublicizeForm } from '../../components/publicize-form'
import { ReasonForm } from '../../components/reason-form'
import { SurveyForm } from '../../components/survey-form'
import '../../cases.scss'

/** The 409 of a stale version, as the page says it (the case is read again; what was typed stays). */
export const CONFLICT_MESSAGE = '案件已被他人处理，已刷新'

function FormOf(props: ActionFormProps) {
  switch (props.action) {
    case CaseAction.SURVEY_SUBMIT:
      return <SurveyForm {...props} />
    case CaseAction.PUBLICIZE_START:
      return <PublicizeForm {...props} />
    case CaseAction.COUNTY_CONFIRM:
      return <ConfirmForm {...props} />
    default:
      return <ReasonForm {...props} />
  }
}

/**
 * One action on a case (`?id=&action=`): the form with what the workflow table says the action carries, sent with the
 * case's version. A stale version (409) reloads the case and keeps the typed form (drafts are kept in storage); the
 * server's 400 messages go beside their fields, other refusals (notice not over, objections unanswered) above.
 */
export default function CaseActionPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const action = (params.action ?? '') as CaseAction
  const me = useAccount({ quiet: true })
  const remote = useRemote(() => getCase(id))
  const c = remote.data
  const [busy, setBusy] = useState(false)
  const [formError, setFormError] = useState('')
  const [conflict, setConflict] = useState('')
  const [serverErrors, setServerErrors] = useState<FieldErrors>({})
  const known = Object.values(CaseAction).includes(action)
  const allowed = !!c && known && actionsFor(c, me?.role).includes(action)

  async function submit(payload: Record<string, unknown>): Promise<boolean> {
    if (!c) return false
    setBusy(true)
    setFormError('')
    setConflict('')
    setServerErrors({})
    try {
      await actOnCase(c.id, { action, version: c.version, ...payload })
      void Taro.showToast({ title: `已${CaseActionLabel[action]}`, icon: 'success', duration: 1500 })
      backOrRedirect(caseDetailUrl(c.id))
      return true
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return false
      if (e instanceof ApiError && e.code === 'CASE_VERSION_CONFLICT') {
        // read the case again first, so the notice says what it is now
        await remote.reload()
        setConflict(CONFLICT_MESSAGE)
        return false
      }
      setServerErrors(fieldErrorsOf(e))
      setFormError(formErrorOf(e))
      return false
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page className='case-action-page'>
      <LoadState loading={remote.loading && !c} error={remote.error} onRetry={remote.reload} />
      {c ? (
        <>
          <Text className='page-title'>{known ? CaseActionLabel[action] : '办理'}</Text>
          <View className='card'>
            <Text className='step-line'>{stepText(c.step)}</Text>
            <Text className='case-card-line'>
              {c.subjectName || '（未登记户）'} · {c.caseNumber}
            </Text>
            <Text className='case-card-meta'>状态：{labelOf(CaseStatusLabel, c.status)}</Text>
          </View>
          {conflict ? (
            <Text className='conflict-notice' {...a11y({ role: 'alert' })}>
              {conflict}
              {allowed ? '。已填写的内容还在，请核对后再提交。' : `。案件现在是“${labelOf(CaseStatusLabel, c.status)}”，您不能再“${known ? CaseActionLabel[action] : action}”；已填写的内容保留在下面。`}
            </Text>
          ) : null}
          {!conflict && !allowed ? (
            <Text className='form-error' {...a11y({ role: 'alert' })}>
              {known ? `案件现在是“${labelOf(CaseStatusLabel, c.status)}”，您不能执行“${CaseActionLabel[action]}”。` : '不认识这个操作。'}
            </Text>
          ) : null}
          {known && (allowed || conflict) ? (
            <FormOf detail={c} action={action} serverErrors={serverErrors} busy={busy} canSend={allowed} onSubmit={submit} />
          ) : null}
          {/* under the send button, where the eye is after pressing it */}
          <FormError message={formError} />
        </>
      ) : null}
      {c || remote.error ? (
        <Button className='big-button' size='large' block onClick={() => backOrRedirect(caseDetailUrl(id))}>
          返回案件
        </Button>
      ) : null}
    </Page>
  )
}
