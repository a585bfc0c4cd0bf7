export default definePageConfig({ navigationBarTitleText: '找政府' })
