import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Role, RoleLabel, labelOf } from '@jiuzhu/shared/enums'
import { logout, useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { EntryButton } from '@kit/entry-button'
import { comingSoonUrl } from '@kit/pages'
import { CASE_INBOX_PAGE, HOUSEHOLD_SEARCH_PAGE, TICKET_LIST_PAGE } from '../../services/routes'
import { SCREENING_LIST_PAGE } from '../../services/screening-routes'
import { EXCHANGE_UPLOAD_PAGE } from '../../services/exchange-routes'
import { WARNING_INBOX_PAGE } from '../../services/warning-routes'
import './index.scss'

/** The cadres of the registry (every role but the departments' operators and citizens). */
const CADRES: readonly Role[] = [Role.GRID_WORKER, Role.VILLAGE_CADRE, Role.TOWNSHIP_REVIEWER, Role.COUNTY_OFFICER, Role.ADMIN]

// Work areas, each a subpackage, shown to the roles that use them.
const ENTRIES: { title: string; description: string; url?: string; roles: readonly Role[] }[] = [
  { title: '本月筛查', description: '一月一筛查：本网格农户走访', url: SCREENING_LIST_PAGE, roles: CADRES },
  { title: '待办案件', description: '申报、调查、评议、审核', url: CASE_INBOX_PAGE, roles: CADRES },
  { title: '农户查询', description: '按姓名、证件号码查找农户', url: HOUSEHOLD_SEARCH_PAGE, roles: CADRES },
  { title: '热线工单', description: '求助、投诉、咨询的回复和办结', url: TICKET_LIST_PAGE, roles: CADRES },
  { title: '预警', description: '行业部门数据比对发现的风险预警', url: WARNING_INBOX_PAGE, roles: CADRES },
  { title: '数据报送', description: '上传部门数据，查看校验结果和核实反馈', url: EXCHANGE_UPLOAD_PAGE, roles: [Role.DEPARTMENT_OPERATOR, Role.ADMIN] },
]

export default function WorkbenchPage() {
  const me = useAccount({ quiet: true })

  return (
    <View className='page workbench-page'>
      {me ? (
        <View className='card who-card'>
          <Text className='who-name'>{me.displayName}</Text>
          <View className='who-row'>
            <Text className='who-label'>角色</Text>
            <Text className='who-value'>{labelOf(RoleLabel, me.role)}</Text>
          </View>
          <View className='who-row'>
            <Text className='who-label'>辖区</Text>
            <Text className='who-value'>{me.regionName ?? me.regionCode ?? '全部'}</Text>
          </View>
        </View>
      ) : null}
      <View className='entry-grid'>
        {ENTRIES.filter((entry) => !me || entry.roles.includes(me.role)).map((entry) => (
          <EntryButton
            key={entry.title}
            title={entry.title}
            description={entry.description}
            onClick={() => Taro.navigateTo({ url: entry.url ?? comingSoonUrl(entry.title) })}
          />
        ))}
      </View>
      <Button className='big-button' size='large' block onClick={logout}>
        退出登录
      </Button>
    </View>
  )
}
