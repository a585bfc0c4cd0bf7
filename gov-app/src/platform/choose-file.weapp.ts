import Taro from '@tarojs/taro'
import type { ChosenFile } from './choose-file'

// A weapp cannot browse the phone's folders: the file comes from a WeChat/WeCom chat (chooseMessageFile).
export async function chooseFile(extensions: string[]): Promise<ChosenFile | null> {
  try {
    const result = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: extensions })
    const file = result.tempFiles[0]
    return file ? { path: file.path, name: file.name, size: file.size } : null
  } catch {
    // cancelled (or refused): nothing chosen
    return null
  }
}
