import Taro from '@tarojs/taro'
import type { SavedFile } from './save-file'

const DOCUMENT_TYPES = ['doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'pdf'] as const
type DocumentType = (typeof DOCUMENT_TYPES)[number]

function readJson(path: string): unknown {
  try {
    const text = Taro.getFileSystemManager().readFileSync(path, 'utf8') as string
    return JSON.parse(text)
  } catch {
    return null
  }
}

// WeChat downloads into a temp file and opens office documents itself (with 转发 and 保存 in its menu).
export async function fetchAndSave(url: string, token: string, fileName: string): Promise<SavedFile> {
  const result = await Taro.downloadFile({ url, header: token ? { Authorization: `Bearer ${token}` } : {} })
  if (result.statusCode < 200 || result.statusCode >= 300) return { statusCode: result.statusCode, data: readJson(result.tempFilePath) }
  const extension = fileName.split('.').pop()?.toLowerCase() ?? ''
  const fileType = (DOCUMENT_TYPES as readonly string[]).includes(extension) ? (extension as DocumentType) : undefined
  await Taro.openDocument({ filePath: result.tempFilePath, showMenu: true, ...(fileType ? { fileType } : {}) })
  return { statusCode: result.statusCode, data: null }
}
