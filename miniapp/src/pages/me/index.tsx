import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { logout, useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { HOME_PAGE } from '@kit/pages'
import { BINDING_PAGE } from '../../services/routes'
import './index.scss'

function Row({ label, value }: { label: string; value: string }) {
  return (
    <View className='info-row'>
      <Text className='info-label'>{label}</Text>
      <Text className='info-value'>{value}</Text>
    </View>
  )
}

export default function MePage() {
  const me = useAccount()

  const binding = me?.binding
  return (
    <View className='page me-page'>
      <Text className='page-title'>我的</Text>
      {binding ? (
        <View className='card' aria-label='我的家庭'>
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
      <Button className='big-button' size='large' block onClick={() => Taro.reLaunch({ url: HOME_PAGE })}>
        返回首页
      </Button>
      <Button className='big-button' size='large' block onClick={logout}>
        退出登录
      </Button>
    </View>
  )
}
