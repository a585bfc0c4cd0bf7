// 政府找 H5 against the real server: the data-sharing center's screens. A 医保 department operator (created through
// the admin API) sees only 数据报送, downloads the template, has a file with wrong columns refused with the server's
// message, uploads a CSV with good, bad and unmatched rows, follows the batch to its counts and downloads the error
// report; the village cadre's 预警 inbox shows the new warnings of the village only (not the other village's),
// dismisses one (empty reason caught beside the field, a stale version reloads and says so), opens a case from another
// (a DEPARTMENT_WARNING case at DECLARED); the department's 核实反馈 shows both verdicts. axe-core on the upload page,
// the batch page, the inbox and the warning detail; screenshots in gov-app/test-results/.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { appHarness } from '@jiuzhu/server/testing/harness'

const { api, launchBrowser, newPage, residentId, screenshot, seriousA11yViolations, startServer, testChromiumInstalled, visibleText } =
  appHarness({ app: new URL('../..', import.meta.url), h5Path: '/gov/' })

const PASSWORD = 'Jiuzhu@2026'
const TOWNSHIP = '530129103'
const VILLAGE = '530129103201' // the demo `village` cadre's village
const GRID = `${VILLAGE}001`
const OPERATOR = 'yibao-e2e'
const DATASET = 'MEDICAL_SELF_PAID'
const HEADERS = ['身份证号', '姓名', '就诊类型', '入院日期', '出院日期', '医疗总费用', '自付费用']

/** Last month in China, YYYY-MM: the data month of the batch. */
const MONTH = (() => {
  const china = new Date(Date.now() + 8 * 3_600_000)
  china.setUTCDate(1)
  china.setUTCMonth(china.getUTCMonth() - 1)
  return china.toISOString().slice(0, 7)
})()

// Three registered heads (two in the village, one in another village of the township) and one person the registry lacks.
const dismissedHead = { name: '禄文昌', idNumber: residentId('19700303', 711) }
const openedHead = { name: '矣光明', idNumber: residentId('19680808', 713) }
const elsewhereHead = { name: '者红英', idNumber: residentId('19750909', 715) }
const stranger = { name: '普小芬', idNumber: residentId('19900101', 717) }

/** The same ID with a wrong check digit. */
const badCheckDigit = (id) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')

const csv = (rows) => `${[HEADERS, ...rows].map((row) => row.join(',')).join('\r\n')}\r\n`
const stay = (person, selfPaid) => [person.idNumber, person.name, '住院', `${MONTH}-03`, `${MONTH}-12`, String(selfPaid * 2), String(selfPaid)]

// 6 rows: 3 matched (each over the 10,000 of a household not monitored), 1 unmatched, 2 bad.
const GOOD_FILE = csv([
  stay(dismissedHead, 12_000),
  stay(openedHead, 15_000),
  stay(elsewhereHead, 11_000),
  stay(stranger, 20_000),
  [badCheckDigit(residentId('19660606', 719)), '张三', '住院', `${MONTH}-01`, `${MONTH}-05`, '9000', '3000'],
  [residentId('19770707', 721), '李四', '急诊', `${MONTH}-01`, `${MONTH}-05`, '9000', '不知道'],
])
// The size limit of this run (EXCHANGE_MAX_BYTES): the good file fits, TOO_LARGE_FILE does not.
const MAX_BYTES = 4096
const TOO_LARGE_FILE = csv(Array.from({ length: 120 }, () => stay(stranger, 20_000)))
// The same rows under a header the dataset does not know and without 自付费用: refused whole.
const WRONG_COLUMNS_FILE = `${['身份证号', '姓名', '就诊类型', '入院日期', '出院日期', '医疗总费用', '报销金额'].join(',')}\r\n${stay(stranger, 1).join(',')}\r\n`

/** The page on top (Taro's H5 router keeps earlier pages in the document, hidden). */
const current = (page) => page.locator('.taro_page:visible').last()

// Counted as a failure (not a silent skip) when the browser is missing.
testChromiumInstalled()

describe('政府找 H5: 数据报送 and 预警', () => {
  let server
  let browser
  const tokens = {}
  const households = {}
  let otherGrid
  let batch
  const warnings = {}
  let caseId
  const pages = {}

  async function login(username) {
    const res = await api(server.baseUrl, '/auth/login', { method: 'POST', body: { username, password: PASSWORD } })
    assert.equal(res.status, 200, `${username} login: ${JSON.stringify(res.body)}`)
    return res.body.accessToken
  }

  async function ok(path, options = {}, status = 200) {
    const res = await api(server.baseUrl, path, options)
    assert.equal(res.status, status, `${options.method ?? 'GET'} ${path}: ${JSON.stringify(res.body)}`)
    return res.body
  }

  async function register(head, regionCode) {
    return ok(
      '/households',
      {
        method: 'POST',
        token: tokens.admin,
        body: {
          regionCode,
          address: '羊街镇后山8号',
          householdType: 'ORDINARY',
          members: [{ name: head.name, idNumber: head.idNumber, relation: 'HEAD', labourCapacity: 'ORDINARY' }],
        },
      },
      201,
    )
  }

  /** POST /exchange/batches as multipart from the test (the expected answer of a file the page sends). */
  async function sendThroughApi(token, fileName, content) {
    const form = new FormData()
    form.append('dataset', DATASET)
    form.append('month', MONTH)
    form.append('file', new Blob([content], { type: 'text/csv' }), fileName)
    const response = await fetch(`${server.baseUrl}/api/v1/exchange/batches`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
    return { status: response.status, body: await response.json() }
  }

  /** A user signed in through the login page of a fresh browser context, on the workbench. */
  async function signIn(username, entry) {
    const page = await newPage(browser)
    await page.goto(server.appUrl)
    await page.getByLabel('账号').fill(username)
    await page.getByLabel('密码').fill(PASSWORD)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.getByRole('button', { name: entry }).waitFor()
    return page
  }

  async function checkA11y(page, name) {
    assert.deepEqual(await seriousA11yViolations(page), [], `${name} accessibility`)
  }

  /** Chooses a file through the page's 选择文件 button (the browser's file chooser). */
  async function chooseFile(page, name, content) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), current(page).getByRole('button', { name: /选择文件/ }).click()])
    await chooser.setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) })
    await current(page).getByText(`已选择：${name}`, { exact: false }).waitFor()
  }

  /** Clicks a download button and returns the saved file's suggested name and bytes. */
  async function download(page, button) {
    const [file] = await Promise.all([page.waitForEvent('download'), button.click()])
    const path = await file.path()
    return { name: file.suggestedFilename(), bytes: await readFile(path) }
  }

  const warningOf = async (household) => {
    const found = await ok(`/warnings?q=${encodeURIComponent(household.householdNumber)}&month=${MONTH}`, { token: tokens.county })
    assert.equal(found.items.length, 1, `one warning for ${household.householdNumber}: ${JSON.stringify(found.items)}`)
    return found.items[0]
  }

  before(async () => {
    browser = await launchBrowser()
    const limit = process.env.EXCHANGE_MAX_BYTES
    process.env.EXCHANGE_MAX_BYTES = String(MAX_BYTES)
    try {
      server = await startServer()
    } finally {
      if (limit === undefined) delete process.env.EXCHANGE_MAX_BYTES
      else process.env.EXCHANGE_MAX_BYTES = limit
    }
    assert.ok(Buffer.byteLength(GOOD_FILE) < MAX_BYTES && Buffer.byteLength(TOO_LARGE_FILE) > MAX_BYTES)
    for (const name of ['admin', 'village', 'county']) tokens[name] = await login(name)
    await ok(
      '/accounts',
      {
        method: 'POST',
        token: tokens.admin,
        body: { username: OPERATOR, password: PASSWORD, role: 'DEPARTMENT_OPERATOR', department: 'MEDICAL_INSURANCE', regionCode: '530129', displayName: '县医保局经办员' },
      },
      201,
    )
    tokens.operator = await login(OPERATOR)
    const villages = await ok(`/regions?parent=${TOWNSHIP}&pageSize=100`)
    const otherVillage = villages.items.find((v) => v.code !== VILLAGE)
    assert.ok(otherVillage, 'the township has a second village')
    otherGrid = (await ok(`/regions?parent=${otherVillage.code}&pageSize=100`)).items[0]?.code
    assert.ok(otherGrid, `the village ${otherVillage.code} has a grid`)
    households.dismissed = await register(dismissedHead, GRID)
    households.opened = await register(openedHead, GRID)
    households.elsewhere = await register(elsewhereHead, otherGrid)
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  test('the department operator sees only 数据报送; the upload page shows the columns and gives the template', async () => {
    const page = (pages.operator = await signIn(OPERATOR, /^数据报送/))
    const entries = await page.locator('.entry-grid').getByRole('button').allInnerTexts()
    assert.equal(entries.length, 1, `only 数据报送 on the workbench: ${entries.join(' | ')}`)
    await screenshot(page, 'exchange-workbench-operator')

    await page.getByRole('button', { name: /^数据报送/ }).click()
    const upload = current(page)
    const datasets = await ok('/exchange/datasets', { token: tokens.operator })
    const medical = datasets.items.find((d) => d.code === DATASET)
    assert.deepEqual(
      medical.columns.map((c) => c.header),
      HEADERS,
      'the test file follows the dataset',
    )
    await upload.getByRole('radio', { name: new RegExp(medical.name) }).click()
    for (const header of HEADERS) await upload.getByText(header, { exact: true }).first().waitFor()
    assert.equal(await upload.getByLabel('数据月份').inputValue(), MONTH, 'last month by default')
    await screenshot(page, 'exchange-upload')
    await checkA11y(page, 'upload page')

    const template = await download(page, upload.getByRole('button', { name: /下载模板/ }))
    assert.match(template.name, /\.xlsx$/)
    assert.equal(template.bytes.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file')
  })

  test('a file with wrong columns, or one too large, is refused with the server’s message, as it is', async () => {
    const page = pages.operator
    const expected = await sendThroughApi(tokens.operator, '医保-错表头.csv', WRONG_COLUMNS_FILE)
    assert.equal(expected.status, 400, JSON.stringify(expected.body))
    await chooseFile(page, '医保-错表头.csv', WRONG_COLUMNS_FILE)
    await current(page).getByRole('button', { name: '上传', exact: true }).click()
    assert.equal(await visibleText(current(page).locator('.form-error')), expected.body.message)
    assert.match(expected.body.message, /自付费用|报销金额/, 'the message names the columns')
    await screenshot(page, 'exchange-upload-refused')

    const tooLarge = await sendThroughApi(tokens.operator, '医保-太大.csv', TOO_LARGE_FILE)
    assert.equal(tooLarge.status, 413, JSON.stringify(tooLarge.body))
    await chooseFile(page, '医保-太大.csv', TOO_LARGE_FILE)
    await current(page).getByRole('button', { name: '上传', exact: true }).click()
    await current(page).locator('.form-error').getByText(tooLarge.body.message, { exact: true }).waitFor()
    const batches = await ok(`/exchange/batches?month=${MONTH}`, { token: tokens.operator })
    assert.equal(batches.total, 0, 'nothing stored')
  })

  test('a CSV with good, bad and unmatched rows: the batch page follows it to its counts; the error report downloads', async () => {
    const page = pages.operator
    await chooseFile(page, '医保自付-本月.csv', GOOD_FILE)
    await current(page).getByRole('button', { name: '上传', exact: true }).click()
    await page.waitForURL(/exchange\/pages\/batch\/index/)
    const status = current(page).locator('.status-line')
    await status.getByText('已完成').waitFor({ timeout: 60_000 })

    const listed = await ok(`/exchange/batches?month=${MONTH}`, { token: tokens.operator })
    assert.equal(listed.total, 1)
    batch = listed.items[0]
    assert.deepEqual(batch.counts, { received: 6, valid: 4, invalid: 2, matched: 3, unmatched: 1, warnings: 3 })
    const result = current(page).getByRole('group', { name: '处理结果' })
    const text = await visibleText(result)
    for (const line of [/收到\s*6 行/, /校验通过\s*4 行/, /有错误\s*2 行/, /匹配到农户\s*3 人/, /未匹配\s*1 人/, /产生预警\s*3 条/]) assert.match(text, line)
    await screenshot(page, 'exchange-batch-done')
    await checkA11y(page, 'batch page')

    const report = await download(page, current(page).getByRole('button', { name: /下载错误报告/ }))
    assert.match(report.name, /\.xlsx$/)
    assert.equal(report.bytes.subarray(0, 2).toString(), 'PK', 'an xlsx (zip) file')
    const unmatched = await download(page, current(page).getByRole('button', { name: /下载未匹配名单/ }))
    assert.equal(unmatched.bytes.subarray(0, 2).toString(), 'PK')

    // the same file again: the earlier batch, nothing doubled
    const replay = await sendThroughApi(tokens.operator, '医保自付-本月.csv', GOOD_FILE)
    assert.equal(replay.status, 200)
    assert.equal(replay.body.id, batch.id)

    // my batches: the one batch, by month
    await current(page).getByRole('button', { name: '我的报送' }).click()
    const list = current(page)
    await list.getByRole('button', { name: /医保自付-本月\.csv/ }).waitFor()
    assert.match(await visibleText(list.getByRole('list', { name: '报送批次' })), /收到 6 行 · 错误 2 行 · 未匹配 1 人 · 预警 3 条/)
  })

  test('the village cadre’s inbox: the village’s new warnings only, with household, rule, department, severity, month, age', async () => {
    warnings.dismissed = await warningOf(households.dismissed)
    warnings.opened = await warningOf(households.opened)
    warnings.elsewhere = await warningOf(households.elsewhere)
    const page = (pages.village = await signIn('village', /^预警/))
    await page.getByRole('button', { name: /^预警/ }).click()
    const inbox = current(page)
    const card = (household) => inbox.getByRole('button', { name: new RegExp(household.householdNumber) })
    await card(households.dismissed).waitFor()
    await card(households.opened).waitFor()
    assert.equal(await card(households.elsewhere).count(), 0, 'another village’s warning is not shown')
    const text = await card(households.dismissed).innerText()
    assert.match(text, /禄\*昌户/, 'the head’s name masked')
    assert.match(text, new RegExp(warnings.dismissed.ruleName))
    assert.match(text, /医保/)
    assert.match(text, new RegExp(`级别：${warnings.dismissed.severityLabel}`), 'severity in words')
    assert.match(text, /待核实/)
    assert.match(text, /今天产生/)
    assert.match(text, new RegExp(`${Number(MONTH.slice(0, 4))}年${Number(MONTH.slice(5))}月数据`))
    await screenshot(page, 'warnings-inbox')
    await checkA11y(page, 'inbox')

    // search by household number: that one only
    await inbox.getByLabel('农户').fill(households.opened.householdNumber)
    await inbox.getByRole('button', { name: '搜索' }).click()
    await inbox.getByText('共 1 条').waitFor()
    await card(households.opened).waitFor()
    // a month typed wrong is caught beside the field
    await inbox.getByLabel('数据月份').fill('2025/6')
    await inbox.getByRole('button', { name: '搜索' }).click()
    assert.match(await visibleText(inbox.locator('#warning-month-error')), /年-月/)
    await inbox.getByLabel('数据月份').fill('')
    await inbox.getByLabel('农户').fill('')
    await inbox.getByRole('button', { name: '搜索' }).click()
    await card(households.dismissed).waitFor()
    // by data source: 医保's dataset keeps both, another department's shows none
    await inbox.getByRole('radio', { name: /住建·/ }).click()
    await inbox.getByText('没有待处理的预警。').waitFor()
    await inbox.getByRole('radio', { name: /医保·/ }).click()
    await card(households.opened).waitFor()
    await inbox.getByText('共 2 条').waitFor()

    // the other village's warning: 404 for this cadre
    const refused = await api(server.baseUrl, `/warnings/${warnings.elsewhere.id}`, { token: tokens.village })
    assert.equal(refused.status, 404)
  })

  test('dismiss: the detail shows the evidence; an empty reason is caught; a stale version reloads and says so', async () => {
    const page = pages.village
    await current(page).getByRole('button', { name: new RegExp(households.dismissed.householdNumber) }).click()
    const detail = current(page)
    const evidence = detail.getByRole('group', { name: '部门记录' })
    const record = await visibleText(evidence)
    assert.match(record, /自付费用\s*12000/)
    assert.match(record, new RegExp(`${dismissedHead.idNumber.slice(0, 4)}\\*+${dismissedHead.idNumber.slice(-4)}`), 'the ID number masked')
    assert.ok(!record.includes(dismissedHead.idNumber), 'never the full ID number')
    assert.match(await visibleText(detail.getByRole('list', { name: '办理过程' })), /预警产生/)
    await screenshot(page, 'warning-detail')
    await checkA11y(page, 'warning detail')

    await detail.getByRole('button', { name: '排除', exact: true }).click()
    await detail.getByRole('button', { name: '确认排除' }).click()
    assert.equal(await visibleText(detail.locator('#warning-reason-error')), '请填写排除理由')
    await detail.getByLabel('排除理由').fill('已入户核实，住院费用已由大病保险和医疗救助报销，家庭收入稳定')

    // someone else starts verifying it meanwhile: the send is refused (409), the page reloads and says so
    await ok(`/warnings/${warnings.dismissed.id}/actions`, { method: 'POST', token: tokens.county, body: { action: 'verify', version: warnings.dismissed.version } })
    await detail.getByRole('button', { name: '确认排除' }).click()
    assert.match(await visibleText(detail.locator('.conflict-notice')), /已被他人处理，已刷新/)
    await detail.locator('.detail-row', { hasText: '状态' }).getByText('核实中', { exact: true }).waitFor()

    await detail.getByRole('button', { name: '排除', exact: true }).click()
    assert.match(await detail.getByLabel('排除理由').inputValue(), /大病保险/, 'the typed reason is kept')
    await detail.getByRole('button', { name: '确认排除' }).click()
    await detail.locator('.detail-row', { hasText: '状态' }).getByText('已排除', { exact: true }).waitFor()
    assert.match(await visibleText(detail.locator('.done-notice')), /已排除/)
    const after = await ok(`/warnings/${warnings.dismissed.id}`, { token: tokens.village })
    assert.equal(after.status, 'DISMISSED')
    assert.match(after.dismissReason, /大病保险/)
    await screenshot(page, 'warning-dismissed')
  })

  test('verify, then open a case: the case number and a link to the DEPARTMENT_WARNING case at DECLARED', async () => {
    const page = pages.village
    await current(page).getByRole('button', { name: '返回预警列表' }).click()
    await current(page).getByRole('button', { name: new RegExp(households.opened.householdNumber) }).click()
    const detail = current(page)
    await detail.getByRole('button', { name: '开始核实' }).click()
    await detail.locator('.detail-row', { hasText: '状态' }).getByText('核实中', { exact: true }).waitFor()
    await detail.getByRole('button', { name: '转为申报', exact: true }).click()
    await detail.getByRole('button', { name: '确认转为申报' }).click()
    await detail.locator('.detail-row', { hasText: '状态' }).getByText('已立案', { exact: true }).waitFor()

    const after = await ok(`/warnings/${warnings.opened.id}`, { token: tokens.village })
    assert.equal(after.status, 'CASE_OPENED')
    caseId = after.caseId
    const opened = await ok(`/cases/${caseId}`, { token: tokens.village })
    assert.equal(opened.status, 'DECLARED')
    assert.equal(opened.source, 'DEPARTMENT_WARNING')
    assert.equal(opened.householdId, households.opened.id)
    assert.match(await visibleText(detail.locator('.done-notice')), new RegExp(`案件编号 ${opened.caseNumber}`))
    await screenshot(page, 'warning-case-opened')

    await detail.getByRole('button', { name: new RegExp(`查看案件 ${opened.caseNumber}`) }).click()
    await page.waitForURL(/cases\/pages\/detail/)
    await current(page).getByText(opened.caseNumber, { exact: true }).waitFor()
  })

  test('the department’s 核实反馈 shows both verdicts', async () => {
    const page = pages.operator
    await page.goto(`${server.appUrl}#/packages/exchange/pages/feedback/index?dataset=${DATASET}&month=${MONTH}`)
    const feedback = current(page)
    const list = feedback.getByRole('list', { name: '核实反馈' })
    await list.getByText(/大病保险/).waitFor()
    const opened = await ok(`/cases/${caseId}`, { token: tokens.village })
    await list.getByText(new RegExp(opened.caseNumber)).first().waitFor()
    const text = await visibleText(list)
    assert.match(text, /已排除/)
    assert.match(text, /已立案/)
    assert.match(text, /待核实/, 'the other village’s warning is still open')
    assert.ok(!text.includes(dismissedHead.idNumber) && !text.includes(openedHead.idNumber), 'ID numbers masked')
    assert.ok(!text.includes('禄文昌'), 'no household names')
    await screenshot(page, 'exchange-feedback')
    await checkA11y(page, 'feedback page')
    for (const p of Object.values(pages)) assert.deepEqual(p.errors, [], 'no uncaught page errors')
  })
})
