export default definePageConfig({ navigationBarTitleText: '报送批次' })
