// Fails when the weapp main package (everything in dist/weapp outside a subpackage root) is over the
// limit, and prints the bytes of the main package and of each subpackage. WeChat refuses a main package
// over 2 MB; we keep a margin for later features. Also prints the H5 build's gzipped JavaScript.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

const LIMIT = 1.5 * 1024 * 1024
const root = fileURLToPath(new URL('../dist/weapp/', import.meta.url))

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? files(path) : [path]
  })
}

let appJson
try {
  appJson = JSON.parse(readFileSync(join(root, 'app.json'), 'utf8'))
} catch {
  console.error('dist/weapp/app.json not found: run `npm run build:weapp` first')
  process.exit(1)
}
const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''))
const sizes = new Map([['main', 0], ...roots.map((r) => [r, 0])])
for (const file of files(root)) {
  // Source maps and licence notes are not uploaded to WeChat.
  if (file.endsWith('.map') || file.endsWith('.LICENSE.txt')) continue
  const path = relative(root, file).split(sep).join('/')
  const owner = roots.find((r) => path === r || path.startsWith(`${r}/`)) ?? 'main'
  sizes.set(owner, sizes.get(owner) + statSync(file).size)
}
const format = (bytes) => `${bytes} bytes (${(bytes / 1024).toFixed(1)} KB)`
console.log(`weapp main package: ${format(sizes.get('main'))}, limit ${format(LIMIT)}`)
for (const r of roots) console.log(`weapp subpackage ${r}: ${format(sizes.get(r))}`)
if (sizes.get('main') > LIMIT) {
  console.error(`weapp main package is over ${format(LIMIT)}: move features into subpackages`)
  process.exit(1)
}

// H5: gzipped JavaScript, all of it and what index.html loads before the first page.
const h5 = fileURLToPath(new URL('../dist/h5/', import.meta.url))
if (existsSync(join(h5, 'index.html'))) {
  const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length
  const js = files(join(h5, 'js')).filter((file) => file.endsWith('.js'))
  const initial = [...readFileSync(join(h5, 'index.html'), 'utf8').matchAll(/src="[^"]*?(js\/[^"]+\.js)"/g)].map((m) => join(h5, m[1]))
  const sum = (list) => list.reduce((total, file) => total + gz(file), 0)
  console.log(`h5 JavaScript gzipped: ${format(sum(js))} in ${js.length} files; loaded by index.html: ${format(sum(initial))}`)
}
