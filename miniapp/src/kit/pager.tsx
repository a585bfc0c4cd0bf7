import { Text, View } from '@tarojs/components'
import { a11y } from './a11y'
import { Button } from './button'
import './pager.scss'

interface PagerProps {
  page: number
  pageSize: number
  total: number
  onChange: (page: number) => void
  /** names the list for screen readers, e.g. 案件 */
  label: string
}

/** 上一页 · 第 n / m 页（共 t 条）· 下一页 under a paged list; nothing when it fits on one page. */
export function Pager({ page, pageSize, total, onChange, label }: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return null
  return (
    <View className='pager' {...a11y({ role: 'navigation', 'aria-label': `${label}翻页` })}>
      <Button className='pager-button' size='large' disabled={page <= 1} onClick={() => onChange(page - 1)}>
        上一页
      </Button>
      <Text className='pager-status'>
        第 {page} / {pages} 页（共 {total} 条）
      </Text>
      <Button className='pager-button' size='large' disabled={page >= pages} onClick={() => onChange(page + 1)}>
        下一页
      </Button>
    </View>
  )
}
