import type { VoiceHandlers, VoiceSession } from './voice-input'

interface RecognitionResultEvent {
  results: ArrayLike<ArrayLike<{ transcript: string }> & { isFinal: boolean }>
  resultIndex: number
}

interface Recognition {
  lang: string
  continuous: boolean
  interimResults: boolean
  onresult: ((event: RecognitionResultEvent) => void) | null
  onerror: ((event: { error: string }) => void) | null
  onend: (() => void) | null
  start(): void
  stop(): void
}

type RecognitionConstructor = new () => Recognition

function recognitionClass(): RecognitionConstructor | null {
  const w = window as unknown as { SpeechRecognition?: RecognitionConstructor; webkitSpeechRecognition?: RecognitionConstructor }
  return w.SpeechRecognition ?? w.webkitSpeechRecognition ?? null
}

const ERRORS: Record<string, string> = {
  'not-allowed': '没有使用麦克风的权限，请在浏览器设置里允许',
  'service-not-allowed': '这个浏览器不能使用语音输入，请打字',
  'no-speech': '没有听到声音，请再说一次',
  'audio-capture': '找不到麦克风',
  network: '语音识别需要网络，请稍后再试或打字',
}

export function voiceInputAvailable(): boolean {
  return recognitionClass() !== null
}

export function startVoiceInput(handlers: VoiceHandlers): VoiceSession {
  const Recognition = recognitionClass()
  if (!Recognition) {
    handlers.onError('这个浏览器不能使用语音输入，请打字')
    handlers.onEnd()
    return { stop: () => undefined }
  }
  const recognition = new Recognition()
  recognition.lang = 'zh-CN'
  recognition.continuous = false
  recognition.interimResults = false
  recognition.onresult = (event) => {
    for (let i = event.resultIndex; i < event.results.length; i++) {
      const result = event.results[i]
      if (result.isFinal && result[0]?.transcript) handlers.onText(result[0].transcript)
    }
  }
  recognition.onerror = (event) => {
    if (event.error !== 'aborted') handlers.onError(ERRORS[event.error] ?? '语音输入没有成功，请再试一次或打字')
  }
  recognition.onend = () => handlers.onEnd()
  try {
    recognition.start()
  } catch {
    handlers.onError('语音输入没有成功，请再试一次或打字')
    handlers.onEnd()
  }
  return { stop: () => recognition.stop() }
}
