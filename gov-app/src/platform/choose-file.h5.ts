import type { ChosenFile } from './choose-file'

let lastUrl = ''

// A hidden <input type=file> opened from the page's button; the browser's own chooser does the rest.
export function chooseFile(extensions: string[]): Promise<ChosenFile | null> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.accept = extensions.map((extension) => `.${extension}`).join(',')
    input.style.display = 'none'
    input.setAttribute('aria-hidden', 'true')
    input.tabIndex = -1
    document.body.appendChild(input)
    const done = (file: ChosenFile | null) => {
      input.remove()
      resolve(file)
    }
    input.addEventListener('change', () => {
      const file = input.files?.[0]
      if (!file) return done(null)
      // one chosen file at a time: the previous one's URL is no longer needed
      if (lastUrl) URL.revokeObjectURL(lastUrl)
      lastUrl = URL.createObjectURL(file)
      done({ path: lastUrl, name: file.name, size: file.size })
    })
    input.addEventListener('cancel', () => done(null))
    input.click()
  })
}
