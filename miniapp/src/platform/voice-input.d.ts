export interface VoiceHandlers {
  /** Recognised text, once per finished phrase. */
  onText(text: string): void
  /** Listening has stopped (after a phrase, a stop, or an error). */
  onEnd(): void
  /** Why it failed, in plain Chinese. */
  onError(message: string): void
}

export interface VoiceSession {
  stop(): void
}

/**
 * Voice to text where the platform offers it: the WeChat 同声传译 plugin (WechatSI; only when the build sets
 * TARO_APP_WECHAT_SI=true, since the plugin must be added to the mini-program first), the Web Speech API in H5
 * browsers that have it. Pages hide the voice button when `voiceInputAvailable()` is false.
 */
export declare function voiceInputAvailable(): boolean
export declare function startVoiceInput(handlers: VoiceHandlers): VoiceSession

declare global {
  namespace NodeJS {
    interface ProcessEnv {
      /** 'true' when the WechatSI plugin is declared for the claims subpackage (app.config.ts). */
      TARO_APP_WECHAT_SI: string
    }
  }
}
