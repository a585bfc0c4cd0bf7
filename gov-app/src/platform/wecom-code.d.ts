/**
 * WeCom (企业微信) sign-in for cadres. Implemented per platform: in the WeCom mini-program it asks WeCom for a
 * one-time code; the H5 build has none and signs in with username and password only.
 */
export declare function isWecomAvailable(): boolean
export declare function getWecomCode(): Promise<string>
