import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'

// A message for the login page, left by whatever sent the user there (e.g. "登录已失效，请重新登录后发送 3 条待发送记录"
// when the server refused a revoked login while records were waiting). Kept in storage because the login page may
// open before or after the message is left; shown once.

const KEY = 'jiuzhu.loginNotice'
const CHANGED = 'jiuzhu:login-notice'

export function setLoginNotice(message: string): void {
  Taro.setStorageSync(KEY, message)
  Taro.eventCenter.trigger(CHANGED)
}

function takeLoginNotice(): string {
  const message = Taro.getStorageSync(KEY)
  if (message) Taro.removeStorageSync(KEY)
  return typeof message === 'string' ? message : ''
}

/** For the login page: the message left for it ('' when none), also when it is left after the page opened. */
export function useLoginNotice(): string {
  const [notice, setNotice] = useState(takeLoginNotice)
  useEffect(() => {
    const listener = () => {
      const message = takeLoginNotice()
      if (message) setNotice(message)
    }
    Taro.eventCenter.on(CHANGED, listener)
    return () => void Taro.eventCenter.off(CHANGED, listener)
  }, [])
  return notice
}
