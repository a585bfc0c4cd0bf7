import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { logout, useAccount } from '@kit/account'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { EntryButton } from '@kit/entry-button'
import { Page } from '@kit/page'
import { HOME_PAGE } from '@kit/pages'
import { setLargeText, useLargeText } from '@kit/text-size'
import { Toggle } from '@kit/toggle'
import { BINDING_PAGE, MY_CLAIMS_PAGE, MY_TICKETS_PAGE, POLICY_PAGE } from '../../services/routes'
import './index.scss'

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='info-row'>
      <Text className='info-label'>{label}</Text>
      <Text className='info-value'>{value}</Text>
    </View>
  )
}

const LINKS = [
  { title: '我的申请', description: '申请帮扶办到哪一步了', url: MY_CLAIMS_PAGE },
  { title: '我的留言', description: '求助、投诉、咨询和回复', url: MY_TICKETS_PAGE },
  { title: '政策问答', description: '谁可以申请、要走哪几步', url: POLICY_PAGE },
]

export default function MePage() {
  const me = useAccount()
  const largeText = useLargeText()

  const binding = me?.binding
  return (
    <Page className='me-page'>
      <Text className='page-title'>我的</Text>
      {binding ? (
        <View className='card' {...a11y({ role: 'region', 'aria-label': '我的家庭' })}>
          <Text className='card-title'>我的家庭</Text>
          <Row label='家庭成员' value={binding.memberName} />
          <Row label='户编号' value={binding.householdNumber} />
          <Row label='所在村' value={binding.villageName ?? binding.villageCode} />
        </View>
      ) : me ? (
        <View className='card'>
          <Text className='card-title'>还没有绑定家庭成员</Text>
          <Text className='hint'>绑定后可以申请帮助、查看申请进度和本村公示。</Text>
          <Button className='card-button' type='primary' size='large' block onClick={() => Taro.navigateTo({ url: BINDING_PAGE })}>
            去绑定
          </Button>
        </View>
      ) : null}
      <Toggle
        label='大字模式'
        description='字变大，看得更清楚'
        checked={largeText}
        onChange={setLargeText}
      />
      {LINKS.map((link) => (
        <EntryButton
          key={link.title}
          title={link.title}
          description={link.description}
          block
          onClick={() => Taro.navigateTo({ url: link.url })}
        />
      ))}
      <Button className='big-button' size='large' block onClick={() => Taro.reLaunch({ url: HOME_PAGE })}>
        返回首页
      </Button>
      <Button className='big-button' size='large' block onClick={logout}>
        退出登录
      </Button>
    </Page>
  )
}
