import { Image, Text, View } from '@tarojs/components'
import { a11y } from '@kit/a11y'
import { Button } from '@kit/button'
import type { QueuedPhoto } from '../../../services/screening-queue'
import { MAX_PHOTOS } from '../draft'

interface PhotoListProps {
  photos: QueuedPhoto[]
  /** what an Image can show for a photo without a thumbnail (weapp: the kept file), by photo id */
  sources: Record<string, string>
  busy: boolean
  onAdd: () => void
  onRemove: (photo: QueuedPhoto) => void
  error?: string
}

/**
 * Up to nine photos, compressed and kept on the phone when chosen; they are uploaded just before the record is
 * sent (with no network they wait with it).
 */
export function PhotoList({ photos, sources, busy, onAdd, onRemove, error }: PhotoListProps) {
  const left = MAX_PHOTOS - photos.length
  return (
    <View className='field' id='screening-photos'>
      <Text className='field-label' id='screening-photos-label'>
        照片（可不拍，最多{MAX_PHOTOS}张）
      </Text>
      <Text className='hint'>照片先压缩保存在手机上，发送记录时一起上传。</Text>
      {photos.length ? (
        <View className='photo-list' {...a11y({ role: 'list', 'aria-labelledby': 'screening-photos-label' })}>
          {photos.map((photo, index) => {
            const src = photo.thumb || sources[photo.id] || ''
            return (
              <View key={photo.id} className='photo' {...a11y({ role: 'listitem' })}>
                {src ? (
                  <Image className='photo-image' src={src} mode='aspectFill' ariaLabel={`照片${index + 1}`} nativeProps={{ alt: `照片${index + 1}` }} />
                ) : (
                  <Text className='photo-placeholder'>照片{index + 1}</Text>
                )}
                <Text className='photo-state'>{photo.fileId ? '已上传' : '在手机上'}</Text>
                <Button className='photo-button' size='small' onClick={() => onRemove(photo)} {...a11y({ 'aria-label': `删除照片${index + 1}` })}>
                  删除
                </Button>
              </View>
            )
          })}
        </View>
      ) : null}
      {left > 0 ? (
        <Button className='photo-add' size='large' block loading={busy} onClick={onAdd}>
          {photos.length ? `再拍一张（还能加${left}张）` : '拍照或选照片'}
        </Button>
      ) : (
        <Text className='hint'>已经加满{MAX_PHOTOS}张了。</Text>
      )}
      {error ? (
        <Text className='field-error' id='screening-photos-error' {...a11y({ role: 'alert' })}>
          {error}
        </Text>
      ) : null}
    </View>
  )
}
