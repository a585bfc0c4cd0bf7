import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { Button } from './button'
import { Page } from './page'
import { HOME_PAGE } from './pages'

/** Stands in for features that later releases add (the page at COMING_SOON_PAGE in both apps). */
export function ComingSoonPage() {
  const { params } = useRouter()
  const title = params.title ? decodeURIComponent(params.title) : '这项功能'
  return (
    <Page>
      <Text className='page-title'>{title}</Text>
      <View className='card'>
        <Text>「{title}」即将开放，请先联系村委会或拨打当地政府服务热线。</Text>
      </View>
      <Button className='big-button' size='large' block onClick={() => Taro.reLaunch({ url: HOME_PAGE })}>
        返回首页
      </Button>
    </Page>
  )
}
