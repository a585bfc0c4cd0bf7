import { Text, View } from '@tarojs/components'
import { CaseAction, CaseSourceLabel, labelOf, MeasureTypeLabel, MonitoringTypeLabel, RiskTypeLabel, RoleLabel } from '@jiuzhu/shared/enums'
import { a11y } from '@kit/a11y'
import type { CaseEvent } from '../../../services/cases'
import { formatDay, formatTime, formatYuan } from '../../../services/format'

const str = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : '')
const list = (value: unknown) => (Array.isArray(value) ? value : [])

/** What an event recorded, in one or two lines a cadre reads (opinions and reasons as written). */
export function eventText(event: CaseEvent): string {
  const p = event.payload ?? {}
  switch (event.action) {
    case 'create':
      return [p.source ? `来源：${labelOf(CaseSourceLabel, String(p.source))}` : '', list(p.fileIds).length ? `附照片${list(p.fileIds).length}张` : '']
        .filter(Boolean)
        .join('；')
    case 'escalate':
      return '超过规定天数，已报上级督办'
    case CaseAction.SURVEY_SUBMIT: {
      const line = (p.monitoringLine as { amount?: number } | undefined)?.amount
      const below = p.comparison === 'BELOW'
      return [
        `入户日期 ${formatDay(str(p.visitDate))}，${Number(p.memberCount ?? 0)}人`,
        `人均纯收入 ${formatYuan(Number(p.perCapitaNetIncome))} 元${line !== undefined ? `，${below ? '低于' : '不低于'}监测线 ${formatYuan(Number(line))} 元` : ''}`,
        str(p.findings),
      ]
        .filter(Boolean)
        .join('\n')
    }
    case CaseAction.PUBLICIZE_START:
      return [`评议：${str(p.appraisalResult)}`, `公示 ${formatDay(str(p.noticeStartDate))} 至 ${formatDay(str(p.noticeEndDate))}`].join('\n')
    case CaseAction.COUNTY_CONFIRM:
      return [
        `纳入监测：${labelOf(MonitoringTypeLabel, str(p.monitoringType))}`,
        `风险：${list(p.riskTypes).map((r) => labelOf(RiskTypeLabel, String(r))).join('、')}`,
        `帮扶措施：${list(p.measures).map((m) => labelOf(MeasureTypeLabel, String((m as { type?: string }).type))).join('、')}`,
        str(p.opinion),
      ]
        .filter(Boolean)
        .join('\n')
    default:
      return str(p.reason) || str(p.opinion) || str(p.note)
  }
}

/** The case's timeline: who (name and role), what, when, with what opinion. */
export function Timeline({ events }: { events: CaseEvent[] }) {
  return (
    <View className='timeline' {...a11y({ role: 'list', 'aria-label': '办理过程' })}>
      {events.map((event) => {
        const text = eventText(event)
        const who = event.actorName ? `${event.actorName}（${labelOf(RoleLabel, event.actorRole)}）` : '系统'
        return (
          <View key={event.id} className='timeline-item' {...a11y({ role: 'listitem' })}>
            <View className='timeline-dot' />
            <Text className='timeline-action'>{event.actionLabel}</Text>
            <Text className='timeline-who'>
              {who} · {formatTime(event.at)}
            </Text>
            {text ? <Text className='timeline-text'>{text}</Text> : null}
          </View>
        )
      })}
    </View>
  )
}
