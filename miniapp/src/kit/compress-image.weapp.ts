import Taro from '@tarojs/taro'
import type { CompressedImage } from './compress-image'

const MAX_SIDE = 1600

export async function compressImage(path: string, index: number): Promise<CompressedImage> {
  const fileName = `照片${index + 1}.jpg`
  try {
    const info = await Taro.getImageInfo({ src: path })
    const long = Math.max(info.width, info.height)
    const options: Taro.compressImage.Option = { src: path, quality: 70 }
    // compressedWidth scales up a small photo too, so it is only given when the photo is larger.
    if (long > MAX_SIDE) {
      if (info.width >= info.height) options.compressedWidth = MAX_SIDE
      else options.compressedHeight = MAX_SIDE
    }
    const { tempFilePath } = await Taro.compressImage(options)
    return { path: tempFilePath, thumb: tempFilePath, fileName }
  } catch {
    return { path, thumb: path, fileName }
  }
}
