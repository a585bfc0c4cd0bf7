/**
 * Calls `onBack` each time the network comes back after being lost; returns a function that stops watching.
 * Implemented per platform: WeChat reports network changes, a browser fires `online`.
 */
export declare function watchNetworkBack(onBack: () => void): () => void
