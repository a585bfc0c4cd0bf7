/** Where the phone is, for a screening record: optional, never blocks saving. */
export interface PhoneLocation {
  latitude: number
  longitude: number
  /** metres, when the platform says */
  accuracy?: number
}

/**
 * Asks the phone once for its position (at most `timeoutMs`); resolves null when it is refused, unavailable or slow.
 * Implemented per platform: Taro.getLocation in WeChat (needs the scope.userLocation permission text in app.json),
 * navigator.geolocation in a browser (only on HTTPS or localhost).
 */
export declare function getPhoneLocation(timeoutMs?: number): Promise<PhoneLocation | null>
