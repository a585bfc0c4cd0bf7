import type { VoiceHandlers, VoiceSession } from './voice-input'

interface RecordRecognitionManager {
  onStop: ((result: { result: string }) => void) | null
  onError: ((result: { msg: string }) => void) | null
  start(options: { duration: number; lang: string }): void
  stop(): void
}

declare const requirePlugin: (name: string) => { getRecordRecognitionManager(): RecordRecognitionManager }

// The plugin can only be required when app.json declares it (TARO_APP_WECHAT_SI=true at build time).
const enabled = process.env.TARO_APP_WECHAT_SI === 'true'

export function voiceInputAvailable(): boolean {
  return enabled
}

export function startVoiceInput(handlers: VoiceHandlers): VoiceSession {
  let manager: RecordRecognitionManager
  try {
    manager = requirePlugin('WechatSI').getRecordRecognitionManager()
  } catch {
    handlers.onError('语音输入暂时不能用，请打字')
    handlers.onEnd()
    return { stop: () => undefined }
  }
  manager.onStop = (result) => {
    if (result.result) handlers.onText(result.result)
    handlers.onEnd()
  }
  manager.onError = () => {
    handlers.onError('没有听清楚，请再说一次或打字')
    handlers.onEnd()
  }
  manager.start({ duration: 60_000, lang: 'zh_CN' })
  return { stop: () => manager.stop() }
}
