import Taro from '@tarojs/taro'

export function watchNetworkBack(onBack: () => void): () => void {
  let connected = true
  const listener = (result: { isConnected: boolean }) => {
    if (result.isConnected && !connected) onBack()
    connected = result.isConnected
  }
  Taro.onNetworkStatusChange(listener)
  return () => Taro.offNetworkStatusChange(listener)
}
