import { Text, View } from '@tarojs/components'
import Taro, { useDidHide, useDidShow, useRouter } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { DetailRow } from '@kit/detail-row'
import { formErrorOf } from '@kit/field-errors'
import { FormError } from '@kit/form-error'
import { LoadState } from '@kit/load-state'
import { Page } from '@kit/page'
import { ApiError } from '@kit/request'
import { useRemote } from '@kit/use-remote'
import { formatTime } from '../../../../services/format'
import {
  downloadErrorReport,
  downloadUnmatched,
  EXCHANGE_BATCHES_PAGE,
  EXCHANGE_UPLOAD_PAGE,
  feedbackUrl,
  formatBytes,
  getBatch,
  isRunning,
  type Batch,
} from '../../../../services/exchange'
import { formatMonth } from '../../../../services/warnings'
import { ProgressBar } from '../../components/progress-bar'
import '../../exchange.scss'

const POLL_MS = 2000

/** How far the server is: bytes read of the file while parsing; the rows so far in words. */
function progressOf(batch: Batch): { percent: number; text: string } {
  const { totalBytes, bytesProcessed, rowsProcessed } = batch.progress
  const percent = totalBytes > 0 ? (bytesProcessed / totalBytes) * 100 : 0
  const read = totalBytes > 0 ? `已读取 ${formatBytes(bytesProcessed)} / ${formatBytes(totalBytes)}，` : ''
  return { percent, text: `${batch.statusLabel}：${read}已处理 ${rowsProcessed} 行` }
}

/**
 * 报送批次: the batch the server is working on (read again every 2 s while it runs), its counts, and once done the
 * error report and the unmatched list to download (xlsx, fetched with the session).
 */
export default function ExchangeBatchPage() {
  const { params } = useRouter()
  const id = params.id ?? ''
  const replayed = params.replayed === '1'
  const remote = useRemote(() => getBatch(id))
  const batch = remote.data
  const [pollError, setPollError] = useState('')
  const [downloadError, setDownloadError] = useState('')
  const [downloading, setDownloading] = useState('')
  const visible = useRef(true)
  const [tick, setTick] = useState(0)

  useDidShow(() => {
    visible.current = true
  })
  useDidHide(() => {
    visible.current = false
  })

  // While the batch runs, read it again every 2 s (quietly; a failed read is shown on the page and retried).
  const running = !!batch && isRunning(batch)
  const setBatch = remote.setData
  useEffect(() => {
    if (!running) return
    const timer = setTimeout(async () => {
      if (visible.current) {
        try {
          setBatch(await getBatch(id, true))
          setPollError('')
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) return
          setPollError(`${formErrorOf(e, '读取进度失败')}，稍后自动重试`)
        }
      }
      setTick((n) => n + 1)
    }, POLL_MS)
    return () => clearTimeout(timer)
  }, [running, tick, id, setBatch])

  async function download(kind: 'errors' | 'unmatched') {
    if (!batch) return
    setDownloadError('')
    setDownloading(kind)
    try {
      await (kind === 'errors' ? downloadErrorReport(batch) : downloadUnmatched(batch))
    } catch (e) {
      setDownloadError(formErrorOf(e, '下载失败，请稍后重试'))
    } finally {
      setDownloading('')
    }
  }

  const progress = batch ? progressOf(batch) : null

  return (
    <Page className='exchange-batch-page'>
      <LoadState loading={remote.loading && !batch} error={remote.error} onRetry={remote.reload} />
      {batch && progress ? (
        <>
          <Text className='page-title'>
            {batch.datasetName} · {formatMonth(batch.month)}
          </Text>
          {replayed || batch.replayed ? (
            <Text className='notice' {...a11y({ role: 'alert' })}>
              这个文件此前已经报送过，下面是原来的批次，数据没有重复处理。
            </Text>
          ) : null}
          <View className='card'>
            <Text className={`status-line ${batch.status === 'FAILED' ? 'status-line--failed' : ''}`} {...a11y({ role: 'status' })}>
              {batch.status === 'FAILED' ? '⚠ ' : ''}
              {batch.statusLabel}
            </Text>
            {running ? <ProgressBar label='处理进度' percent={progress.percent} text={progress.text} /> : null}
            {batch.error ? <Text className='form-error'>{batch.error}</Text> : null}
            <DetailRow label='数据来源' value={`${batch.departmentLabel} · ${batch.datasetName}`} />
            <DetailRow label='文件' value={batch.fileName} />
            <DetailRow label='报送时间' value={formatTime(batch.createdAt)} />
            {batch.finishedAt ? <DetailRow label='完成时间' value={formatTime(batch.finishedAt)} /> : null}
          </View>
          {pollError ? <FormError message={pollError} /> : null}

          <Text className='section-title'>处理结果</Text>
          <View className='card' {...a11y({ role: 'group', 'aria-label': '处理结果' })}>
            <DetailRow label='收到' value={`${batch.counts.received} 行`} />
            <DetailRow label='校验通过' value={`${batch.counts.valid} 行`} />
            <DetailRow label='有错误' value={`${batch.counts.invalid} 行`} />
            <DetailRow label='匹配到农户' value={`${batch.counts.matched} 人`} />
            <DetailRow label='未匹配' value={`${batch.counts.unmatched} 人`} />
            <DetailRow label='产生预警' value={`${batch.counts.warnings} 条`} />
            {running ? <Text className='hint'>处理中，数字会随进度更新。</Text> : null}
          </View>

          {batch.status === 'DONE' ? (
            <View className='actions'>
              {batch.counts.invalid > 0 ? (
                <Button className='big-button' type='primary' size='large' block loading={downloading === 'errors'} onClick={() => void download('errors')}>
                  下载错误报告（{batch.counts.invalid} 行有错误）
                </Button>
              ) : (
                <Text className='done-notice'>所有数据行都通过了校验。</Text>
              )}
              {batch.counts.unmatched > 0 ? (
                <Button className='big-button' size='large' block loading={downloading === 'unmatched'} onClick={() => void download('unmatched')}>
                  下载未匹配名单（{batch.counts.unmatched} 人）
                </Button>
              ) : null}
              <FormError message={downloadError} />
              <Button className='big-button' size='large' block onClick={() => Taro.navigateTo({ url: feedbackUrl(batch.dataset, batch.month) })}>
                查看本月核实反馈
              </Button>
            </View>
          ) : null}
        </>
      ) : null}
      {batch || remote.error ? (
        <View className='link-row'>
          <Button size='large' onClick={() => Taro.redirectTo({ url: EXCHANGE_UPLOAD_PAGE })}>
            继续报送
          </Button>
          <Button size='large' onClick={() => Taro.redirectTo({ url: EXCHANGE_BATCHES_PAGE })}>
            我的报送
          </Button>
        </View>
      ) : null}
    </Page>
  )
}
