import Taro from '@tarojs/taro'

export async function getLoginCode(): Promise<string> {
  const { code } = await Taro.login()
  if (!code) throw new Error('微信登录失败，请稍后重试')
  return code
}
