// Taro's H5 onNetworkStatusChange listens to navigator.connection, which does not change when the network is
// cut; the browser's own `online` event does.
export function watchNetworkBack(onBack: () => void): () => void {
  const listener = () => onBack()
  window.addEventListener('online', listener)
  return () => window.removeEventListener('online', listener)
}
