import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { LoadState } from '@kit/load-state'
import { Page } from '@kit/page'
import { previewStoredImages } from '@kit/stored-image'
import { useRemote } from '@kit/use-remote'
import { fetchMyClaim } from '../../../../services/claims'
import { formatDay, formatTime } from '../../../../services/dates'
import { MY_CLAIMS_PAGE } from '../../../../services/routes'
import { deadlineText, resultText, statusTone, whoText } from '../../components/claim-card'
import { StepBar, stepSummary } from '../../components/step-bar'
import { WithdrawPanel } from '../../components/withdraw-panel'
import { difficultyLabel } from '../../difficulty'
import '../../claims.scss'

function Row({ label, value, tone }: { label: string; value: string; tone?: string }) {
  return (
    <View className='info-row'>
      <Text className='info-label'>{label}</Text>
      <Text className={`info-value ${tone ? `info-value--${tone}` : ''}`}>{value}</Text>
    </View>
  )
}

/** Back to 我的申请: the page below when it is there, a fresh one when the detail was opened from a message. */
function backToList() {
  const pages = Taro.getCurrentPages()
  const below = pages[pages.length - 2]
  if (below && `/${(below.route ?? '').replace(/^\//, '')}`.startsWith(MY_CLAIMS_PAGE)) void Taro.navigateBack()
  else void Taro.redirectTo({ url: MY_CLAIMS_PAGE })
}

/** One request: the six steps, dates and deadline, the result, and what each level said, in order. */
export default function ClaimDetailPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const claim = useRemote(() => fetchMyClaim(id))
  const c = claim.data

  return (
    <Page className='claim-detail-page'>
      <Text className='page-title'>{c ? difficultyLabel(c.difficultyKind) : '申请详情'}</Text>
      <LoadState loading={claim.loading && !c} error={claim.error} onRetry={() => void claim.reload()} />
      {c ? (
        <View>
          <View className='card'>
            <View className='claim-card-head'>
              <Text className='claim-who'>{whoText(c)}</Text>
              <Text className={`badge badge--${statusTone(c)}`}>{c.statusLabel}</Text>
            </View>
            <Text className='claim-step-text'>{stepSummary(c.status, c.stepNumber)}</Text>
            {resultText(c) ? <Text className='claim-result'>{resultText(c)}</Text> : null}
            <Row label='申请编号' value={c.caseNumber} />
            <Row label='申请日期' value={formatTime(c.intakeAt)} />
            {c.daysLeft !== null ? (
              <Row label='办结期限' value={`${formatDay(c.dueDate)}（${deadlineText(c)}）`} tone={c.overdue ? 'overdue' : undefined} />
            ) : null}
            {c.closedAt ? <Row label='办结日期' value={formatTime(c.closedAt)} /> : null}
          </View>

          <View className='card'>
            <Text className='card-title'>办理进度</Text>
            <StepBar status={c.status} stepNumber={c.stepNumber} layout='list' />
          </View>

          <View className='card'>
            <Text className='card-title'>办理过程</Text>
            <View className='timeline' {...a11y({ role: 'list', 'aria-label': '办理过程' })}>
              {c.remarks.map((remark, i) => (
                <View key={`${remark.at}-${i}`} className='timeline-item' {...a11y({ role: 'listitem' })}>
                  <Text className='timeline-time'>{formatTime(remark.at)}</Text>
                  <Text className='timeline-title'>
                    {remark.level}：{remark.action}
                  </Text>
                  {remark.text ? <Text className='timeline-text'>{remark.text}</Text> : null}
                </View>
              ))}
            </View>
          </View>

          <View className='card'>
            <Text className='card-title'>申请内容</Text>
            <Text className='claim-description'>{c.description}</Text>
            {c.attachments?.length ? (
              <View className='claim-photos' {...a11y({ role: 'list', 'aria-label': '我上传的照片' })}>
                <Text className='info-label'>我上传的照片（{c.attachments.length}张）</Text>
                {c.attachments.map((file, i) => (
                  <View key={file.id} {...a11y({ role: 'listitem' })}>
                    <Button
                      className='photo-open-button'
                      onClick={() =>
                        void previewStoredImages(
                          c.attachments!.map((f) => f.id),
                          i,
                        ).catch((e: Error) => void Taro.showToast({ title: e.message, icon: 'none' }))
                      }
                    >
                      {`查看照片${i + 1}${file.name ? `（${file.name}）` : ''}`}
                    </Button>
                  </View>
                ))}
              </View>
            ) : null}
          </View>

          {c.allowedActions.includes('withdraw') ? (
            <WithdrawPanel
              claim={c}
              onDone={(updated) => {
                claim.setData(updated)
                void Taro.showToast({ title: '已撤回', icon: 'success' })
              }}
              onStale={() => void claim.reload()}
            />
          ) : null}
        </View>
      ) : null}
      <Button className='big-button' size='large' block onClick={backToList}>
        返回我的申请
      </Button>
    </Page>
  )
}
