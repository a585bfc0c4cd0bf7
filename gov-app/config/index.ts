import { defineConfig } from '@tarojs/cli'
import { createTaroConfig } from '@jiuzhu/miniapp/taro-config'

// The build config both apps share lives in miniapp/config/taro-app.js (docs/decisions.md).
export default defineConfig<'webpack5'>(createTaroConfig({ projectName: 'jiuzhu-gov-app', publicPath: '/gov/' }))
