import { LabeledInput } from '@kit/labeled-input'
import { MONTH_PATTERN } from '../../../services/exchange'

/** '' when fine (or empty and optional), else the message for a month typed YYYY-MM. */
export function monthProblem(value: string, required: boolean): string {
  const month = value.trim()
  if (!month) return required ? '请填写数据月份' : ''
  return MONTH_PATTERN.test(month) ? '' : '月份格式应为 年-月，如 2025-06'
}

export function MonthField(props: { id: string; label: string; value: string; onChange: (value: string) => void; error?: string; hint?: string; placeholder?: string }) {
  return (
    <LabeledInput
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={props.onChange}
      placeholder={props.placeholder ?? '如 2025-06'}
      hint={props.hint}
      maxlength={7}
      error={props.error}
    />
  )
}
