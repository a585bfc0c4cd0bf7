import { Text } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { ChipGroup } from '@kit/chip-group'
import { type CaseWorker, getCaseWorkers } from '../../../services/cases'

/** The cadres who may survey or lead the case (GET /cases/:id/workers), as chips: one, or several. */
export function WorkerChooser(props: {
  caseId: string
  id: string
  label: string
  value: string[]
  onChange: (ids: string[]) => void
  multiple?: boolean
  hint?: string
  error?: string
}) {
  const [workers, setWorkers] = useState<CaseWorker[] | null>(null)
  const [failed, setFailed] = useState(false)
  useEffect(() => {
    getCaseWorkers(props.caseId).then(setWorkers, () => setFailed(true))
  }, [props.caseId])
  if (failed) return <Text className='field-error'>干部名单没有加载出来，请返回后重新进入。</Text>
  if (!workers) return <Text className='hint'>正在加载干部名单…</Text>
  return (
    <ChipGroup
      id={props.id}
      label={props.label}
      hint={props.hint}
      multiple={props.multiple}
      options={workers.map((w) => ({ value: w.accountId, label: `${w.name}（${w.roleLabel}）` }))}
      value={props.value}
      onChange={props.onChange}
      error={props.error}
    />
  )
}
