export default definePageConfig({ navigationBarTitleText: '农户查询' })
