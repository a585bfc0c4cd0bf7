import Taro from '@tarojs/taro'

interface WecomApi {
  login(options: { success(result: { code: string }): void; fail(error: unknown): void }): void
}

function wecom(): WecomApi | undefined {
  return (globalThis as unknown as { wx?: { qy?: WecomApi } }).wx?.qy
}

export function isWecomAvailable(): boolean {
  try {
    return Taro.getSystemInfoSync().environment === 'wxwork' && Boolean(wecom())
  } catch {
    return false
  }
}

export function getWecomCode(): Promise<string> {
  return new Promise((resolve, reject) => {
    const api = wecom()
    if (!api) {
      reject(new Error('请在企业微信中打开'))
      return
    }
    api.login({
      success: (result) => (result.code ? resolve(result.code) : reject(new Error('企业微信登录失败，请稍后重试'))),
      fail: () => reject(new Error('企业微信登录失败，请稍后重试')),
    })
  })
}
