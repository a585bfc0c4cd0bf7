import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import devConfig from './dev'
import prodConfig from './prod'

// NutUI is drawn for a 375 px design; our own pages use the 750 px design.
function designWidth(input?: string | number | { file?: string }): number {
  const file = typeof input === 'object' ? input.file : undefined
  return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
}

export default defineConfig<'webpack5'>(async (merge) => {
  const platform = process.env.TARO_ENV || 'weapp'
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'jiuzhu-gov-app',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    plugins: [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: { type: 'webpack5', prebundle: { enable: false } },
    cache: { enable: false },
    mini: {
      // Moves modules used only by subpackages out of the main package (WeChat refuses a main package over 2 MB).
      optimizeMainPackage: { enable: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      // The server serves this build at /gov/ and the API at the same origin.
      publicPath: '/gov/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      webpackChain(chain) {
        // Taro splits only initial chunks; page chunks would each carry their own copy of NutUI and the
        // Taro components. Splitting async chunks too shares them.
        const splitChunks = chain.optimization.get('splitChunks')
        if (splitChunks) chain.optimization.splitChunks({ ...splitChunks, chunks: 'all' })
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig)
  return merge({}, baseConfig, prodConfig)
})
