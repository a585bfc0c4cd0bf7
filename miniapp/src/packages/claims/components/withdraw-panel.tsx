import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { Button } from '@kit/button'
import { FormError } from '@kit/form-error'
import { LabeledTextarea } from '@kit/labeled-textarea'
import { ApiError } from '@kit/request'
import type { MyClaim } from '../../../services/claims'
import { withdrawClaim } from '../../../services/claims'

const MAX_REASON = 1000

/** 撤回申请 (before the public notice): a reason, then a second, explicit confirmation. */
export function WithdrawPanel({ claim, onDone, onStale }: { claim: MyClaim; onDone: (claim: MyClaim) => void; onStale: () => void }) {
  const [open, setOpen] = useState(false)
  const [reason, setReason] = useState('')
  const [error, setError] = useState('')
  const [formError, setFormError] = useState('')
  const [busy, setBusy] = useState(false)

  async function confirm() {
    if (!reason.trim()) {
      setError('请写一句为什么撤回')
      return
    }
    setBusy(true)
    setFormError('')
    try {
      onDone(await withdrawClaim(claim, reason.trim()))
      setOpen(false)
    } catch (e) {
      // CASE_VERSION_CONFLICT: the village acted meanwhile; the page reloads and shows where it is now.
      setFormError(e instanceof ApiError ? e.message : '撤回没有成功，请稍后再试')
      if (e instanceof ApiError && e.status === 409) onStale()
    } finally {
      setBusy(false)
    }
  }

  if (!open) {
    return (
      <Button className='big-button' size='large' block onClick={() => setOpen(true)}>
        撤回申请
      </Button>
    )
  }
  return (
    <View className='card withdraw-card'>
      <Text className='card-title'>撤回申请</Text>
      <Text className='hint withdraw-hint'>公示开始以前可以撤回。撤回后这件申请就结束了，以后有困难可以重新申请。</Text>
      <FormError message={formError} />
      <LabeledTextarea
        id='claim-withdraw-reason'
        label='为什么撤回'
        value={reason}
        maxlength={MAX_REASON}
        placeholder='例如：家里情况好转了'
        error={error}
        onChange={(value) => {
          setReason(value)
          if (value.trim()) setError('')
        }}
      />
      <Button className='big-button' type='primary' size='large' block loading={busy} onClick={() => void confirm()}>
        确认撤回
      </Button>
      <Button className='big-button' size='large' block onClick={() => setOpen(false)}>
        不撤回了
      </Button>
    </View>
  )
}
