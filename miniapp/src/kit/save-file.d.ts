/** What a download answered: 2xx when the file was handed to the user; otherwise the error body (JSON) or null. */
export interface SavedFile {
  statusCode: number
  data: unknown
}

/**
 * Fetches `url` with the bearer token and hands the file to the user: H5 saves it under `fileName` (a blob and a
 * download link), the weapp opens it (Taro.downloadFile, then openDocument with its menu to forward or save).
 * Implemented per platform (save-file.h5.ts, save-file.weapp.ts). Rejects only when no answer came back.
 */
export declare function fetchAndSave(url: string, token: string, fileName: string): Promise<SavedFile>
