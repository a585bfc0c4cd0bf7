import { Text, View } from '@tarojs/components'
import Taro, { useDidShow } from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '../../components/ui'
import type { Me } from '../../services/api-types'
import { fetchMe } from '../../services/auth'
import { BINDING_PAGE, ME_PAGE, comingSoonUrl } from '../../services/routes'
import { getCachedAccount, goToLogin, isLoggedIn } from '../../services/session'
import './index.scss'

const ENTRIES = [
  { title: '我要申请帮助', description: '家里遇到困难，向村里和政府申请帮扶' },
  { title: '我的申请', description: '看看申请办到哪一步了' },
  { title: '村务公示', description: '看本村的公示，有意见可以提' },
]

export default function HomePage() {
  const [me, setMe] = useState<Me | null>(getCachedAccount())

  useDidShow(() => {
    if (!isLoggedIn()) {
      goToLogin()
      return
    }
    fetchMe(true).then(setMe, () => undefined)
  })

  return (
    <View className='page home-page'>
      <View className='home-header'>
        <Text className='page-title'>{me?.binding ? `您好，${me.binding.memberName}` : '您好'}</Text>
        <Button className='home-me-button' size='large' onClick={() => Taro.navigateTo({ url: ME_PAGE })}>
          我的
        </Button>
      </View>
      {me && !me.binding ? (
        <View className='card notice-card'>
          <Text className='notice-text'>您还没有绑定家庭成员，绑定后才能申请帮助、查看本村公示。</Text>
          <Button type='primary' size='large' block onClick={() => Taro.navigateTo({ url: BINDING_PAGE })}>
            去绑定
          </Button>
        </View>
      ) : null}
      {ENTRIES.map((entry) => (
        <Button
          key={entry.title}
          className='entry-button'
          size='xlarge'
          block
          onClick={() => Taro.navigateTo({ url: comingSoonUrl(entry.title) })}
        >
          <View className='entry-content'>
            <Text className='entry-title'>{entry.title}</Text>
            <Text className='entry-description'>{entry.description}</Text>
          </View>
        </Button>
      ))}
    </View>
  )
}
