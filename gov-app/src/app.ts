import type { PropsWithChildren } from 'react'
import './app.scss'

function App({ children }: PropsWithChildren) {
  // children are the pages
  return children
}

export default App
