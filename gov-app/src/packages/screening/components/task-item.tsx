import { Text, View } from '@tarojs/components'
import { HouseholdTypeLabel, labelOf, MonitoringTypeLabel } from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import { pressProps } from '@kit/press-props'
import type { ScreeningTask } from '../../../services/screening'
import type { QueuedResult } from '../../../services/screening-queue'
import type { LocalTaskStatus } from '../../../services/use-screening'
import { CONFLICT_TEXT, STATUS_LABELS } from '../labels'

interface TaskItemProps {
  task: ScreeningTask
  status: LocalTaskStatus
  queued: QueuedResult | null
  onOpen: () => void
}

/** One household of the month's list: head, number, address, type, and how its screening stands. */
export function TaskItem({ task, status, queued, onOpen }: TaskItemProps) {
  const household = task.household
  const head = household.headName ?? '户主未登记'
  const type = household.monitoringType ? labelOf(MonitoringTypeLabel, household.monitoringType) : labelOf(HouseholdTypeLabel, household.householdType)
  return (
    <View className='task-item' {...a11y({ role: 'listitem' })}>
      <View
        className={`card task task--${status.toLowerCase()}`}
        onClick={onOpen}
        {...pressProps(onOpen, false)}
      >
        <View className='task-head'>
          <Text className='task-name'>{head}</Text>
          <Text className={`badge badge--${status.toLowerCase()}`}>{STATUS_LABELS[status]}</Text>
        </View>
        <Text className='task-line'>
          户编号 {household.householdNumber} · {type} · {household.memberCount}人
        </Text>
        <Text className='task-line'>{household.address}</Text>
        {status === 'CONFLICT' ? <Text className='task-alert'>{CONFLICT_TEXT}</Text> : null}
        {status === 'REJECTED' ? <Text className='task-alert'>{queued?.message || '记录未通过，请修改后重新保存'}</Text> : null}
      </View>
    </View>
  )
}
