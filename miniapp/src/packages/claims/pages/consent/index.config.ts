export default definePageConfig({ navigationBarTitleText: '承诺授权书' })
