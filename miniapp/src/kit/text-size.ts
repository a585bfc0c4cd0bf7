import Taro, { useDidShow } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { applyDocumentTextSize } from './text-size-document'

/** Storage key of the large-text mode (适老化); the browser tests read it. */
export const LARGE_TEXT_KEY = 'jiuzhu.largeText'
/** Class on each page's root (and on <html> in H5) that makes every `text()` size of kit/text.scss larger. */
export const LARGE_TEXT_CLASS = 'text-large'

const CHANGED = 'jiuzhu:large-text'

export function isLargeText(): boolean {
  return Taro.getStorageSync(LARGE_TEXT_KEY) === true
}

/** Turns the large-text mode on or off for the whole app, now and on the next start. */
export function setLargeText(on: boolean): void {
  Taro.setStorageSync(LARGE_TEXT_KEY, on)
  applyDocumentTextSize(on)
  Taro.eventCenter.trigger(CHANGED, on)
}

/** At start-up: the saved mode on the document (H5; the weapp has no document, pages carry the class). */
export function initTextSize(): void {
  applyDocumentTextSize(isLargeText())
}

/** The large-text mode for a page: follows the switch at once and again each time the page shows. */
export function useLargeText(): boolean {
  const [large, setLarge] = useState(isLargeText)
  useEffect(() => {
    const listener = (on: boolean) => setLarge(on)
    Taro.eventCenter.on(CHANGED, listener)
    return () => void Taro.eventCenter.off(CHANGED, listener)
  }, [])
  useDidShow(() => setLarge(isLargeText()))
  return large
}
