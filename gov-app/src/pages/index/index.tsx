import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { RoleLabel, labelOf } from '@jiuzhu/shared/enums'
import { Button } from '../../components/ui'
import type { Me } from '../../services/api-types'
import { fetchMe, logout } from '../../services/auth'
import { LOGIN_PAGE, comingSoonUrl } from '../../services/routes'
import { getCachedAccount, goToLogin, isLoggedIn } from '../../services/session'
import './index.scss'

// Work areas; each becomes its own subpackage in a later release.
const ENTRIES = [
  { title: '本月筛查', description: '一月一筛查：本网格农户走访' },
  { title: '待办案件', description: '申报、调查、评议、审核' },
  { title: '农户查询', description: '按户主、户编号查找农户' },
  { title: '预警', description: '行业部门推送的风险预警' },
]

export default function WorkbenchPage() {
  const [me, setMe] = useState<Me | null>(getCachedAccount())

  useDidShow(() => {
    if (!isLoggedIn()) {
      goToLogin()
      return
    }
    fetchMe(true).then(setMe, () => undefined)
  })

  async function leave() {
    await logout()
    await Taro.reLaunch({ url: LOGIN_PAGE })
  }

  return (
    <View className='page workbench-page'>
      {me ? (
        <View className='card who-card'>
          <Text className='who-name'>{me.displayName}</Text>
          <View className='who-row'>
            <Text className='who-label'>角色</Text>
            <Text className='who-value'>{labelOf(RoleLabel, me.role)}</Text>
          </View>
          <View className='who-row'>
            <Text className='who-label'>辖区</Text>
            <Text className='who-value'>{me.regionName ?? me.regionCode ?? '全部'}</Text>
          </View>
        </View>
      ) : null}
      <View className='entry-grid'>
        {ENTRIES.map((entry) => (
          <Button
            key={entry.title}
            className='entry-button'
            size='xlarge'
            onClick={() => Taro.navigateTo({ url: comingSoonUrl(entry.title) })}
          >
            <View className='entry-content'>
              <Text className='entry-title'>{entry.title}</Text>
              <Text className='entry-description'>{entry.description}</Text>
            </View>
          </Button>
        ))}
      </View>
      <Button className='big-button' size='large' block onClick={leave}>
        退出登录
      </Button>
    </View>
  )
}
