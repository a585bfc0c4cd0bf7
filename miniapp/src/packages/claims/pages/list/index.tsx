import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { Button } from '@kit/button'
import { LoadState } from '@kit/load-state'
import { Page } from '@kit/page'
import { useRemote } from '@kit/use-remote'
import type { OutboxItem } from '../../../../services/claim-outbox'
import { flushOutbox, getOutboxItem, listOutbox, OUTBOX_CHANGED, removeFromOutbox, sendQueuedClaim } from '../../../../services/claim-outbox'
import { fetchMyClaims } from '../../../../services/claims'
import { claimUrl, NEW_CLAIM_PAGE } from '../../../../services/routes'
import { ClaimCard } from '../../components/claim-card'
import { OutboxCard } from '../../components/outbox-card'
import { draftFromOutbox, loadDraft, saveDraft } from '../../draft'
import '../../claims.scss'

/** 我的申请: requests still on the phone first (待发送), then every request with its step, dates and last word. */
export default function MyClaimsPage() {
  const claims = useRemote(async () => {
    // Anything queued goes out first, so the list below includes it.
    await flushOutbox().catch(() => 0)
    return fetchMyClaims()
  })
  const [outbox, setOutbox] = useState<OutboxItem[]>(listOutbox)
  const [sending, setSending] = useState('')
  const opening = useRef(0)

  const outboxSize = useRef(outbox.length)
  const { reload } = claims
  useEffect(() => {
    const listener = () => {
      const now = listOutbox()
      // a queued request was accepted in the background: show it in the list
      if (now.length < outboxSize.current) void reload()
      outboxSize.current = now.length
      setOutbox(now)
    }
    Taro.eventCenter.on(OUTBOX_CHANGED, listener)
    return () => void Taro.eventCenter.off(OUTBOX_CHANGED, listener)
  }, [reload])

  usePullDownRefresh(() => {
    void claims.reload().finally(() => Taro.stopPullDownRefresh())
  })

  function open(id: string) {
    // one tap reaches both the card and its button
    const now = Date.now()
    if (now - opening.current < 800) return
    opening.current = now
    void Taro.navigateTo({ url: claimUrl(id) })
  }

  async function resend(item: OutboxItem) {
    setSending(item.key)
    const result = await sendQueuedClaim(item.key)
    setSending('')
    if (result.outcome === 'QUEUED') void Taro.showToast({ title: '还是没有网络，稍后会自动发送', icon: 'none', duration: 3000 })
  }

  async function correct(item: OutboxItem) {
    const { draft, restored } = loadDraft()
    if (restored && draft.key !== item.key) {
      const { confirm } = await Taro.showModal({
        title: '替换正在填写的申请？',
        content: '您还有一份没填完的申请，继续会用这份替换它。',
        confirmText: '替换',
        cancelText: '取消',
      })
      if (!confirm) return
    }
    const current = getOutboxItem(item.key)
    if (!current) return
    saveDraft(draftFromOutbox(current))
    removeFromOutbox(item.key)
    void Taro.navigateTo({ url: NEW_CLAIM_PAGE })
  }

  async function discard(item: OutboxItem) {
    const { confirm } = await Taro.showModal({ title: '不要这份申请了？', content: '删掉后不能恢复。', confirmText: '删掉', cancelText: '保留' })
    if (confirm) removeFromOutbox(item.key)
  }

  const items = claims.data?.items ?? []
  return (
    <Page className='claims-page'>
      <Text className='page-title'>我的申请</Text>
      {outbox.map((item) => (
        <OutboxCard
          key={item.key}
          item={item}
          sending={sending === item.key}
          onResend={() => void resend(item)}
          onCorrect={() => void correct(item)}
          onDiscard={() => void discard(item)}
        />
      ))}
      <LoadState loading={claims.loading && !claims.data} error={claims.error} onRetry={() => void claims.reload()} />
      {items.map((claim) => (
        <ClaimCard key={claim.id} claim={claim} onOpen={() => open(claim.id)} />
      ))}
      {claims.data && !items.length && !outbox.length ? (
        <View className='card empty-card'>
          <Text className='empty-text'>您还没有申请过。家里遇到困难，可以在这里申请帮助。</Text>
        </View>
      ) : null}
      <Button className='big-button' type='primary' size='xlarge' block onClick={() => void Taro.navigateTo({ url: NEW_CLAIM_PAGE })}>
        我要申请帮助
      </Button>
    </Page>
  )
}
