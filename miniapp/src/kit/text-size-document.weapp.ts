// The weapp has no shared root element: each page's root carries the class (kit/page.tsx).
export function applyDocumentTextSize(): void {}
