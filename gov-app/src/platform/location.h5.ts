import type { PhoneLocation } from './location'

export function getPhoneLocation(timeoutMs = 10_000): Promise<PhoneLocation | null> {
  if (typeof navigator === 'undefined' || !navigator.geolocation || (typeof isSecureContext === 'boolean' && !isSecureContext)) {
    return Promise.resolve(null)
  }
  return new Promise((resolve) => {
    // The browser's own timeout does not count the time the permission prompt is open.
    const timer = setTimeout(() => resolve(null), timeoutMs + 1_000)
    navigator.geolocation.getCurrentPosition(
      (position) => {
        clearTimeout(timer)
        const { latitude, longitude, accuracy } = position.coords
        resolve({ latitude, longitude, ...(Number.isFinite(accuracy) ? { accuracy: Math.round(accuracy) } : {}) })
      },
      () => {
        clearTimeout(timer)
        resolve(null)
      },
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    )
  })
}
