import { Text, View } from '@tarojs/components'
import { CASE_STEPS, CaseStatus, CaseStepLabel, FINAL_CASE_STATUSES } from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'

export type StepState = 'done' | 'current' | 'todo' | 'skipped'

const STATE_LABEL: Record<StepState, string> = {
  done: '已完成',
  current: '正在办理',
  todo: '未开始',
  skipped: '未进行',
}

/**
 * The state of each of the six steps. `stepNumber` is the server's: the step whose work is pending or under way
 * (a new request has finished step 1 and waits at step 2), or for a closed request the step that closed it.
 */
export function stepStates(status: CaseStatus, stepNumber: number | null): StepState[] {
  const closed = FINAL_CASE_STATUSES.includes(status)
  const reached = stepNumber ?? 1
  return CASE_STEPS.map((_, i) => {
    const n = i + 1
    if (!closed) return n < reached ? 'done' : n === reached ? 'current' : 'todo'
    // Confirmed or rejected by the county: every step was gone through.
    if (status === CaseStatus.IDENTIFIED || status === CaseStatus.REJECTED || status === CaseStatus.ELIMINATED || status === CaseStatus.NOT_ELIMINATED) {
      return 'done'
    }
    // Not taken up (at analysis) or withdrawn: the steps after the one that closed it never happened.
    return n <= reached && (status === CaseStatus.DISMISSED || n < reached) ? 'done' : 'skipped'
  })
}

/** One line for the request's place in the six steps. */
export function stepSummary(status: CaseStatus, stepNumber: number | null): string {
  const states = stepStates(status, stepNumber)
  const current = states.indexOf('current')
  if (current >= 0) return `第${current + 1}步（共6步）：${CaseStepLabel[CASE_STEPS[current]]}`
  const done = states.lastIndexOf('done')
  return done >= 0 ? `办到第${done + 1}步（共6步）：${CaseStepLabel[CASE_STEPS[done]]}` : ''
}

interface StepBarProps {
  status: CaseStatus
  stepNumber: number | null
  /** 'bar': six dots in a row (lists); 'list': one row per step with its state (detail) */
  layout?: 'bar' | 'list'
}

/** The six steps 群众自主申报 → … → 县级确定, each marked done / under way / not yet. */
export function StepBar({ status, stepNumber, layout = 'bar' }: StepBarProps) {
  const states = stepStates(status, stepNumber)
  return (
    <View className={`step-bar step-bar--${layout}`} {...a11y({ role: 'list', 'aria-label': '办理进度（共6步）' })}>
      {CASE_STEPS.map((step, i) => {
        const state = states[i]
        const label = `第${i + 1}步 ${CaseStepLabel[step]}：${STATE_LABEL[state]}`
        return (
          <View key={step} className={`step step--${state}`} {...a11y({ role: 'listitem', 'aria-label': label })}>
            <View className='step-dot' {...a11y({ 'aria-hidden': 'true' })}>
              <Text className='step-dot-text'>{state === 'done' ? '✓' : String(i + 1)}</Text>
            </View>
            <Text className='step-label' {...a11y({ 'aria-hidden': 'true' })}>
              {CaseStepLabel[step]}
            </Text>
            {layout === 'list' ? (
              <Text className='step-state' {...a11y({ 'aria-hidden': 'true' })}>
                {STATE_LABEL[state]}
              </Text>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}
