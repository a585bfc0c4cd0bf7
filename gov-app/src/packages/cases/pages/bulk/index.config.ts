export default definePageConfig({ navigationBarTitleText: '批量审核' })
