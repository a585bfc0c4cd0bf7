/** Puts the large-text class on the document root (H5); nothing in the weapp, where pages carry it. */
export declare function applyDocumentTextSize(large: boolean): void
