import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@kit/button'
import { Page } from '@kit/page'
import { CONSENT } from '../../consent-text'
import { acceptConsentInDraft } from '../../draft'
import '../../claims.scss'

/** The text of the 承诺授权书; 同意 ticks the box on the request form and goes back to it. */
export default function ConsentPage() {
  function accept() {
    acceptConsentInDraft()
    void Taro.navigateBack()
  }

  return (
    <Page className='consent-page'>
      <Text className='page-title'>{CONSENT.title}</Text>
      <View className='card consent-text'>
        {CONSENT.paragraphs.map((paragraph) => (
          <Text key={paragraph} className='consent-paragraph'>
            {paragraph}
          </Text>
        ))}
        <Text className='hint'>版本：{CONSENT.version}</Text>
      </View>
      <Button className='big-button' type='primary' size='xlarge' block onClick={accept}>
        我已阅读并同意
      </Button>
      <Button className='big-button' size='large' block onClick={() => void Taro.navigateBack()}>
        返回，先不同意
      </Button>
    </Page>
  )
}
