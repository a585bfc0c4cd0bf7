import { defineConfig } from '@tarojs/cli'
import { createTaroConfig } from './taro-app'

export default defineConfig<'webpack5'>(createTaroConfig({ projectName: 'jiuzhu-miniapp', publicPath: '/m/' }))
