import type { PropsWithChildren } from 'react'
import { useScreeningSync } from './services/use-screening-sync'
import './app.scss'

function App({ children }: PropsWithChildren) {
  // Screening results queued without a network go out on app show, when the network comes back, every minute.
  useScreeningSync()
  // children are the pages
  return children
}

export default App
