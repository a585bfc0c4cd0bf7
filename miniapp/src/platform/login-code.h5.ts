import Taro from '@tarojs/taro'

const DEV_ID_KEY = 'jiuzhu.devLoginId'

// The same browser keeps the same dev identity, so it comes back to the same account and binding.
export async function getLoginCode(): Promise<string> {
  let id = Taro.getStorageSync<string>(DEV_ID_KEY)
  if (!id) {
    id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
    Taro.setStorageSync(DEV_ID_KEY, id)
  }
  return `dev:${id}`
}
