import Taro from '@tarojs/taro'

// Kept files go to one folder of the mini-program's user data (temp files may be deleted by WeChat at any time).
function folder(): string {
  return `${(Taro as unknown as { env: { USER_DATA_PATH: string } }).env.USER_DATA_PATH}/jiuzhu-local`
}

function fs() {
  return Taro.getFileSystemManager()
}

export async function keepFile(path: string): Promise<string> {
  const dir = folder()
  try {
    fs().accessSync(dir)
  } catch {
    fs().mkdirSync(dir, true)
  }
  const extension = /\.[a-z0-9]{1,5}$/i.exec(path)?.[0] ?? '.jpg'
  const target = `${dir}/${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}${extension}`
  fs().copyFileSync(path, target)
  return target
}

export async function keptFilePath(ref: string): Promise<string> {
  try {
    fs().accessSync(ref)
    return ref
  } catch {
    return ''
  }
}

export async function dropFile(ref: string): Promise<void> {
  try {
    fs().unlinkSync(ref)
  } catch {
    // already gone
  }
}

export async function clearLocalFiles(): Promise<void> {
  try {
    fs().rmdirSync(folder(), true)
  } catch {
    // nothing kept
  }
}
