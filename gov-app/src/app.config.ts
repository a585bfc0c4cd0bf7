export default defineAppConfig({
  // Main package: login and the workbench. Each work area (screening, cases, households, warnings) is a subpackage.
  pages: ['pages/index/index', 'pages/login/index'],
  subPackages: [
    { root: 'packages/common', pages: ['pages/coming-soon/index'] },
    { root: 'packages/screening', pages: ['pages/list/index', 'pages/household/index', 'pages/form/index'] },
    { root: 'packages/cases', pages: ['pages/inbox/index', 'pages/detail/index', 'pages/action/index', 'pages/bulk/index'] },
    { root: 'packages/tickets', pages: ['pages/list/index', 'pages/detail/index'] },
    { root: 'packages/households', pages: ['pages/search/index', 'pages/detail/index'] },
    { root: 'packages/warnings', pages: ['pages/inbox/index', 'pages/detail/index'] },
    { root: 'packages/exchange', pages: ['pages/upload/index', 'pages/batch/index', 'pages/batches/index', 'pages/feedback/index'] },
  ],
  // The screening form records where a visit took place (optional; platform/location.weapp.ts).
  permission: { 'scope.userLocation': { desc: '记录入户筛查的位置' } },
  requiredPrivateInfos: ['getLocation'],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#1f4e9c',
    navigationBarTitleText: '政府找',
    navigationBarTextStyle: 'white',
  },
})
