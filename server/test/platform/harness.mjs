// Browser-test harness of the two Taro apps: starts the real Jiuzhu server (the platform that serves their H5
// builds) on a free port with a fresh database, and a headless Debian Chromium through playwright-core (never
// a downloaded browser). `appHarness({ app, h5Path })` binds it to one app.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import pg from 'pg'

const serverDir = fileURLToPath(new URL('../../', import.meta.url))
const repoDir = join(serverDir, '..')

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

/** A fresh PostgreSQL database when a server answers (DATABASE_URL's, else 127.0.0.1:5432), else null. */
async function createDatabase(label) {
  const adminUrl = new URL(process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres')
  adminUrl.pathname = '/postgres'
  const client = new pg.Client({ connectionString: adminUrl.href, connectionTimeoutMillis: 2000 })
  try {
    await client.connect()
  } catch {
    return null
  }
  const name = `jiuzhu_e2e_${label}_${process.pid}_${Date.now().toString(36)}`
  await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  const url = new URL(adminUrl.href)
  url.pathname = `/${name}`
  return {
    url: url.href,
    async drop() {
      const admin = new pg.Client({ connectionString: adminUrl.href, connectionTimeoutMillis: 2000 })
      await admin.connect()
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
      await admin.end()
    },
  }
}

function newestChange(dir) {
  if (!existsSync(dir)) return 0
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    const path = join(dir, entry.name)
    return Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs)
  }, 0)
}

/** Builds the server when server/dist is missing or older than its sources or shared/dist. */
function ensureServerBuilt(main) {
  const built = existsSync(main) ? statSync(main).mtimeMs : 0
  const sources = Math.max(newestChange(join(serverDir, 'src')), newestChange(join(repoDir, 'shared', 'dist')))
  if (built >= sources) return
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
  const build = spawnSync(npm, ['run', 'build', '--workspace=@jiuzhu/server'], { cwd: repoDir, stdio: 'inherit' })
  if (build.status !== 0) throw new Error('`npm run build -w server` failed; the browser tests need the real server')
}

/**
 * Starts server/dist/main.js with the demo county seeded; resolves when it prints "Jiuzhu ready" and serves
 * the app's H5 build at `h5Path`. `label` goes into the database name.
 */
async function startServer({ appDir, h5Path, label }) {
  const main = join(serverDir, 'dist', 'main.js')
  ensureServerBuilt(main)
  if (!existsSync(join(appDir, 'dist', 'h5', 'index.html'))) {
    throw new Error(`${basename(appDir)}/dist/h5 is missing: run \`npm run build:h5\` in that app first`)
  }
  const port = await freePort()
  const database = await createDatabase(label)
  // a temporary folder per run: the embedded database (when no server answers) and the uploaded files
  const dataDir = mkdtempSync(join(tmpdir(), `jiuzhu-e2e-${label}-`))
  const env = { ...process.env, PORT: String(port), SEED_DEMO: 'true', NODE_ENV: 'test', FILES_DIR: join(dataDir, 'files') }
  delete env.NODE_OPTIONS
  if (database) {
    env.DATABASE_URL = database.url
    delete env.DATA_DIR
  } else {
    delete env.DATABASE_URL
    env.DATA_DIR = dataDir
  }
  const child = spawn(process.execPath, [main], { cwd: repoDir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk) => (output += chunk))
  child.stderr.on('data', (chunk) => (output += chunk))
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    if (database) await database.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 120 s:\n${output.slice(-4000)}`)), 120_000)
    const onData = () => {
      if (output.includes('Jiuzhu ready')) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`server exited with ${code} before it was ready:\n${output.slice(-4000)}`))
    })
  })
  const baseUrl = `http://127.0.0.1:${port}`
  const appUrl = `${baseUrl}${h5Path}`
  const served = await fetch(appUrl)
  if (!served.ok) {
    await stop()
    throw new Error(`the server answers ${served.status} at ${h5Path}: is that where it serves ${basename(appDir)}?`)
  }
  // databaseUrl: the run's PostgreSQL database (null on embedded PGlite), for a test that must move dates in it
  return { baseUrl, appUrl, databaseUrl: database?.url ?? null, output: () => output, stop }
}

/** JSON call to the API as a test fixture (seeding, expected values); the pages are driven through the browser. */
export async function api(baseUrl, path, { method = 'GET', token, body } = {}) {
  const response = await fetch(`${baseUrl}/api/v1${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

/** Why the browser tests cannot run here, or null when Debian's Chromium is installed. */
export function chromiumProblem() {
  if (existsSync(CHROMIUM)) return null
  return (
    `Chromium not found at ${CHROMIUM}. Install Debian's chromium and a Chinese font: ` +
    '`apt-get update && apt-get install -y chromium fonts-wqy-microhei` (the tests never download a browser).'
  )
}

/** A test that fails (rather than a silent skip) when the browser is missing. */
export function testChromiumInstalled() {
  test('Debian Chromium is installed for the browser tests', () => {
    assert.equal(chromiumProblem(), null)
  })
}

/** A phone-sized page; page errors fail the test that reads them. */
export async function newPage(browser) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'zh-CN', deviceScaleFactor: 1 })
  const page = await context.newPage()
  page.errors = []
  page.on('pageerror', (error) => page.errors.push(error.message))
  return page
}

/** Waits until the locator is visible and returns its text. */
export async function visibleText(locator, timeout = 15_000) {
  await locator.first().waitFor({ state: 'visible', timeout })
  return (await locator.first().innerText()).trim()
}

/** A valid 18-character resident ID (GB 11643 check digit) for a person born in Xundian county. */
export function residentId(birthDate = '19800101', sequence = Math.floor(Math.random() * 999)) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const body = `530129${birthDate}${String(sequence).padStart(3, '0')}`
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * weights[i], 0)
  return body + '10X98765432'[sum % 11]
}

/**
 * The harness bound to one app: `app` is its folder (a file URL or a path), `h5Path` where the server serves
 * its H5 build ('/m/' or '/gov/'). Browser tooling (playwright-core, axe-core) is the app's own devDependency
 * and is loaded from the app's folder. Screenshots go to `<app>/test-results/`.
 */
export function appHarness({ app, h5Path }) {
  const appDir = app instanceof URL ? fileURLToPath(app) : app
  const label = basename(appDir).replace(/[^a-z0-9]+/gi, '_').toLowerCase()
  const resultsDir = join(appDir, 'test-results')
  const requireFromApp = createRequire(join(appDir, 'package.json'))
  return {
    appDir,
    api,
    chromiumProblem,
    testChromiumInstalled,
    newPage,
    visibleText,
    residentId,
    startServer: () => startServer({ appDir, h5Path, label }),

    async launchBrowser() {
      const problem = chromiumProblem()
      if (problem) throw new Error(problem)
      return requireFromApp('playwright-core').chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    },

    async screenshot(page, name) {
      mkdirSync(resultsDir, { recursive: true })
      // Taro's H5 page transitions slide pages in; shoot once they have settled.
      await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'))
      await page.screenshot({ path: join(resultsDir, `${name}.png`), fullPage: true })
    },

    /** axe-core scan; returns the serious and critical violations (an empty list passes). */
    async seriousA11yViolations(page) {
      const { AxeBuilder } = requireFromApp('@axe-core/playwright')
      const results = await new AxeBuilder({ page }).analyze()
      return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    },
  }
}
