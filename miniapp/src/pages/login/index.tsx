import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { a11y } from '../../components/a11y'
import { Button } from '../../components/ui'
import { loginWithWechat } from '../../services/auth'
import { ApiError } from '../../services/request'
import { BINDING_PAGE, HOME_PAGE } from '../../services/routes'
import { takeReturnTo } from '../../services/session'
import './index.scss'

export default function LoginPage() {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState('')

  async function login() {
    setBusy(true)
    setError('')
    try {
      const account = await loginWithWechat()
      if (!account.binding) {
        await Taro.reLaunch({ url: BINDING_PAGE })
        return
      }
      await Taro.reLaunch({ url: takeReturnTo() ?? HOME_PAGE })
    } catch (e) {
      setError(e instanceof ApiError || e instanceof Error ? e.message : '登录失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='page login-page'>
      <Text className='login-title'>找政府</Text>
      <Text className='login-subtitle'>有困难，找政府。家里遇到难处，可以在这里申请帮助。</Text>
      {error ? (
        <Text className='form-error' {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
      <Button className='big-button login-button' type='primary' size='xlarge' block loading={busy} onClick={login}>
        微信登录
      </Button>
      <Text className='hint'>登录后需要绑定您家的户籍信息，只用于核实身份。</Text>
    </View>
  )
}
