export function isWecomAvailable(): boolean {
  return false
}

export async function getWecomCode(): Promise<string> {
  throw new Error('网页版请使用账号密码登录')
}
