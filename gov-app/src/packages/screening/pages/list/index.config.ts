export default definePageConfig({ navigationBarTitleText: '本月筛查', enablePullDownRefresh: true })
