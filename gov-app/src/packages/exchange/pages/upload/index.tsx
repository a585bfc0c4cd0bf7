import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import { ChipGroup } from '@kit/chip-group'
import { Field } from '@kit/field'
import { fieldErrorsOf, formErrorOf } from '@kit/field-errors'
import { FormError } from '@kit/form-error'
import { LoadState } from '@kit/load-state'
import { Page } from '@kit/page'
import { ApiError } from '@kit/request'
import { useRemote } from '@kit/use-remote'
import { chooseFile, type ChosenFile } from '../../../../platform/choose-file'
import {
  BATCH_FILE_EXTENSIONS,
  batchUrl,
  downloadTemplate,
  EXCHANGE_BATCHES_PAGE,
  EXCHANGE_FEEDBACK_PAGE,
  formatBytes,
  lastMonth,
  listDatasets,
  sendBatch,
} from '../../../../services/exchange'
import { DatasetColumns } from '../../components/dataset-columns'
import { MonthField, monthProblem } from '../../components/month-field'
import { ProgressBar } from '../../components/progress-bar'
import '../../exchange.scss'

/**
 * 数据报送: choose the dataset (its columns and a template to fill), the data month and a .csv/.xlsx file; the upload
 * shows its progress, then the batch page follows the server's work. A refused file shows the server's message as it
 * is (wrong columns named, empty, too large, not a table, not my department's data).
 */
export default function ExchangeUploadPage() {
  const remote = useRemote(() => listDatasets())
  const datasets = (remote.data ?? []).filter((d) => d.canSend)
  const [code, setCode] = useState('')
  const [month, setMonth] = useState(lastMonth())
  const [file, setFile] = useState<ChosenFile | null>(null)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [formError, setFormError] = useState('')
  const [templateError, setTemplateError] = useState('')
  const [sending, setSending] = useState(false)
  const [percent, setPercent] = useState(0)
  const dataset = datasets.find((d) => d.code === code) ?? (datasets.length === 1 ? datasets[0] : undefined)

  async function pick() {
    const chosen = await chooseFile(BATCH_FILE_EXTENSIONS)
    if (!chosen) return
    const extension = chosen.name.split('.').pop()?.toLowerCase() ?? ''
    if (!BATCH_FILE_EXTENSIONS.includes(extension)) {
      setFile(null)
      setErrors((e) => ({ ...e, file: '只能上传 .csv 或 .xlsx 文件' }))
      return
    }
    setFile(chosen)
    setErrors((e) => ({ ...e, file: '' }))
    setFormError('')
  }

  async function template() {
    if (!dataset) return
    setTemplateError('')
    try {
      await downloadTemplate(dataset)
    } catch (e) {
      setTemplateError(formErrorOf(e, '模板下载失败，请稍后重试'))
    }
  }

  async function send() {
    const problems: Record<string, string> = {}
    if (!dataset) problems.dataset = '请选择数据集'
    const badMonth = monthProblem(month, true)
    if (badMonth) problems.month = badMonth
    if (!file) problems.file = '请选择要上传的文件'
    setErrors(problems)
    setFormError('')
    if (Object.values(problems).some(Boolean) || !dataset || !file) return
    setSending(true)
    setPercent(0)
    try {
      const batch = await sendBatch({ dataset: dataset.code, month: month.trim() }, file, setPercent)
      setFile(null)
      void Taro.redirectTo({ url: `${batchUrl(batch.id)}${batch.replayed ? '&replayed=1' : ''}` })
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return
      const fields = fieldErrorsOf(e)
      setErrors({ dataset: fields.dataset ?? '', month: fields.month ?? '', file: fields.file ?? '' })
      setFormError(formErrorOf(e, '上传失败，请稍后重试'))
    } finally {
      setSending(false)
    }
  }

  return (
    <Page className='exchange-upload-page'>
      <Text className='page-title'>数据报送</Text>
      <View className='link-row'>
        <Button size='large' onClick={() => Taro.navigateTo({ url: EXCHANGE_BATCHES_PAGE })}>
          我的报送
        </Button>
        <Button size='large' onClick={() => Taro.navigateTo({ url: EXCHANGE_FEEDBACK_PAGE })}>
          核实反馈
        </Button>
      </View>
      <LoadState loading={remote.loading && !remote.data} error={remote.error} onRetry={remote.reload} />
      {remote.data && !datasets.length ? <Text className='empty'>您的账户没有可报送的数据集，请联系管理员设置所属部门。</Text> : null}
      {datasets.length ? (
        <>
          <ChipGroup
            id='upload-dataset'
            label='数据集'
            options={datasets.map((d) => ({ value: d.code, label: `${d.departmentLabel}·${d.name}` }))}
            value={dataset ? [dataset.code] : []}
            error={errors.dataset || undefined}
            onChange={([next]) => {
              setCode(next)
              setErrors((e) => ({ ...e, dataset: '' }))
            }}
          />
          {dataset ? (
            <View className='card'>
              <Text className='section-title'>{dataset.name}：文件的列</Text>
              {dataset.description ? <Text className='hint'>{dataset.description}</Text> : null}
              <Text className='hint'>第一行为表头，表头文字须与下列一致（顺序不限）；CSV 可用 UTF-8 或 GBK 编码。</Text>
              <DatasetColumns columns={dataset.columns} />
              <Button size='large' block onClick={() => void template()}>
                下载模板（{dataset.name}模板.xlsx）
              </Button>
              <FormError message={templateError} />
            </View>
          ) : null}
          <MonthField
            id='upload-month'
            label='数据月份'
            hint='这批数据属于哪个月'
            value={month}
            error={errors.month || undefined}
            onChange={(value) => {
              setMonth(value)
              setErrors((e) => ({ ...e, month: '' }))
            }}
          />
          <Field id='upload-file' label='文件' hint='.csv 或 .xlsx，单个文件不超过 50 MB' error={errors.file || undefined}>
            {file ? (
              <Text className='chosen-file' {...a11y({ role: 'status' })}>
                已选择：{file.name}（{formatBytes(file.size)}）
              </Text>
            ) : null}
            <Button size='large' block disabled={sending} onClick={() => void pick()}>
              {file ? '重新选择文件' : '选择文件'}
            </Button>
          </Field>
          {sending ? <ProgressBar label='上传进度' percent={percent} text={percent < 100 ? `正在上传 ${percent}%` : '上传完成，等待服务器接收…'} /> : null}
          <FormError message={formError} />
          <Button className='big-button' type='primary' size='xlarge' block loading={sending} onClick={() => void send()}>
            上传
          </Button>
        </>
      ) : null}
    </Page>
  )
}
