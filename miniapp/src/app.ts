import type { PropsWithChildren } from 'react'
import { initTextSize } from '@kit/text-size'
import { useClaimOutbox } from './services/use-claim-outbox'
import './app.scss'

// The saved large-text mode before the first page draws (H5: a class on <html>).
initTextSize()

function App({ children }: PropsWithChildren) {
  // Requests queued without a network go out on app show, when the network comes back, and every minute.
  useClaimOutbox()
  // children are the pages
  return children
}

export default App
