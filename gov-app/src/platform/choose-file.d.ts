/** A file the user picked on the phone or computer, ready for `sendFileForm`. */
export interface ChosenFile {
  /** Local path to send (a WeChat temp file, or a blob URL in H5). */
  path: string
  /** The file's own name (shown, and sent to the server). */
  name: string
  /** bytes */
  size: number
}

/**
 * Lets the user pick one file with one of `extensions` (without the dot: ['csv', 'xlsx']); null when they cancel.
 * Implemented per platform: an `<input type=file>` in H5, Taro.chooseMessageFile (a file from a WeChat/WeCom chat)
 * in the weapp, which has no access to the phone's folders.
 */
export declare function chooseFile(extensions: string[]): Promise<ChosenFile | null>
