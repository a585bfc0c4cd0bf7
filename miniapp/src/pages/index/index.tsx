import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { a11y } from '@kit/a11y'
import { useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { EntryButton } from '@kit/entry-button'
import { Page } from '@kit/page'
import { comingSoonUrl } from '@kit/pages'
import { BINDING_PAGE, ME_PAGE, NOTICES_PAGE, POLICY_PAGE, newTicketUrl } from '../../services/routes'
import { MESSAGES_PAGE, MY_CLAIMS_PAGE, NEW_CLAIM_PAGE } from '../../services/routes'
import { useUnreadCount } from '../../services/use-unread-count'
import './index.scss'

const ENTRIES: { title: string; description: string; url?: string }[] = [
  { title: '我要申请帮助', description: '家里遇到困难，向村里和政府申请帮扶', url: NEW_CLAIM_PAGE },
  { title: '我的申请', description: '看看申请办到哪一步了', url: MY_CLAIMS_PAGE },
  { title: '村务公示', description: '看本村的公示，有意见可以提', url: NOTICES_PAGE },
]

// Smaller entries under the three big ones.
const MORE_ENTRIES = [
  { title: '政策咨询', description: '常见问题和回答', url: POLICY_PAGE },
  { title: '投诉举报', description: '可以对村里匿名', url: newTicketUrl('COMPLAINT') },
]

export default function HomePage() {
  const me = useAccount({ quiet: true })
  const unread = useUnreadCount()

  return (
    <Page className='home-page'>
      <View className='home-header'>
        <Text className='page-title'>{me?.binding ? `您好，${me.binding.memberName}` : '您好'}</Text>
        <View className='home-header-buttons'>
          <Button
            className='home-me-button'
            size='large'
            onClick={() => Taro.navigateTo({ url: MESSAGES_PAGE })}
            {...a11y({ 'aria-label': unread ? `消息，${unread}条未读` : '消息' })}
          >
            消息{unread ? <Text className='home-badge'>{unread > 99 ? '99+' : unread}</Text> : null}
          </Button>
          <Button className='home-me-button' size='large' onClick={() => Taro.navigateTo({ url: ME_PAGE })}>
            我的
          </Button>
        </View>
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
        <EntryButton
          key={entry.title}
          title={entry.title}
          description={entry.description}
          block
          onClick={() => Taro.navigateTo({ url: entry.url ?? comingSoonUrl(entry.title) })}
        />
      ))}
      <View className='home-more'>
        {MORE_ENTRIES.map((entry) => (
          <EntryButton
            key={entry.title}
            title={entry.title}
            description={entry.description}
            onClick={() => Taro.navigateTo({ url: entry.url })}
          />
        ))}
      </View>
    </Page>
  )
}
