import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { Button } from '@kit/button'
import { Page } from '@kit/page'
import { FormError } from '@kit/form-error'
import { HOME_PAGE } from '@kit/pages'
import { ApiError } from '@kit/request'
import { takeReturnTo } from '@kit/session'
import { loginWithWechat } from '../../services/auth'
import { BINDING_PAGE } from '../../services/routes'
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
    <Page className='login-page'>
      <Text className='login-title'>找政府</Text>
      <Text className='login-subtitle'>有困难，找政府。家里遇到难处，可以在这里申请帮助。</Text>
      <FormError message={error} />
      <Button className='big-button login-button' type='primary' size='xlarge' block loading={busy} onClick={login}>
        微信登录
      </Button>
      <Text className='hint'>登录后需要绑定您家的户籍信息，只用于核实身份。</Text>
    </Page>
  )
}
