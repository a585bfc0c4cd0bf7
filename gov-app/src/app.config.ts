export default defineAppConfig({
  // Main package: login and the workbench. Each work area (screening, cases, households, warnings) is a subpackage.
  pages: ['pages/index/index', 'pages/login/index'],
  subPackages: [{ root: 'packages/common', pages: ['pages/coming-soon/index'] }],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f4e9c',
    navigationBarTitleText: '政府找',
    navigationBarTextStyle: 'white',
  },
})
