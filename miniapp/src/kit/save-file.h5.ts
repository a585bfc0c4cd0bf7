import type { SavedFile } from './save-file'

/** The name the server gave the file (`filename*=UTF-8''…` or `filename="…"`), else null. */
function serverFileName(disposition: string | null): string | null {
  if (!disposition) return null
  const encoded = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition)
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim())
    } catch {
      // fall through to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1].trim() : null
}

// A plain link cannot carry the Authorization header: fetch the bytes, then save them through a blob link.
export async function fetchAndSave(url: string, token: string, fileName: string): Promise<SavedFile> {
  const response = await fetch(url, { headers: token ? { Authorization: `Bearer ${token}` } : {} })
  if (!response.ok) {
    const text = await response.text()
    let data: unknown = null
    try {
      data = text ? JSON.parse(text) : null
    } catch {
      data = null
    }
    return { statusCode: response.status, data }
  }
  const blob = await response.blob()
  const href = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = href
  link.download = serverFileName(response.headers.get('content-disposition')) ?? fileName
  link.style.display = 'none'
  document.body.appendChild(link)
  link.click()
  link.remove()
  // The browser has read the blob once the click is handled; keep it a while for slow save dialogs.
  setTimeout(() => URL.revokeObjectURL(href), 60_000)
  return { statusCode: response.status, data: null }
}
