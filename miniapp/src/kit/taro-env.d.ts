/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production'
    TARO_ENV: 'weapp' | 'h5'
    /** Mini-program AppID written into dist/weapp/project.config.json. */
    TARO_APP_ID: string
    /** API base for the weapp build (H5 calls the same origin's /api/v1). Inlined by Taro from .env files. */
    TARO_APP_API_BASE: string
  }
}
