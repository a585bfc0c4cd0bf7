import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { ApiError, request } from '@kit/request'

interface Region {
  code: string
  name: string
  level: string
  parentCode: string | null
}

interface RegionDetail extends Region {
  fullName: string
}

const VILLAGE_CODE_LENGTH = 12
const PROVINCE = '53'

interface RegionChooserProps {
  /** the chosen village (12 digits), '' when none */
  value: string
  valueName: string
  /** where to start looking: the township (or any region) around the user's own village */
  startCode: string
  onChange: (code: string, name: string) => void
  error?: string
}

/**
 * 所在村: the chosen village, and 选择 to walk down from the township (or any level) to a village with big
 * buttons. GET /regions needs no login.
 */
export function RegionChooser({ value, valueName, startCode, onChange, error }: RegionChooserProps) {
  const [open, setOpen] = useState(false)
  const [parent, setParent] = useState<RegionDetail | null>(null)
  const [children, setChildren] = useState<Region[]>([])
  const [loading, setLoading] = useState(false)
  const [loadError, setLoadError] = useState('')

  async function show(code: string) {
    setLoading(true)
    setLoadError('')
    try {
      const [detail, page] = await Promise.all([
        request<RegionDetail>(`/regions/${code}`, { toast: false }),
        request<{ items: Region[] }>(`/regions?parent=${code}&pageSize=100`, { toast: false }),
      ])
      setParent(detail)
      setChildren(page.items)
    } catch (e) {
      setLoadError(e instanceof ApiError ? e.message : '加载失败，请稍后重试')
    } finally {
      setLoading(false)
    }
  }

  useEffect(() => {
    if (open) void show(value ? value.slice(0, 9) : startCode || PROVINCE)
    // opening starts from the chosen village's township; later moves go through show()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  function choose(region: Region) {
    if (region.code.length >= VILLAGE_CODE_LENGTH) {
      onChange(region.code, region.name)
      setOpen(false)
    } else {
      void show(region.code)
    }
  }

  return (
    <View className='field' id='claim-region'>
      <Text className='field-label' id='claim-region-label'>
        他（她）住在哪个村
      </Text>
      <Text className={`region-value ${value ? '' : 'region-value--empty'}`} id='claim-region-value'>
        {value ? valueName || value : '还没有选择'}
      </Text>
      {!open ? (
        <Button className='region-open' size='large' block onClick={() => setOpen(true)}>
          {value ? '换一个村' : '选择村'}
        </Button>
      ) : (
        <View className='region-panel card' {...a11y({ role: 'group', 'aria-label': '选择所在的村' })}>
          <Text className='region-path'>{parent ? parent.fullName : '正在加载…'}</Text>
          {parent?.parentCode ? (
            <Button className='region-up' size='large' block onClick={() => void show(parent.parentCode as string)}>
              ← 回到上一级
            </Button>
          ) : null}
          {loadError ? (
            <View>
              <Text className='field-error' {...a11y({ role: 'alert' })}>
                {loadError}
              </Text>
              <Button size='large' block onClick={() => void show(parent?.code ?? (startCode || PROVINCE))}>
                重试
              </Button>
            </View>
          ) : null}
          {loading ? <Text className='hint'>正在加载…</Text> : null}
          <View className='region-list'>
            {children.map((region) => (
              <Button key={region.code} className='region-item' size='large' block onClick={() => choose(region)}>
                {region.name}
              </Button>
            ))}
          </View>
          <Button className='region-cancel' size='large' block onClick={() => setOpen(false)}>
            取消
          </Button>
        </View>
      )}
      {error ? (
        <Text className='field-error' id='claim-region-error' {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
