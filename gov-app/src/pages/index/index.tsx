import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { RoleLabel, labelOf } from '@jiuzhu/shared/enums'
import { logout, useAccount } from '@kit/account'
import { Button } from '@kit/button'
import { EntryButton } from '@kit/entry-button'
import { comingSoonUrl } from '@kit/pages'
import { CASE_INBOX_PAGE, HOUSEHOLD_SEARCH_PAGE, TICKET_LIST_PAGE } from '../../services/routes'
import { SCREENING_LIST_PAGE } from '../../services/screening-routes'
import './index.scss'

// Work areas, each a subpackage; 预警 comes in a later release.
const ENTRIES: { title: string; description: string; url?: string }[] = [
  { title: '本月筛查', description: '一月一筛查：本网格农户走访', url: SCREENING_LIST_PAGE },
  { title: '待办案件', description: '申报、调查、评议、审核', url: CASE_INBOX_PAGE },
  { title: '农户查询', description: '按姓名、证件号码查找农户', url: HOUSEHOLD_SEARCH_PAGE },
  { title: '热线工单', description: '求助、投诉、咨询的回复和办结', url: TICKET_LIST_PAGE },
  { title: '预警', description: '行业部门推送的风险预警' },
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
        {ENTRIES.map((entry) => (
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
