export default definePageConfig({ navigationBarTitleText: '政策问答' })
