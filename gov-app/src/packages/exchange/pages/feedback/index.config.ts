export default definePageConfig({ navigationBarTitleText: '核实反馈' })
