export default defineAppConfig({
  // Main package: the entry and the pages every citizen opens. Features live in subpackages.
  pages: ['pages/index/index', 'pages/login/index', 'pages/me/index'],
  subPackages: [
    { root: 'packages/account', pages: ['pages/binding/index'] },
    { root: 'packages/common', pages: ['pages/coming-soon/index'] },
    { root: 'packages/notices', pages: ['pages/list/index', 'pages/detail/index'] },
    { root: 'packages/hotline', pages: ['pages/new/index', 'pages/list/index', 'pages/detail/index'] },
    { root: 'packages/policy', pages: ['pages/answers/index'] },
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161e',
    navigationBarTitleText: '找政府',
    navigationBarTextStyle: 'white',
  },
})
