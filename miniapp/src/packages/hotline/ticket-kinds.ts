import type { Choice } from '@kit/choice-group'
import type { TicketKind } from '../../services/tickets'

export const TICKET_KINDS: Choice<TicketKind>[] = [
  { value: 'HELP', label: '求助申请', description: '家里遇到急事难事，请村里帮忙' },
  { value: 'COMPLAINT', label: '投诉举报', description: '对干部或办事有意见，可以对村里匿名' },
  { value: 'CONSULT', label: '政策咨询', description: '问政策，比如谁可以申请帮扶' },
]

export const SUBJECT_EXAMPLES: Record<TicketKind, string> = {
  HELP: '例如：房子漏雨，想请村里来看看',
  COMPLAINT: '例如：申请交上去一个月没人管',
  CONSULT: '例如：孩子上学能不能申请补助',
}

export const isTicketKind = (value: unknown): value is TicketKind =>
  value === 'HELP' || value === 'COMPLAINT' || value === 'CONSULT'
