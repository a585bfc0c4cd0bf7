export default defineAppConfig({
  // Main package: the entry and the pages every citizen opens. Features live in subpackages.
  pages: ['pages/index/index', 'pages/login/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/account', pages: ['pages/binding/index'] },
    { root: 'packages/common', pages: ['pages/coming-soon/index'] },
    { root: 'packages/notices', pages: ['pages/list/index', 'pages/detail/index'] },
    { root: 'packages/hotline', pages: ['pages/new/index', 'pages/list/index', 'pages/detail/index'] },
    { root: 'packages/policy', pages: ['pages/answers/index'] },
    {
      root: 'packages/claims',
      pages: ['pages/new/index', 'pages/consent/index', 'pages/list/index', 'pages/detail/index'],
      // Voice input (platform/voice-input.weapp.ts) needs WeChat's 同声传译 plugin added to the mini-program first.
      ...(process.env.TARO_APP_WECHAT_SI === 'true'
        ? { plugins: { WechatSI: { version: '0.3.5', provider: 'wx069ba97219f66d99' } } }
        : {}),
    },
    { root: 'packages/messages', pages: ['pages/inbox/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161e',
    navigationBarTitleText: '找政府',
    navigationBarTextStyle: 'white',
  },
})
