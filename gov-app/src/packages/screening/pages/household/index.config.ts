export default definePageConfig({ navigationBarTitleText: '农户情况' })
