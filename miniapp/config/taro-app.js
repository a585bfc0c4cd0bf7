// @ts-check
// The Taro build config of both apps: gov-app's config/index.ts imports it as @jiuzhu/miniapp/taro-config.
// Plain CommonJS because Taro compiles only the TypeScript in the building app's own config/ folder.
const path = require('node:path')

/** The Taro and React pieces both apps use (docs/decisions.md, "One copy of the app shell"), imported as `@kit/...`. */
const KIT_DIR = path.join(__dirname, '..', 'src', 'kit')

/**
 * NutUI is drawn for a 375 px design; our own pages use the 750 px design.
 * @param {string | number | { file?: string }} [input]
 */
function designWidth(input) {
  const file = typeof input === 'object' ? input.file : undefined
  return file?.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750
}

const cssModules = { enable: false, config: { namingPattern: /** @type {const} */ ('module'), generateScopedName: '[name]__[local]___[hash:base64:5]' } }

/**
 * @param {{ projectName: string, publicPath: string }} app `publicPath`: where the server serves the H5 build ('/m/', '/gov/')
 * @returns {import('@tarojs/cli').UserConfigFn<'webpack5'>}
 */
function createTaroConfig({ projectName, publicPath }) {
  return () => {
    const platform = process.env.TARO_ENV || 'weapp'
    /** @type {import('@tarojs/taro/types/compile').IProjectConfig<'webpack5'>} */
    const config = {
      projectName,
      designWidth,
      deviceRatio: {
        640: 2.34 / 2,
        750: 1,
        375: 2,
        828: 1.81 / 2,
      },
      sourceRoot: 'src',
      outputRoot: `dist/${platform}`,
      alias: { '@kit': KIT_DIR },
      plugins: [],
      defineConstants: {},
      copy: { patterns: [], options: {} },
      framework: 'react',
      compiler: { type: 'webpack5', prebundle: { enable: false } },
      cache: { enable: false },
      // No progress bar in CI logs; errors and warnings are still printed.
      logger: process.env.NODE_ENV === 'development' ? { quiet: false, stats: true } : { quiet: true, stats: false },
      mini: {
        // The webpack5 runner compiles only src/ unless told: the kit is gov-app's outside its src/.
        compile: { include: [KIT_DIR] },
        // Moves modules used only by subpackages out of the main package (WeChat refuses a main package over 2 MB).
        optimizeMainPackage: { enable: true },
        postcss: {
          pxtransform: { enable: true, config: {} },
          cssModules,
        },
      },
      h5: {
        compile: { include: [KIT_DIR] },
        // The server serves this build at publicPath and the API at the same origin.
        publicPath,
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
          cssModules,
        },
      },
    }
    return config
  }
}

module.exports = { createTaroConfig, KIT_DIR }
