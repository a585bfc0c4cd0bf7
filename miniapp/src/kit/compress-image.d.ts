/** A photo made smaller on the phone, ready for `uploadFile`. */
export interface CompressedImage {
  /** Local path to upload (a WeChat temp file, or a blob URL in H5). */
  path: string
  /** Something an Image can show after the app is closed and opened again ('' when the platform has none). */
  thumb: string
  /** A name for the server to keep. */
  fileName: string
}

/**
 * Shrinks a chosen photo before upload (old phones, weak networks): at most 1600 px on the long side, JPEG.
 * Implemented per platform: Taro.compressImage in WeChat, a canvas in H5. Falls back to the original.
 */
export declare function compressImage(path: string, index: number): Promise<CompressedImage>
