import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { Button } from '@kit/button'
import { LoadState } from '@kit/load-state'
import { Page } from '@kit/page'
import { pressProps } from '@kit/press-props'
import { useRemote } from '@kit/use-remote'
import { formatDay } from '../../../../services/dates'
import { listNotices } from '../../../../services/notices'
import type { NoticeSummary } from '../../../../services/notices'
import { BINDING_PAGE, noticeUrl } from '../../../../services/routes'
import { noticeTiming } from '../../notice-timing'
import '../../notice.scss'
import './index.scss'

const PHASE_ORDER = { OPEN: 0, UPCOMING: 1, ENDED: 2 } as const

function NoticeCard({ notice }: { notice: NoticeSummary }) {
  const open = () => void Taro.navigateTo({ url: noticeUrl(notice.id) })
  const timing = noticeTiming(notice)
  const outcome =
    notice.kind === 'RESULT' ? `结果：${notice.decisionLabel ?? ''}` : `拟纳入：${notice.monitoringTypeLabel ?? '监测对象'}`
  return (
    <View
      className='card notice-card'
      onClick={open}
      {...pressProps(open, false)}
    >
      <View className='notice-card-head'>
        <Text className={`badge badge--${notice.kind === 'RESULT' ? 'result' : 'publicity'}`}>{notice.kindLabel}</Text>
        <Text className={`notice-timing notice-timing--${notice.phase.toLowerCase()}`}>{timing.text}</Text>
      </View>
      <Text className='notice-card-title'>{notice.title}</Text>
      <Text className='notice-line'>
        户主：{notice.subjectName}　家庭人口：{notice.householdSize}人
      </Text>
      <Text className='notice-line'>{outcome}</Text>
      <Text className='notice-line notice-dates'>
        公示时间：{formatDay(notice.startDate)} 至 {formatDay(notice.endDate)}
      </Text>
      {notice.objectionCount > 0 ? <Text className='notice-line'>异议：{notice.objectionCount} 条</Text> : null}
      <Text className='notice-more'>查看详情 ›</Text>
    </View>
  )
}

export default function NoticesPage() {
  const notices = useRemote(listNotices)
  const notBound = notices.errorCode === 'CITIZEN_NOT_BOUND'
  const sorted = [...(notices.data ?? [])].sort(
    (a, b) => PHASE_ORDER[a.phase] - PHASE_ORDER[b.phase] || b.startDate.localeCompare(a.startDate),
  )
  const current = sorted.filter((n) => n.phase !== 'ENDED')
  const ended = sorted.filter((n) => n.phase === 'ENDED')

  return (
    <Page className='notices-page'>
      <Text className='page-title'>村务公示</Text>
      <Text className='hint notices-intro'>
        {sorted[0] ? `${sorted[0].villageName}的公示。` : '本村的公示。'}
        公示上不会出现身份证号、电话和病情。公示期内对公示有不同意见，可以在详情里提出异议。
      </Text>
      {notBound ? (
        <View className='card'>
          <Text className='notices-empty'>绑定本人户籍后，才能看到本村的公示。</Text>
          <Button type='primary' size='large' block onClick={() => Taro.navigateTo({ url: BINDING_PAGE })}>
            去绑定
          </Button>
        </View>
      ) : (
        <LoadState loading={notices.loading && !notices.data} error={notices.error} onRetry={notices.reload} />
      )}
      {notices.data && sorted.length === 0 ? (
        <View className='card'>
          <Text className='notices-empty'>本村现在没有公示。</Text>
        </View>
      ) : null}
      {current.length > 0 ? (
        <View className='notices-section'>
          <Text className='section-title'>正在公示</Text>
          {current.map((notice) => (
            <NoticeCard key={notice.id} notice={notice} />
          ))}
        </View>
      ) : null}
      {ended.length > 0 ? (
        <View className='notices-section'>
          <Text className='section-title'>已结束</Text>
          {ended.map((notice) => (
            <NoticeCard key={notice.id} notice={notice} />
          ))}
        </View>
      ) : null}
    </Page>
  )
}
