// Inlined at build time from the .env files (a bare process.env.X would crash in WeChat).
export const API_BASE = process.env.TARO_APP_API_BASE.replace(/\/+$/, '')
