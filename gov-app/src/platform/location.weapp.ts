import Taro from '@tarojs/taro'
import type { PhoneLocation } from './location'

export async function getPhoneLocation(timeoutMs = 10_000): Promise<PhoneLocation | null> {
  const timeout = new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))
  const asked = Taro.getLocation({ type: 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: timeoutMs })
    .then((result) => ({
      latitude: result.latitude,
      longitude: result.longitude,
      ...(Number.isFinite(result.accuracy) ? { accuracy: Math.round(result.accuracy) } : {}),
    }))
    .catch(() => null)
  return Promise.race([asked, timeout])
}
