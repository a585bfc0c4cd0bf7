// 本月筛查 in the government app's H5 build against the real server: a month of screening for one grid with the
// network cut in the middle. The grid worker downloads the month, records two results online and three offline
// (待发送 3, the list still works after the app is opened again offline, a draft survives), a cadre changes one of
// those households meanwhile, the network comes back: every result is on the server exactly once, one conflict is
// shown and settled in the app, a risky finding opened a SCREENING case. Then logout clears what the phone kept, and
// results queued when an administrator revokes the login are refused with a message, stored by nobody, not shown to
// another account, and sent after the same worker logs in again.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import { appHarness } from '@jiuzhu/server/testing/harness'

const { api, launchBrowser, newPage, residentId, screenshot, seriousA11yViolations, startServer, testChromiumInstalled, visibleText } =
  appHarness({ app: new URL('../..', import.meta.url), h5Path: '/gov/' })

const GRID = '530129103201001' // the demo `grid` worker's grid (羊街镇 羊街村委会 第一村民小组)
const PASSWORD = 'Jiuzhu@2026'
const PHOTO = fileURLToPath(new URL('../../../miniapp/test/fixtures/house.png', import.meta.url))
const LIST = '#/packages/screening/pages/list/index'
/** Heads of the households this test adds to the grid (unique names, so search finds exactly one). */
const HEADS = ['筛测甲一', '筛测乙二', '筛测丙三', '筛测丁四', '筛测戊五', '筛测己六']

testChromiumInstalled()

/** The page on screen: Taro's H5 router keeps earlier pages in the document, hidden. */
const current = (page) => page.locator('.taro_page:visible').last()

/** Storage keys the app wrote with Taro.setStorageSync (H5: localStorage, JSON `{ data }`). */
const storageKeys = (page) => page.evaluate(() => Object.keys(localStorage))
async function stored(page, key) {
  const raw = await page.evaluate((k) => localStorage.getItem(k), key)
  return raw === null ? null : JSON.parse(raw).data
}

/** Visible controls smaller than 44 × 44 CSS px. */
const smallTargets = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[role=button], [role=radio], [role=checkbox], button, input, textarea')]
      .map((el) => ({ el, box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.width > 0 && box.height > 0 && (box.width < 44 || box.height < 44))
      .map(({ el, box }) => `${el.getAttribute('role') ?? el.tagName} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
  )

async function checkScreen(page, name) {
  assert.deepEqual(await seriousA11yViolations(page), [], `${name} accessibility`)
  assert.deepEqual(await smallTargets(page), [], `${name}: controls of at least 44 px`)
}

describe('政府找 H5: 本月筛查 offline', () => {
  let server
  let browser
  let page
  let admin
  let village
  let gridAccount
  /** household id by head name */
  const households = {}
  /** the whole ID numbers of their heads (never kept on the phone) */
  const idNumbers = []
  /** every result item the app POSTed (client id → body item) */
  const posted = new Map()
  /** the HTTP status of each answer to those POSTs */
  const answers = []

  async function login(username) {
    const result = await api(server.baseUrl, '/auth/login', { method: 'POST', body: { username, password: PASSWORD } })
    assert.equal(result.status, 200, JSON.stringify(result.body))
    return result.body
  }

  /** The household's screening results as the server has them (village cadre's view). */
  async function resultsOf(head) {
    const list = await api(server.baseUrl, `/screening/results?householdId=${households[head]}&pageSize=50`, { token: village })
    assert.equal(list.status, 200, JSON.stringify(list.body))
    return list.body.items
  }

  async function uiLogin(username) {
    await page.goto(`${server.appUrl}#/pages/login/index`)
    await current(page).getByLabel('账号').fill(username)
    await current(page).getByLabel('密码').fill(PASSWORD)
    await current(page).getByRole('button', { name: '登录', exact: true }).click()
    await page.waitForURL((url) => !url.hash.startsWith('#/pages/login'))
    // landed: the workbench, or the page the expired login left (the month's list)
    await current(page).locator('.workbench-page, [aria-label="本月进度"]').first().waitFor()
  }

  async function openList() {
    await page.goto(`${server.appUrl}${LIST}`)
    await current(page).getByRole('region', { name: '本月进度' }).waitFor()
  }

  /** From the list: finds the household by its head and opens its card. */
  async function openHousehold(head) {
    const list = current(page)
    await list.getByRole('button', { name: /^全部/ }).click()
    await list.getByLabel('查找农户（户主姓名或户编号）').fill(head)
    await list.getByRole('button', { name: new RegExp(`^${head}`) }).click()
    await current(page).getByRole('region', { name: '农户信息' }).waitFor()
  }

  /** Fills the form of the open household card and saves; `risk` picks a new difficulty. */
  async function screen(head, { risk, photo, phone } = {}) {
    await openHousehold(head)
    await current(page).getByRole('button', { name: '开始筛查' }).click()
    const form = current(page)
    await form.getByRole('radiogroup', { name: '走访方式' }).waitFor()
    await form.getByRole('radiogroup', { name: '走访方式' }).getByRole('radio', { name: phone ? '电话联系' : '入户走访' }).click()
    await form.getByRole('radiogroup', { name: phone ? '是否联系上家人' : '家中是否有人' }).getByRole('radio', { name: phone ? '联系上了' : '有人' }).click()
    await form.getByRole('button', { name: '全部有保障' }).click()
    await form.getByRole('radiogroup', { name: '收入是否有变化' }).getByRole('radio', { name: '没有变化' }).click()
    if (risk) await form.getByRole('checkbox', { name: risk }).click()
    if (photo) {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.getByRole('button', { name: '拍照或选照片' }).click()])
      await chooser.setFiles(PHOTO)
      await form.getByRole('img', { name: '照片1' }).waitFor()
    }
    await form.getByRole('button', { name: '保存', exact: true }).click()
    await current(page).getByRole('region', { name: '本月进度' }).waitFor()
  }

  const status = (page) => visibleText(current(page).getByRole('region', { name: '本月进度' }).locator('.screening-status'))

  before(async () => {
    browser = await launchBrowser()
    server = await startServer()
    admin = (await login('admin')).accessToken
    village = (await login('village')).accessToken
    for (const [i, head] of HEADS.entries()) {
      idNumbers.push(residentId('19660312', 600 + i))
      const created = await api(server.baseUrl, '/households', {
        method: 'POST',
        token: admin,
        body: {
          regionCode: GRID,
          address: `羊街镇羊街村委会第一村民小组筛查测试${i + 1}号`,
          householdType: 'OUT_OF_POVERTY',
          members: [{ name: head, idNumber: idNumbers[i], relation: 'HEAD' }],
        },
      })
      assert.equal(created.status, 201, JSON.stringify(created.body))
      households[head] = created.body.id
    }
    // The demo seed made this month's round; generating again adds tasks for the new households only.
    const generated = await api(server.baseUrl, '/screening/rounds/generate', { method: 'POST', token: admin, body: { region: GRID } })
    assert.equal(generated.status, 200, JSON.stringify(generated.body))
    assert.ok(generated.body.tasksCreated >= HEADS.length, 'a task for each new household')
    page = await newPage(browser)
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/screening/results') {
        for (const item of request.postDataJSON()?.results ?? []) posted.set(item.clientId, item)
      }
    })
    page.on('response', (response) => {
      const request = response.request()
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/screening/results') answers.push(response.status())
    })
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the grid worker opens 本月筛查 and the whole month is downloaded (all pages)', async (t) => {
    const grid = await login('grid')
    gridAccount = grid.account
    const tasks = await api(server.baseUrl, '/screening/tasks?pageSize=500', { token: grid.accessToken })
    assert.equal(tasks.status, 200, JSON.stringify(tasks.body))
    const total = tasks.body.total
    assert.ok(total >= HEADS.length)

    await uiLogin('grid')
    await current(page).getByRole('button', { name: /^本月筛查/ }).click()
    const list = current(page)
    await list.getByRole('region', { name: '本月进度' }).waitFor()
    await visibleText(list.getByText(`0 / ${total}`, { exact: true }))
    assert.equal(await status(page), '待发送 0 条')
    const meta = await stored(page, `jiuzhu.local.screening.tasks.${gridAccount.id}`)
    assert.equal(meta.total, total, 'every task kept on the phone')
    // masked as served: no whole ID number, no health on the phone
    const kept = JSON.stringify(await page.evaluate(() => Object.entries(localStorage).filter(([k]) => k.startsWith('jiuzhu.local.'))))
    for (const idNumber of idNumbers) assert.ok(!kept.includes(idNumber), 'no whole ID number kept')
    assert.match(kept, /5301\*{10}\d{3}[\dX]/, 'ID numbers masked as served')
    const bytes = await page.evaluate(() =>
      Object.entries(localStorage).filter(([k]) => k.startsWith('jiuzhu.local.screening.tasks.')).reduce((n, [k, v]) => n + k.length + v.length, 0),
    )
    t.diagnostic(`kept on the phone: ${total} tasks in ${bytes} characters of storage (${Math.round(bytes / total)} per task)`)
    assert.doesNotMatch(kept, /health/i)
    await screenshot(page, 'screening-list')
    await checkScreen(page, 'screening list')
  })

  test('two results recorded online are sent at once; a risky finding opens a SCREENING case', async () => {
    await screen(HEADS[0])
    await screen(HEADS[1], { risk: '因病' })
    assert.equal(await status(page), '待发送 0 条')
    await visibleText(current(page).getByText(/^2 \/ \d+$/))
    assert.equal((await resultsOf(HEADS[0])).length, 1)
    const [risky] = await resultsOf(HEADS[1])
    assert.ok(risky?.caseId, 'the finding opened a case')
    assert.deepEqual(risky.riskTypes, ['ILLNESS'])
    const cases = await api(server.baseUrl, `/cases?householdId=${households[HEADS[1]]}&pageSize=10`, { token: village })
    assert.equal(cases.status, 200, JSON.stringify(cases.body))
    const opened = cases.body.items.find((c) => c.id === risky.caseId)
    assert.equal(opened?.source, 'SCREENING')
    assert.equal(opened?.status, 'DECLARED')
  })

  test('the form: every field labelled, big targets, a draft kept on every change', async () => {
    await openHousehold(HEADS[5])
    await current(page).getByRole('button', { name: '开始筛查' }).click()
    const form = current(page)
    await form.getByRole('radiogroup', { name: '走访方式' }).getByRole('radio', { name: '电话联系' }).click()
    await form.getByRole('button', { name: '保存', exact: true }).click()
    await visibleText(form.getByText('请选择是否联系上家人'))
    await visibleText(form.getByText(/^请逐项选择：不愁吃、不愁穿/))
    await form.getByLabel('备注（可不填）').fill('电话里说下个月回村')
    await screenshot(page, 'screening-form')
    await checkScreen(page, 'screening form')
    // reopened later: what was typed is still there
    await openList()
    await openHousehold(HEADS[5])
    await current(page).getByRole('button', { name: '开始筛查' }).click()
    assert.equal(await current(page).getByLabel('备注（可不填）').inputValue(), '电话里说下个月回村')
    assert.equal(await current(page).getByRole('radio', { name: '电话联系' }).getAttribute('aria-checked'), 'true')
    await openList()
  })

  test('offline: three more results wait on the phone (待发送 3) and the app still works when opened again', async () => {
    const context = page.context()
    await context.setOffline(true)
    const before = posted.size
    await screen(HEADS[2], { photo: true })
    await screen(HEADS[3])
    await screen(HEADS[4], { phone: true, risk: '因学' })
    assert.equal(await status(page), '待发送 3 条')
    await current(page).getByRole('button', { name: '立即发送' }).waitFor()
    await screenshot(page, 'screening-queued')
    await checkScreen(page, 'screening list with results waiting')
    const queue = await stored(page, `jiuzhu.local.screening.queue.${gridAccount.id}`)
    assert.equal(queue.length, 3)
    assert.ok(queue.every((item) => item.state === 'WAITING' && /^[0-9a-f-]{36}$/.test(item.clientId)))
    assert.equal(queue[0].photos.length, 1, 'the photo is kept on the phone with its record')
    assert.equal(posted.size, before, 'nothing reached the server')

    // 立即发送 without a network says so and keeps them
    await current(page).getByRole('button', { name: '立即发送' }).click()
    await visibleText(current(page).getByText(/没有网络，3 条记录保存在手机上/))

    // the app opened again with no network: the page and its data come from the phone
    await page.goto('about:blank')
    await page.goto(`${server.appUrl}${LIST}`)
    const list = current(page)
    await list.getByRole('region', { name: '本月进度' }).waitFor()
    assert.equal(await status(page), '待发送 3 条')
    await visibleText(list.getByText(/^5 \/ \d+$/))
    await visibleText(list.getByText(/^任务下载于 .*没有网络也能筛查。$/))
    await openHousehold(HEADS[3])
    await visibleText(current(page).getByText(/^待发送：/))
    await openList()
  })

  test('a cadre changes one of the queued households meanwhile; network back: each result stored exactly once, one conflict', async () => {
    const detail = await api(server.baseUrl, `/households/${households[HEADS[3]]}`, { token: village })
    assert.equal(detail.status, 200, JSON.stringify(detail.body))
    const changed = await api(server.baseUrl, `/households/${households[HEADS[3]]}`, {
      method: 'PATCH',
      token: village,
      body: { version: detail.body.version, address: '羊街镇羊街村委会第一村民小组筛查测试4号（已搬迁）' },
    })
    assert.equal(changed.status, 200, JSON.stringify(changed.body))

    await page.context().setOffline(false)
    // the app sends by itself when the network returns
    await page.waitForFunction(() => {
      const raw = Object.entries(localStorage).find(([k]) => k.startsWith('jiuzhu.local.screening.queue.'))
      return !raw
    }, null, { timeout: 30_000 })
    await visibleText(current(page).getByText('待发送 0 条'))

    for (const head of HEADS.slice(0, 5)) assert.equal((await resultsOf(head)).length, 1, `${head}: exactly one result`)
    const [withPhoto] = await resultsOf(HEADS[2])
    assert.equal(withPhoto.photoFileIds.length, 1, 'the photo kept offline was uploaded before its record')
    const [conflicted] = await resultsOf(HEADS[3])
    assert.equal(conflicted.conflict, true)
    assert.ok((await resultsOf(HEADS[4]))[0].caseId, 'the offline finding opened its case')

    // replaying what the phone sent is harmless: DUPLICATE, still one each
    const grid = await login('grid')
    const replay = await api(server.baseUrl, '/screening/results', { method: 'POST', token: grid.accessToken, body: { results: [...posted.values()] } })
    assert.equal(replay.status, 200, JSON.stringify(replay.body))
    assert.deepEqual(new Set(replay.body.results.map((r) => r.outcome)), new Set(['DUPLICATE']))
    assert.equal(replay.body.results.length, 5)
    for (const head of HEADS.slice(0, 5)) assert.equal((await resultsOf(head)).length, 1, `${head}: still one after the replay`)
  })

  test('the conflict is shown on its task and settled in the app', async () => {
    const list = current(page)
    await list.getByLabel('查找农户（户主姓名或户编号）').fill('')
    await list.getByRole('button', { name: /^冲突 1/ }).click()
    const item = list.getByRole('button', { name: new RegExp(`^${HEADS[3]}.*与他人修改冲突，请处理`) })
    await item.waitFor()
    await visibleText(list.getByText('与他人修改冲突，请处理'))
    await screenshot(page, 'screening-conflict')
    await item.click()
    const card = current(page)
    await card.getByRole('region', { name: '农户信息' }).waitFor()
    await visibleText(card.getByRole('alert').filter({ hasText: '与他人修改冲突，请处理' }))
    await screenshot(page, 'screening-conflict-card')
    await checkScreen(page, 'household card with a conflict')
    await card.getByRole('button', { name: '保留我的结果' }).click()
    await visibleText(card.locator('.badge').filter({ hasText: '已完成' }))
    const [kept] = await resultsOf(HEADS[3])
    assert.equal(kept.resolution, 'KEPT')
    const grid = await login('grid')
    const tasks = await api(server.baseUrl, '/screening/tasks?pageSize=500', { token: grid.accessToken })
    assert.equal(tasks.body.items.find((t) => t.household.id === households[HEADS[3]]).status, 'DONE')
    assert.equal(tasks.body.items.filter((t) => t.status === 'CONFLICT').length, 0)
    assert.deepEqual(page.errors, [], 'no uncaught page errors')
  })

  test('logout clears what the phone kept (tasks, queue, drafts, photos)', async () => {
    await page.goto(`${server.appUrl}#/pages/index/index`)
    await current(page).getByRole('button', { name: '退出登录' }).click()
    await current(page).getByLabel('账号').waitFor()
    const keys = await storageKeys(page)
    assert.deepEqual(keys.filter((k) => k.startsWith('jiuzhu.local.') || k.startsWith('jiuzhu.draft.')), [])
    const databases = await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
    assert.ok(!databases.includes('jiuzhu-local'), 'kept photos deleted')
  })

  test('a revoked login: the queued result is refused with a message, stored by nobody, kept for the same account only', async () => {
    await uiLogin('grid')
    await openList()
    await visibleText(current(page).getByText(/^5 \/ \d+$/))
    await page.context().setOffline(true)
    await screen(HEADS[5])
    assert.equal(await status(page), '待发送 1 条')
    const revoked = await api(server.baseUrl, `/accounts/${gridAccount.id}/sessions/revoke`, { method: 'POST', token: admin })
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body))
    const answered = answers.length
    await page.context().setOffline(false)
    await current(page).getByLabel('账号').waitFor({ timeout: 30_000 })
    assert.equal(await visibleText(current(page).getByRole('alert')), '登录已失效，请重新登录后发送 1 条待发送记录')
    await screenshot(page, 'screening-login-lost')
    assert.deepEqual(answers.slice(answered), [401], 'the app tried to send it and the server refused the login')
    assert.equal((await resultsOf(HEADS[5])).length, 0, 'refused: nothing stored')
    assert.equal((await stored(page, `jiuzhu.local.screening.queue.${gridAccount.id}`))?.length, 1, 'kept on the phone')

    // another account on this phone neither sees nor sends it
    await uiLogin('village')
    await openList()
    assert.equal(await status(page), '待发送 0 条')
    await page.waitForTimeout(1_000)
    assert.equal((await resultsOf(HEADS[5])).length, 0)

    // the same worker again: it goes out
    await uiLogin('grid')
    await openList()
    await page.waitForFunction((key) => localStorage.getItem(key) === null, `jiuzhu.local.screening.queue.${gridAccount.id}`, { timeout: 30_000 })
    assert.equal(await status(page), '待发送 0 条')
    assert.equal((await resultsOf(HEADS[5])).length, 1)
    assert.deepEqual(page.errors, [], 'no uncaught page errors')
  })
})
