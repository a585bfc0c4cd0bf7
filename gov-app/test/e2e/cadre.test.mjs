// The government app's H5 build against the real server: a wrong password shows the server's Chinese
// message, a village cadre logs in and sees who they are, an expired token is refreshed, logout clears it.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { appHarness } from '@jiuzhu/server/testing/harness'

const { api, launchBrowser, newPage, screenshot, seriousA11yViolations, startServer, testChromiumInstalled, visibleText } = appHarness({
  app: new URL('../..', import.meta.url),
  h5Path: '/gov/',
})

const PASSWORD = 'Jiuzhu@2026'

/** Taro's H5 storage keeps each value as JSON {data: value} in localStorage. */
function storedValue(page, key) {
  return page.evaluate((k) => {
    const raw = localStorage.getItem(k)
    return raw === null ? null : JSON.parse(raw).data
  }, key)
}

// Counted as a failure (not a silent skip) when the browser is missing.
testChromiumInstalled()

describe('政府找 H5 (cadre)', () => {
  let server
  let browser
  let page
  let village

  before(async () => {
    browser = await launchBrowser()
    server = await startServer()
    const login = await api(server.baseUrl, '/auth/login', { method: 'POST', body: { username: 'village', password: PASSWORD } })
    assert.equal(login.status, 200, `village login: ${JSON.stringify(login.body)}`)
    village = login.body.account
    page = await newPage(browser)
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('a wrong password shows the server message in Chinese', async () => {
    // The message the server gives for bad credentials, asked with an account that does not exist so the
    // village account's failure count is not spent.
    const expected = await api(server.baseUrl, '/auth/login', { method: 'POST', body: { username: 'nobody-e2e', password: 'x' } })
    assert.equal(expected.status, 401)
    await page.goto(server.appUrl)
    await page.getByLabel('账号').waitFor()
    await screenshot(page, 'cadre-login')
    assert.deepEqual(await seriousA11yViolations(page), [], 'login page accessibility')
    await page.getByLabel('账号').fill('village')
    await page.getByLabel('密码').fill('wrong-password')
    await page.getByRole('button', { name: '登录', exact: true }).click()
    assert.equal(await visibleText(page.getByRole('alert')), expected.body.message)
    assert.match(page.url(), /#\/pages\/login\/index/)
    await screenshot(page, 'cadre-login-refused')
  })

  test('the village cadre logs in and sees name, role and region', async () => {
    await page.getByLabel('密码').fill(PASSWORD)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await visibleText(page.getByText(village.displayName, { exact: true }))
    await visibleText(page.getByText('村干部', { exact: true }))
    await visibleText(page.getByText(village.regionName, { exact: true }))
    for (const title of ['本月筛查', '待办案件', '农户查询', '预警']) {
      await page.getByRole('button', { name: new RegExp(`^${title}`) }).waitFor()
    }
    await screenshot(page, 'cadre-workbench')
    assert.deepEqual(await seriousA11yViolations(page), [], 'workbench accessibility')
  })

  test('an expired access token is refreshed once and the page still loads', async () => {
    const before = await storedValue(page, 'jiuzhu.refreshToken')
    await page.evaluate(() => localStorage.setItem('jiuzhu.accessToken', JSON.stringify({ data: 'expired-token' })))
    await page.reload()
    await visibleText(page.getByText(village.displayName, { exact: true }))
    // GET /me answered 401, the wrapper refreshed and retried: a new pair is stored.
    await page.waitForFunction(() => !localStorage.getItem('jiuzhu.accessToken')?.includes('expired-token'))
    assert.notEqual(await storedValue(page, 'jiuzhu.refreshToken'), before)
  })

  test('an entry leads to its work area and back', async () => {
    await page.getByRole('button', { name: /^预警/ }).click()
    await visibleText(page.getByText(/行业部门数据比对发现的风险线索/))
    await page.goBack()
    await page.getByRole('button', { name: '退出登录' }).waitFor()
  })

  test('logout returns to the login page and clears the stored session', async () => {
    const refreshToken = await storedValue(page, 'jiuzhu.refreshToken')
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.getByLabel('账号').waitFor()
    assert.equal(await storedValue(page, 'jiuzhu.accessToken'), null)
    assert.equal(await storedValue(page, 'jiuzhu.refreshToken'), null)
    // The server ended the session too: its refresh token no longer works.
    const refreshed = await api(server.baseUrl, '/auth/refresh', { method: 'POST', body: { refreshToken } })
    assert.equal(refreshed.status, 401)
    assert.deepEqual(page.errors, [], 'no uncaught page errors')
  })
})
