export default definePageConfig({ navigationBarTitleText: '筛查记录' })
