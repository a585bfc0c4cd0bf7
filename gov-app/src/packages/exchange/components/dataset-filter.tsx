import { useEffect, useState } from 'react'
import { ChipGroup } from '@kit/chip-group'
import { listDatasets, type Dataset } from '../../../services/exchange'

/** 数据集 as a filter: 全部 plus the datasets I may send; left out when they cannot be read. */
export function DatasetFilter({ id, value, onChange }: { id: string; value: string; onChange: (code: string) => void }) {
  const [datasets, setDatasets] = useState<Dataset[]>([])
  useEffect(() => {
    listDatasets(true).then(setDatasets, () => setDatasets([]))
  }, [])
  if (!datasets.length) return null
  const options = [{ value: '', label: '全部' }, ...datasets.map((d) => ({ value: d.code, label: `${d.departmentLabel}·${d.name}` }))]
  return <ChipGroup id={id} label='数据集' options={options} value={[value]} onChange={([next]) => onChange(next)} />
}
