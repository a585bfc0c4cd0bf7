import { Image, Text, View } from '@tarojs/components'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import type { DraftPhoto } from '../draft'

export const MAX_PHOTOS = 9

interface PhotoListProps {
  photos: DraftPhoto[]
  /** upload progress (0-100) of the photos being uploaded, by local id */
  progress: Record<string, number>
  onAdd: () => void
  onRetry: (photo: DraftPhoto) => void
  onRemove: (photo: DraftPhoto) => void
  error?: string
}

function PhotoStatus({ photo, percent, index }: { photo: DraftPhoto; percent: number; index: number }) {
  if (photo.state === 'uploading') {
    return (
      <View
        className='photo-progress'
        {...a11y({
          role: 'progressbar',
          'aria-label': `照片${index + 1}上传进度`,
          'aria-valuemin': '0',
          'aria-valuemax': '100',
          'aria-valuenow': String(percent),
        })}
      >
        <View className='photo-progress-bar' style={{ width: `${percent}%` }} />
        <Text className='photo-state'>上传中 {percent}%</Text>
      </View>
    )
  }
  if (photo.state === 'failed') {
    return (
      <Text className='photo-state photo-state--failed' {...a11y({ role: 'alert' })}>
        {photo.error || '上传失败'}
      </Text>
    )
  }
  return <Text className='photo-state photo-state--done'>✓ 已上传</Text>
}

/**
 * Up to nine photos, each uploaded on its own as soon as it is added, with its progress; a failed one keeps its
 * place with 重试 (nothing else on the form changes).
 */
export function PhotoList({ photos, progress, onAdd, onRetry, onRemove, error }: PhotoListProps) {
  const left = MAX_PHOTOS - photos.length
  return (
    <View className='field' id='claim-photos'>
      <Text className='field-label' id='claim-photos-label'>
        照片（可不加，最多{MAX_PHOTOS}张）
      </Text>
      <Text className='hint'>可以拍房子、病历、缴费单等。照片会先压缩再上传，省流量。</Text>
      <View className='photo-list' {...a11y({ role: 'list', 'aria-labelledby': 'claim-photos-label' })}>
        {photos.map((photo, index) => {
          const src = photo.thumb || photo.path
          return (
            <View key={photo.id} className={`photo photo--${photo.state}`} {...a11y({ role: 'listitem' })}>
              <View className='photo-image-box'>
                {src ? (
                  <Image className='photo-image' src={src} mode='aspectFill' ariaLabel={`照片${index + 1}`} nativeProps={{ alt: `照片${index + 1}` }} />
                ) : (
                  <Text className='photo-placeholder'>照片{index + 1}</Text>
                )}
              </View>
              <PhotoStatus photo={photo} percent={progress[photo.id] ?? 0} index={index} />
              <View className='photo-actions'>
                {photo.state === 'failed' ? (
                  <Button className='photo-button' type='primary' size='small' onClick={() => onRetry(photo)} {...a11y({ 'aria-label': `重试上传照片${index + 1}` })}>
                    重试
                  </Button>
                ) : null}
                <Button className='photo-button' size='small' onClick={() => onRemove(photo)} {...a11y({ 'aria-label': `删除照片${index + 1}` })}>
                  删除
                </Button>
              </View>
            </View>
          )
        })}
      </View>
      {left > 0 ? (
        <Button className='photo-add' size='large' block onClick={onAdd}>
          {photos.length ? `再加照片（还能加${left}张）` : '添加照片'}
        </Button>
      ) : (
        <Text className='hint'>已经加满{MAX_PHOTOS}张了。</Text>
      )}
      {error ? (
        <Text className='field-error' id='claim-photos-error' {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
