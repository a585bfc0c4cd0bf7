import type { CompressedImage } from './compress-image'

const MAX_SIDE = 1600
const THUMB_SIDE = 160

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image()
    image.onload = () => resolve(image)
    image.onerror = () => reject(new Error('image'))
    image.src = url
  })
}

function draw(image: HTMLImageElement, maxSide: number): HTMLCanvasElement {
  const scale = Math.min(1, maxSide / Math.max(image.naturalWidth, image.naturalHeight))
  const canvas = document.createElement('canvas')
  canvas.width = Math.max(1, Math.round(image.naturalWidth * scale))
  canvas.height = Math.max(1, Math.round(image.naturalHeight * scale))
  const context = canvas.getContext('2d')
  if (!context) throw new Error('canvas')
  // A transparent PNG would turn black as JPEG.
  context.fillStyle = '#fff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.drawImage(image, 0, 0, canvas.width, canvas.height)
  return canvas
}

function toBlob(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('blob'))), 'image/jpeg', 0.7))
}

// Browsers have no compressImage: draw the photo smaller on a canvas and encode it as JPEG.
export async function compressImage(path: string, index: number): Promise<CompressedImage> {
  const fileName = `照片${index + 1}.jpg`
  try {
    const image = await loadImage(path)
    const thumb = draw(image, THUMB_SIDE).toDataURL('image/jpeg', 0.6)
    const blob = await toBlob(draw(image, MAX_SIDE))
    const original = await (await fetch(path)).blob()
    // A small JPEG can come out larger re-encoded; keep whichever is smaller.
    if (original.type === 'image/jpeg' && original.size <= blob.size) return { path, thumb, fileName }
    return { path: URL.createObjectURL(blob), thumb, fileName }
  } catch {
    return { path, thumb: '', fileName }
  }
}
