// Kept files live in IndexedDB as Blobs: localStorage holds only strings and a few MB for the whole origin.
const DATABASE = 'jiuzhu-local'
const STORE = 'files'

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1)
    request.onupgradeneeded = () => request.result.createObjectStore(STORE)
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

async function run<T>(mode: IDBTransactionMode, action: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const database = await open()
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = action(database.transaction(STORE, mode).objectStore(STORE))
      request.onsuccess = () => resolve(request.result)
      request.onerror = () => reject(request.error)
    })
  } finally {
    database.close()
  }
}

const urls = new Map<string, string>()

export async function keepFile(path: string): Promise<string> {
  const blob = await (await fetch(path)).blob()
  const ref = `idb:${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  await run('readwrite', (store) => store.put(blob, ref))
  return ref
}

export async function keptFilePath(ref: string): Promise<string> {
  const known = urls.get(ref)
  if (known) return known
  try {
    const blob = await run<Blob | undefined>('readonly', (store) => store.get(ref) as IDBRequest<Blob | undefined>)
    if (!blob) return ''
    const url = URL.createObjectURL(blob)
    urls.set(ref, url)
    return url
  } catch {
    return ''
  }
}

export async function dropFile(ref: string): Promise<void> {
  const url = urls.get(ref)
  if (url) URL.revokeObjectURL(url)
  urls.delete(ref)
  await run('readwrite', (store) => store.delete(ref)).catch(() => undefined)
}

export function clearLocalFiles(): Promise<void> {
  for (const url of urls.values()) URL.revokeObjectURL(url)
  urls.clear()
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(DATABASE)
    // Resolves either way: logout must not hang on a blocked or failed delete.
    request.onsuccess = request.onerror = request.onblocked = () => resolve()
  })
}
