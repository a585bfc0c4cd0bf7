import { Image, Text, View } from '@tarojs/components'
import { a11y } from '@kit/a11y'
import { pressProps } from '@kit/press-props'
import type { CaseFile } from '../../../services/cases'
import { previewPhotos, useStoredPhotos } from '../../../services/stored-photos'

/** The case's photos, downloaded with the login; a tap opens them full size. */
export function CasePhotos({ files }: { files: CaseFile[] }) {
  const images = files.filter((f) => f.mime.startsWith('image/'))
  const { paths, failed } = useStoredPhotos(images.map((f) => f.id))
  if (!images.length) return <Text className='hint'>没有照片。</Text>
  const shown = images.map((f) => paths[f.id]).filter(Boolean)
  return (
    <View>
      <View className='photos' {...a11y({ role: 'list', 'aria-label': '照片' })}>
        {images.map((file, index) => {
          const path = paths[file.id]
          const open = () => previewPhotos(shown, path)
          return (
            <View key={file.id} {...a11y({ role: 'listitem' })}>
              {path ? (
                <View onClick={open} {...pressProps(open, false)} {...a11y({ 'aria-label': `查看照片${index + 1}` })}>
                  <Image className='photo-thumb' src={path} mode='aspectFill' nativeProps={{ alt: `照片${index + 1}` }} />
                </View>
              ) : (
                <Text className='hint'>{failed.includes(file.id) ? `照片${index + 1}没有打开` : `照片${index + 1}加载中…`}</Text>
              )}
            </View>
          )
        })}
      </View>
      {images.length - failed.length < images.length ? <Text className='hint'>有照片没有打开，请检查网络后重新进入本页。</Text> : null}
    </View>
  )
}
