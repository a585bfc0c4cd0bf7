/**
 * The one-time code that POST /auth/wechat exchanges for a session. Implemented per platform:
 * weapp asks WeChat (Taro.login); H5 has no wx.login, so it sends a dev code the server's dev provider accepts.
 */
export declare function getLoginCode(): Promise<string>
