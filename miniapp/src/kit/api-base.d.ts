/** Base URL of the JSON API, without a trailing slash. Implemented per platform (api-base.weapp.ts, api-base.h5.ts). */
export declare const API_BASE: string
