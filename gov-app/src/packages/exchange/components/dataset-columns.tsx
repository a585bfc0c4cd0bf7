import { Text, View } from '@tarojs/components'
import { a11y } from '@kit/a11y'
import type { DatasetColumn } from '../../../services/exchange'

const TYPE_TEXT: Record<string, string> = {
  idNumber: '18位身份证号码，请设为文本格式',
  string: '文字',
  integer: '整数',
  decimal: '数字（元）',
  date: '日期，如 2025-06-01',
  month: '月份，如 2025-06',
  enum: '取值之一',
  boolean: '是 或 否',
}

/** What each column of the file holds: its header, required or not, what may be written in it. */
export function columnRule(column: DatasetColumn): string {
  const parts = [column.required ? '必填' : '选填', TYPE_TEXT[column.type] ?? column.type]
  if (column.values?.length) parts.push(column.values.join('、'))
  if (column.note) parts.push(column.note)
  return parts.join('；')
}

export function DatasetColumns({ columns }: { columns: DatasetColumn[] }) {
  return (
    <View className='columns' {...a11y({ role: 'list', 'aria-label': '文件的列' })}>
      {columns.map((column) => (
        <View key={column.key} className='column' {...a11y({ role: 'listitem' })}>
          <Text className='column-header'>{column.header}</Text>
          <Text className='column-rule'>{columnRule(column)}</Text>
        </View>
      ))}
    </View>
  )
}
