import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { Me } from '@jiuzhu/shared/client'
import { Button } from '@kit/button'
import { FormError } from '@kit/form-error'
import { LabeledInput } from '@kit/labeled-input'
import { useLoginNotice } from '@kit/login-notice'
import { HOME_PAGE } from '@kit/pages'
import { takeReturnTo } from '@kit/session'
import { loginWithPassword, loginWithWecom } from '../../services/auth'
import { isWecomAvailable } from '../../platform/wecom-code'
import './index.scss'

export default function LoginPage() {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState({ username: '', password: '' })
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)
  const wecom = isWecomAvailable()
  // why the user was sent here, e.g. a revoked login with screening records waiting to be sent
  const notice = useLoginNotice()

  async function signIn(action: () => Promise<Me>) {
    setBusy(true)
    setFormError('')
    try {
      await action()
      await Taro.reLaunch({ url: takeReturnTo() ?? HOME_PAGE })
    } catch (e) {
      // The server's message is Chinese and says what to do (e.g. when a locked account may try again).
      setFormError(e instanceof Error ? e.message : '登录失败，请稍后重试')
    } finally {
      setBusy(false)
    }
  }

  function submit() {
    const next = {
      username: username.trim() ? '' : '请输入账号',
      password: password ? '' : '请输入密码',
    }
    setErrors(next)
    if (next.username || next.password) return
    void signIn(() => loginWithPassword(username.trim(), password))
  }

  return (
    <View className='page login-page'>
      <Text className='login-title'>政府找</Text>
      <Text className='login-subtitle'>防止返贫动态监测和帮扶 · 干部工作台</Text>
      <FormError message={formError || notice} />
      <LabeledInput
        id='login-username'
        label='账号'
        value={username}
        maxlength={64}
        error={errors.username}
        onChange={setUsername}
      />
      <LabeledInput
        id='login-password'
        label='密码'
        value={password}
        password
        maxlength={128}
        error={errors.password}
        onChange={setPassword}
      />
      <Button className='big-button' type='primary' size='xlarge' block loading={busy} onClick={submit}>
        登录
      </Button>
      {wecom ? (
        <Button className='big-button' size='xlarge' block disabled={busy} onClick={() => signIn(loginWithWecom)}>
          企业微信登录
        </Button>
      ) : null}
      <Text className='hint'>账号由县级管理员开通。忘记密码请联系管理员重置。</Text>
    </View>
  )
}
