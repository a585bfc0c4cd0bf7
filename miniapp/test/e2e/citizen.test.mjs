// The citizen mini-program's H5 build against the real server: WeChat login through the dev provider,
// binding to a household member that the test registers as admin, the household on 我的, a refused pair.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { appHarness } from '@jiuzhu/server/testing/harness'

const { api, launchBrowser, newPage, residentId, screenshot, seriousA11yViolations, startServer, testChromiumInstalled, visibleText } =
  appHarness({ app: new URL('../..', import.meta.url), h5Path: '/m/' })

const GRID = '530129103201001' // a grid of the seeded demo county (羊街村委会 第一村民小组)
const member = { name: '李秀英', idNumber: residentId('19850315') }

// Counted as a failure (not a silent skip) when the browser is missing.
testChromiumInstalled()

describe('找政府 H5 (citizen)', () => {
  let server
  let browser
  let page
  let household

  before(async () => {
    browser = await launchBrowser()
    server = await startServer()
    const login = await api(server.baseUrl, '/auth/login', { method: 'POST', body: { username: 'admin', password: 'Jiuzhu@2026' } })
    assert.equal(login.status, 200, `admin login: ${JSON.stringify(login.body)}`)
    const created = await api(server.baseUrl, '/households', {
      method: 'POST',
      token: login.body.accessToken,
      body: {
        regionCode: GRID,
        address: '羊街镇羊街村委会测试组1号',
        householdType: 'ORDINARY',
        members: [
          { name: member.name, idNumber: member.idNumber, relation: 'HEAD' },
          { name: '王小明', idNumber: residentId('20100601'), relation: 'CHILD' },
        ],
      },
    })
    assert.equal(created.status, 201, `create household: ${JSON.stringify(created.body)}`)
    household = created.body
    page = await newPage(browser)
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('opens on the login page and logs in with the dev WeChat code', async () => {
    await page.goto(server.appUrl)
    const login = page.getByRole('button', { name: '微信登录' })
    await login.waitFor()
    await screenshot(page, 'citizen-login')
    assert.deepEqual(await seriousA11yViolations(page), [], 'login page accessibility')
    await login.click()
    // A new account has no binding yet: the binding page comes next.
    await page.getByLabel('姓名').waitFor()
    assert.match(page.url(), /#\/packages\/account\/pages\/binding\/index/)
    await screenshot(page, 'citizen-binding')
  })

  test('an invalid ID number is caught beside the field before anything is sent', async () => {
    await page.getByLabel('姓名').fill(member.name)
    await page.getByLabel('身份证号码').fill(`${member.idNumber.slice(0, 17)}${member.idNumber[17] === '1' ? '2' : '1'}`)
    await page.getByRole('button', { name: '绑定', exact: true }).click()
    assert.match(await visibleText(page.getByRole('alert')), /校验码/)
    assert.equal(await page.getByLabel('身份证号码').getAttribute('aria-invalid'), 'true')
  })

  test('a name and ID number that do not match the registry are refused', async () => {
    // A valid ID number that belongs to nobody in this household.
    await page.getByLabel('姓名').fill('张三')
    await page.getByLabel('身份证号码').fill(member.idNumber)
    await page.getByRole('button', { name: '绑定', exact: true }).click()
    const message = await visibleText(page.getByRole('alert'))
    assert.match(message, /[\u4e00-\u9fa5]/, 'the refusal is shown in Chinese')
    assert.match(page.url(), /binding/)
    await screenshot(page, 'citizen-binding-refused')
  })

  test('binds to the household member and sees the household on 我的', async () => {
    await page.getByLabel('姓名').fill(member.name)
    await page.getByLabel('身份证号码').fill(member.idNumber)
    await page.getByRole('button', { name: '绑定', exact: true }).click()
    await page.waitForURL(/#\/pages\/(index|me)\/index/)
    if (/pages\/index/.test(page.url())) await page.getByRole('button', { name: '我的', exact: true }).click()
    await visibleText(page.getByText(household.householdNumber))
    const body = await page.locator('body').innerText()
    assert.match(body, /李\*英/, 'the member name is shown masked')
    assert.doesNotMatch(body, /李秀英/, 'the full name is not shown')
    assert.match(body, /羊街村委会/, 'the village is shown')
    await screenshot(page, 'citizen-me')
  })

  test('home shows the three big entries and 政策咨询 / 投诉举报, which open their pages', async () => {
    await page.getByRole('button', { name: '返回首页' }).click()
    for (const title of ['我要申请帮助', '我的申请', '村务公示', '政策咨询', '投诉举报']) {
      await page.getByRole('button', { name: new RegExp(`^${title}`) }).waitFor()
    }
    await screenshot(page, 'citizen-home')
    assert.deepEqual(await seriousA11yViolations(page), [], 'home page accessibility')
    await page.getByRole('button', { name: /^村务公示/ }).click()
    await page.waitForURL(/#\/packages\/notices\/pages\/list\/index/)
    // The household has no notice yet.
    await visibleText(page.getByText('本村现在没有公示。'))
    assert.deepEqual(page.errors, [], 'no uncaught page errors')
  })
})
