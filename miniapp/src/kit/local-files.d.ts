/**
 * Files kept on the phone for the signed-in account until they can be uploaded (photos taken offline), so that
 * closing the app or reloading the page loses none. Implemented per platform: the weapp's user data folder, the
 * browser's IndexedDB (an H5 blob URL dies with the page). `clearLocalFiles` at logout forgets every one.
 */

/** Copies the file at `path` (a WeChat temp path, an H5 blob URL) into the phone's keeping; resolves with its reference. */
export declare function keepFile(path: string): Promise<string>
/** A path `uploadFile` and `Image` can use for a kept file (a new blob URL in H5), or '' when it is gone. */
export declare function keptFilePath(ref: string): Promise<string>
/** Forgets one kept file (after its upload was accepted). */
export declare function dropFile(ref: string): Promise<void>
/** Forgets every kept file (logout). */
export declare function clearLocalFiles(): Promise<void>
