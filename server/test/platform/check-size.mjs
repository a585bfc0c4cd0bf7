// Size check of a Taro app's builds. Fails when the weapp main package (everything in dist/weapp outside a
// subpackage root) is over the limit, and prints the bytes of the main package and of each subpackage.
// WeChat refuses a main package over 2 MB; we keep a margin for later features. Also prints the H5 build's
// gzipped JavaScript. An app runs it as
//   node --input-type=module -e "import { checkSize } from '@jiuzhu/server/testing/check-size'; checkSize()"
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

export const WEAPP_MAIN_PACKAGE_LIMIT = 1.5 * 1024 * 1024

function files(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? files(path) : [path]
  })
}

const format = (bytes) => `${bytes} bytes (${(bytes / 1024).toFixed(1)} KB)`

/** Bytes of the weapp main package and of each subpackage root, as WeChat counts them. */
export function weappSizes(weappDir) {
  const appJson = JSON.parse(readFileSync(join(weappDir, 'app.json'), 'utf8'))
  const roots = (appJson.subPackages ?? appJson.subpackages ?? []).map((p) => p.root.replace(/\/+$/, ''))
  const sizes = new Map([['main', 0], ...roots.map((r) => [r, 0])])
  for (const file of files(weappDir)) {
    // Source maps and licence notes are not uploaded to WeChat.
    if (file.endsWith('.map') || file.endsWith('.LICENSE.txt')) continue
    const path = relative(weappDir, file).split(sep).join('/')
    const owner = roots.find((r) => path === r || path.startsWith(`${r}/`)) ?? 'main'
    sizes.set(owner, sizes.get(owner) + statSync(file).size)
  }
  return sizes
}

/**
 * Prints the sizes of the builds in `app` (the app's folder, a file URL or a path; the current folder, which
 * is the app's when npm runs a workspace script, by default) and sets a failing exit code when the weapp main
 * package is over `limit`.
 */
export function checkSize({ app = process.cwd(), limit = WEAPP_MAIN_PACKAGE_LIMIT } = {}) {
  const appDir = app instanceof URL ? fileURLToPath(app) : app
  const weapp = join(appDir, 'dist', 'weapp')
  if (!existsSync(join(weapp, 'app.json'))) {
    console.error('dist/weapp/app.json not found: run `npm run build:weapp` first')
    process.exitCode = 1
    return false
  }
  const sizes = weappSizes(weapp)
  console.log(`weapp main package: ${format(sizes.get('main'))}, limit ${format(limit)}`)
  for (const [root, bytes] of sizes) if (root !== 'main') console.log(`weapp subpackage ${root}: ${format(bytes)}`)

  // H5: gzipped JavaScript, all of it and what index.html loads before the first page.
  const h5 = join(appDir, 'dist', 'h5')
  if (existsSync(join(h5, 'index.html'))) {
    const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length
    const js = files(join(h5, 'js')).filter((file) => file.endsWith('.js'))
    const initial = [...readFileSync(join(h5, 'index.html'), 'utf8').matchAll(/src="[^"]*?(js\/[^"]+\.js)"/g)].map((m) => join(h5, m[1]))
    const sum = (list) => list.reduce((total, file) => total + gz(file), 0)
    console.log(`h5 JavaScript gzipped: ${format(sum(js))} in ${js.length} files; loaded by index.html: ${format(sum(initial))}`)
  }

  if (sizes.get('main') > limit) {
    console.error(`weapp main package is over ${format(limit)}: move features into subpackages`)
    process.exitCode = 1
    return false
  }
  return true
}
