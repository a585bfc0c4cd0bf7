import type { CaseAction } from '@jiuzhu/shared/enums'
import { Button } from '@kit/button'
import { LabeledInput } from '@kit/labeled-input'
import type { CaseDetail } from '../../../services/cases'
import { isDate } from '../../../services/format'

/** Field messages by path: the form's own checks and the server's 400 details (`survey.income.wage`, `measures.0.dueDate`). */
export type FieldErrors = Record<string, string>

/** The message for a field, or for anything inside it (`survey.surveyorIds` also shows `survey.surveyorIds.1`). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path]) return errors[path]
  const inside = Object.keys(errors).find((key) => key.startsWith(`${path}.`))
  return inside ? errors[inside] : undefined
}

/** What every action form gets from the action page. */
export interface ActionFormProps {
  detail: CaseDetail
  action: CaseAction
  /** the server's field messages of the last send */
  serverErrors: FieldErrors
  busy: boolean
  /** false hides the send button (the case moved on while the form was open; the typed text stays) */
  canSend: boolean
  /** resolves true when the server took it (the form then forgets its draft) */
  onSubmit: (payload: Record<string, unknown>) => Promise<boolean>
}

/** The draft key of one form: per case and action, so two cases never share what was typed. */
export const draftKey = (props: Pick<ActionFormProps, 'detail' | 'action'>) => `case-action.${props.detail.id}.${props.action}`

export function DateField(props: { id: string; label: string; value: string; onChange: (value: string) => void; error?: string; hint?: string }) {
  return (
    <LabeledInput
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={props.onChange}
      placeholder='例如 2025-06-03'
      hint={props.hint ?? '格式：年-月-日，如 2025-06-03'}
      maxlength={10}
      error={props.error}
    />
  )
}

/** '' when fine, else the message for a required date. */
export function dateProblem(value: string, label: string): string {
  if (!value.trim()) return `请填写${label}`
  return isDate(value.trim()) ? '' : `${label}格式应为 年-月-日，如 2025-06-03`
}

export function SendButton({ busy, canSend, label, onClick }: { busy: boolean; canSend: boolean; label: string; onClick: () => void }) {
  if (!canSend) return null
  return (
    <Button className='big-button' type='primary' size='xlarge' block loading={busy} onClick={onClick}>
      {label}
    </Button>
  )
}
