import { useState } from 'react'
import type { CaseAction } from '@jiuzhu/shared/enums'
import { Text } from '@tarojs/components'
import { a11y } from '@kit/a11y'
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

/**
 * The messages a form shows: its own checks and the server's last answer, minus those of the fields changed since
 * (a corrected field stops saying it is wrong). `report` sets the form's own findings at a send; `touch` marks
 * fields (and everything inside them) as changed.
 */
export function useFieldErrors(serverErrors: FieldErrors) {
  const [local, setLocal] = useState<FieldErrors>({})
  const [touched, setTouched] = useState<string[]>([])
  const all = { ...serverErrors, ...local }
  const shown = Object.fromEntries(Object.entries(all).filter(([key]) => !touched.some((path) => key === path || key.startsWith(`${path}.`))))
  return {
    shown,
    report: (problems: FieldErrors) => {
      setLocal(problems)
      setTouched([])
    },
    touch: (...paths: string[]) => setTouched((current) => [...current, ...paths]),
  }
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

/** The send button; above it, how many fields still say they are wrong (the messages themselves sit beside them). */
export function SendButton(props: { busy: boolean; canSend: boolean; label: string; onClick: () => void; problems?: number }) {
  if (!props.canSend) return null
  return (
    <>
      {props.problems ? (
        <Text className='field-error send-problems' {...a11y({ role: 'status' })}>
          有{props.problems}处需要修改，见上面的红字说明
        </Text>
      ) : null}
      <Button className='big-button' type='primary' size='xlarge' block loading={props.busy} onClick={props.onClick}>
        {props.label}
      </Button>
    </>
  )
}
