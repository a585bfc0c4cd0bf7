import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { DetailRow } from '@kit/detail-row'
import { fieldErrorsOf, formErrorOf } from '@kit/field-errors'
import { FormError } from '@kit/form-error'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { LoadState } from '@kit/load-state'
import { Page } from '@kit/page'
import { Pager } from '@kit/pager'
import { pressProps } from '@kit/press-props'
import { ApiError } from '@kit/request'
import { useDraft } from '@kit/use-draft'
import { useRemote } from '@kit/use-remote'
import { type BulkCandidate, type BulkResult, bulkApprove, getBulkCandidates } from '../../../../services/cases'
import { deadlineText, formatYuan } from '../../../../services/format'
import { caseDetailUrl } from '../../../../services/routes'
import { placeOf } from '../../components/case-card'
import '@kit/chip-group.scss'
import '../../cases.scss'

const OUTCOME_TEXT: Record<BulkResult['outcome'], string> = { DONE: '已同意', CONFLICT: '已被他人处理', REFUSED: '未办理' }

function CandidateRow({ item, checked, onToggle }: { item: BulkCandidate; checked: boolean; onToggle: () => void }) {
  const deadline = deadlineText(item)
  const open = () => void Taro.navigateTo({ url: caseDetailUrl(item.id) })
  return (
    <View className={`case-card ${deadline.late ? 'case-card--late' : ''}`}>
      {item.clean ? (
        <View className={`chip ${checked ? 'chip--checked' : ''}`} onClick={onToggle} {...pressProps(onToggle, false)} {...a11y({ role: 'checkbox', 'aria-checked': String(checked), 'aria-label': `选择 ${item.subjectName ?? ''} ${item.caseNumber}` })}>
          {checked ? <Text className='chip-mark'>✓</Text> : null}
          <Text className='chip-label'>{checked ? '已选' : '选择'}</Text>
        </View>
      ) : null}
      <View className='case-card-head'>
        <Text className='case-card-name'>{item.subjectName || '（未登记户）'}</Text>
        <Text className='badge'>{item.clean ? '可批量' : '须逐件审核'}</Text>
      </View>
      <Text className='case-card-meta'>
        {placeOf(item.regionName)} · {item.caseNumber}
      </Text>
      {item.perCapitaNetIncome !== null ? (
        <Text className='case-card-line'>
          人均纯收入 {formatYuan(item.perCapitaNetIncome)} 元（{item.comparison === 'BELOW' ? '低于监测线' : '不低于监测线'}）
        </Text>
      ) : null}
      {item.objections ? <Text className='case-card-line'>公示期间异议 {item.objections} 条（均已答复）</Text> : null}
      {item.notCleanReasons.map((reason) => (
        <Text key={reason} className='case-card-line result-other'>
          {reason}
        </Text>
      ))}
      <Text className={`deadline ${deadline.late ? 'deadline--late' : ''}`}>{deadline.late ? `⚠ ${deadline.text}` : deadline.text}</Text>
      <Button size='large' block onClick={open}>
        查看案件
      </Button>
    </View>
  )
}

/**
 * 批量审核 (township reviewers): the cases waiting for the township; the clean ones (no unanswered objection, never
 * returned, survey complete: the server decides) can be approved together with one opinion. Each is done on its own:
 * the answer says per case whether it was approved, changed by someone meanwhile, or refused and why.
 */
export default function BulkApprovalPage() {
  const [page, setPage] = useState(1)
  const remote = useRemote(() => getBulkCandidates(page))
  const [loadedPage, setLoadedPage] = useState(page)
  useEffect(() => {
    if (page === loadedPage) return
    setLoadedPage(page)
    void remote.reload()
  }, [page, loadedPage, remote])
  const [selected, setSelected] = useState<string[]>([])
  const [draft, update, clear] = useDraft('bulk-approve', { opinion: '' })
  const [opinionError, setOpinionError] = useState('')
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const [results, setResults] = useState<(BulkResult & { name: string })[] | null>(null)
  const data = remote.data
  const clean = data?.items.filter((c) => c.clean) ?? []
  const chosen = clean.filter((c) => selected.includes(c.id))

  async function approve() {
    setFormError('')
    const missing = draft.opinion.trim() ? '' : '请填写审核意见'
    setOpinionError(missing)
    if (missing) return
    if (!chosen.length) {
      setFormError('请先选择要同意的案件')
      return
    }
    setBusy(true)
    try {
      const answer = await bulkApprove(draft.opinion.trim(), chosen.map((c) => ({ id: c.id, version: c.version })))
      const names = new Map(chosen.map((c) => [c.id, c.subjectName ?? c.caseNumber]))
      setResults(answer.results.map((r) => ({ ...r, name: names.get(r.id) ?? r.caseNumber ?? '' })))
      setSelected([])
      if (answer.done) clear()
      await remote.reload()
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      setOpinionError(fieldErrorsOf(e).opinion ?? '')
      setFormError(formErrorOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <Page className='bulk-page'>
      <Text className='page-title'>批量审核</Text>
      <Text className='hint'>可批量同意的案件：公示无未答复的异议、从未被退回、实地调查完整（两人以上入户、成员已核实、收入和两不愁三保障填写完整）。其余案件请逐件审核。</Text>
      {results ? (
        <View className='card' {...a11y({ role: 'status' })}>
          <Text className='section-title'>办理结果</Text>
          <View {...a11y({ role: 'list', 'aria-label': '办理结果' })}>
            {results.map((r) => (
              <View key={r.id} {...a11y({ role: 'listitem' })}>
                <DetailRow
                  label={r.name}
                  value={<Text className={r.outcome === 'DONE' ? 'result-done' : 'result-other'}>{r.outcome === 'DONE' ? r.message : `${OUTCOME_TEXT[r.outcome]}：${r.message}`}</Text>}
                />
              </View>
            ))}
          </View>
        </View>
      ) : null}
      <LoadState loading={remote.loading && !data} error={remote.error} onRetry={remote.reload} />
      {data ? (
        <>
          <View className='list' {...a11y({ role: 'list', 'aria-label': '待乡镇审核的案件' })}>
            {data.items.map((item) => (
              <View key={item.id} {...a11y({ role: 'listitem' })}>
                <CandidateRow
                  item={item}
                  checked={selected.includes(item.id)}
                  onToggle={() => setSelected((s) => (s.includes(item.id) ? s.filter((x) => x !== item.id) : [...s, item.id]))}
                />
              </View>
            ))}
          </View>
          {!data.items.length ? <Text className='empty'>没有待乡镇审核的案件。</Text> : null}
          <Pager label='案件' page={data.page} pageSize={data.pageSize} total={data.total} onChange={setPage} />
          {clean.length ? (
            <View className='card'>
              <Button size='large' block onClick={() => setSelected(chosen.length === clean.length ? [] : clean.map((c) => c.id))}>
                {chosen.length === clean.length ? '全部不选' : `全选可批量的（${clean.length}件）`}
              </Button>
              <FormError message={formError} />
              <LabeledTextarea
                id='bulk-opinion'
                label='审核意见（每件记录同一意见）'
                placeholder='例如：经审核，情况属实，同意报县级确定'
                value={draft.opinion}
                maxlength={1000}
                error={opinionError}
                onChange={(opinion) => update({ opinion })}
              />
              <Button className='big-button' type='primary' size='xlarge' block loading={busy} onClick={approve}>
                同意所选的{chosen.length}件
              </Button>
            </View>
          ) : null}
        </>
      ) : null}
    </Page>
  )
}
