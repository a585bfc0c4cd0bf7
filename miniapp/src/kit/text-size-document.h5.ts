// H5: one class on <html> reaches every page and NutUI's own elements (toasts, dialogs) too.
export function applyDocumentTextSize(large: boolean): void {
  document.documentElement.classList.toggle('text-large', large)
}
