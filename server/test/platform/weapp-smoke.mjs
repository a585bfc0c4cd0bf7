// Smoke test of a Taro app's weapp build: loads dist/weapp in Node's vm the way WeChat would (app.js first,
// then every page listed in app.json), with stub wx/App/Page/Component globals and no `process`: a bare
// process.env.X left in the bundle crashes here as it would in WeChat. Then it runs each page's onLoad so the
// React tree renders into setData. `defineWeappSmokeTests({ app })` registers the tests for one app.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import vm from 'node:vm'

function createWechat() {
  const calls = []
  const storage = new Map()
  const registered = { apps: [], pages: [], components: [] }
  const known = {
    getSystemInfoSync: () => ({ platform: 'devtools', windowWidth: 375, windowHeight: 667, pixelRatio: 2, SDKVersion: '3.4.0', environment: undefined }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, pixelRatio: 2, screenWidth: 375, screenHeight: 667 }),
    getDeviceInfo: () => ({ platform: 'devtools', system: 'iOS 17' }),
    getAppBaseInfo: () => ({ SDKVersion: '3.4.0', language: 'zh_CN' }),
    getStorageSync: (key) => (storage.has(key) ? storage.get(key) : ''),
    setStorageSync: (key, value) => void storage.set(key, value),
    removeStorageSync: (key) => void storage.delete(key),
    canIUse: () => true,
    nextTick: (fn) => setTimeout(fn, 0),
  }
  // Taro copies the APIs it finds on wx (Object.keys), so list the callback-style ones the apps use.
  const asyncApis = [
    'login', 'request', 'showToast', 'hideToast', 'showLoading', 'hideLoading', 'showModal',
    'reLaunch', 'navigateTo', 'redirectTo', 'navigateBack', 'switchTab', 'getStorage', 'setStorage',
    'removeStorage', 'getNetworkType', 'getSetting', 'getUserProfile', 'checkSession', 'scanCode',
  ]
  const wx = { ...known }
  for (const name of asyncApis) {
    wx[name] = (options) => {
      calls.push(name)
      options?.success?.({ errMsg: `${name}:ok` })
      options?.complete?.({ errMsg: `${name}:ok` })
    }
  }
  for (const name of ['onNetworkStatusChange', 'offNetworkStatusChange', 'onAppShow', 'onAppHide', 'onError']) {
    wx[name] = () => undefined
  }
  const errors = []
  const sandboxConsole = {
    ...console,
    error: (...args) => {
      errors.push(args.map(String).join(' '))
      console.error(...args)
    },
  }
  const context = {
    wx,
    console: sandboxConsole,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    App: (config) => registered.apps.push(config),
    Page: (config) => registered.pages.push(config),
    Component: (config) => registered.components.push(config),
    Behavior: (config) => config,
    getApp: () => registered.apps[0],
    getCurrentPages: () => [],
    requirePlugin: () => ({}),
  }
  context.global = context
  context.globalThis = context
  vm.createContext(context)
  assert.equal(vm.runInContext('typeof process', context), 'undefined', 'the sandbox must not have `process`')

  const cache = new Map()
  function load(file) {
    const path = normalize(file.endsWith('.js') ? file : `${file}.js`)
    if (cache.has(path)) return cache.get(path).exports
    const module = { exports: {} }
    cache.set(path, module)
    const code = readFileSync(path, 'utf8')
    const wrapper = vm.runInContext(`(function (require, module, exports) {${code}\n})`, context, { filename: path })
    wrapper((request) => load(join(dirname(path), request)), module, module.exports)
    return module.exports
  }
  return { context, registered, load, calls, errors }
}

/** Registers the smoke tests of the weapp build in `app` (the app's folder, a file URL or a path). */
export function defineWeappSmokeTests({ app }) {
  const root = join(app instanceof URL ? fileURLToPath(app) : app, 'dist', 'weapp')
  const appJsonPath = join(root, 'app.json')

  test('weapp build exists', () => {
    assert.ok(existsSync(appJsonPath), 'dist/weapp/app.json is missing: run `npm run build:weapp` first')
  })

  test('app.js and every page load without process and register themselves', { skip: !existsSync(appJsonPath) }, async () => {
    const appJson = JSON.parse(readFileSync(appJsonPath, 'utf8'))
    const pages = [
      ...appJson.pages,
      ...(appJson.subPackages ?? []).flatMap((sub) => sub.pages.map((page) => `${sub.root}/${page}`)),
    ]
    const { registered, load, errors } = createWechat()
    load(join(root, 'app.js'))
    assert.equal(registered.apps.length, 1, 'app.js must call App() once')
    const app = registered.apps[0]
    app.onLaunch?.call(app, { path: pages[0], query: {}, scene: 1001 })
    app.onShow?.call(app, { path: pages[0], query: {}, scene: 1001 })

    for (const page of pages) {
      const before = registered.pages.length
      load(join(root, `${page}.js`))
      assert.equal(registered.pages.length, before + 1, `${page}.js must call Page() once`)
      const config = registered.pages[before]
      // A page instance as WeChat makes it: the config's methods plus setData.
      const updates = []
      const instance = Object.assign(Object.create(config), {
        route: page,
        is: page,
        data: {},
        setData(data, callback) {
          updates.push(data)
          Object.assign(this.data, data)
          callback?.()
        },
        getPageId: () => `page-${before}`,
        selectComponent: () => null,
        createSelectorQuery: () => ({}),
      })
      config.onLoad?.call(instance, {})
      config.onShow?.call(instance)
      config.onReady?.call(instance)
      // Taro renders on the next tick; wait up to 3 s for the first setData.
      for (let waited = 0; updates.length === 0 && waited < 3000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
      assert.ok(updates.length > 0, `${page} rendered nothing (no setData)`)
      config.onHide?.call(instance)
      config.onUnload?.call(instance)
    }
    assert.deepEqual(errors, [], 'console.error was called while loading or rendering')
  })
}
