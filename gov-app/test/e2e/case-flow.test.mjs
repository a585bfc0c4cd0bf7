// 政府找 H5 against the real server: one citizen's request taken through the six steps by four cadres in the
// browser (village: 同意调查; grid worker: 实地调查 with the income calculator, checklist and a photo; village: 评议公示
// with its preview, the notice period ended by moving the notice back in the database, 结束公示; township: 乡镇同意
// and a bulk approval of two clean cases; county: 县级确认 with type, risks and measures, the developmental-measure
// 400 shown beside the measures), a stale version in a second tab (409, the typed reason kept), the hotline
// (reply, assign, close), household search and detail (full ID number on demand). axe-core on the inbox, the case
// detail and the household detail; screenshots in gov-app/test-results/.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { appHarness } from '@jiuzhu/server/testing/harness'

const { api, launchBrowser, newPage, residentId, screenshot, seriousA11yViolations, startServer, testChromiumInstalled, visibleText } =
  appHarness({ app: new URL('../..', import.meta.url), h5Path: '/gov/' })

const PASSWORD = 'Jiuzhu@2026'
const VILLAGE = '530129103201' // the demo `village` cadre's village
const GRID = `${VILLAGE}001` // the demo `grid` worker's grid
const PHOTO = fileURLToPath(new URL('../fixtures/house.png', import.meta.url))

const claimant = { name: '段学军', idNumber: residentId('19660606', 611) }
const cleanHeads = [
  { name: '普志华', idNumber: residentId('19720202', 612) },
  { name: '马春兰', idNumber: residentId('19800808', 614) },
]
const uncheckedHead = { name: '杨光荣', idNumber: residentId('19750505', 615) }

/** Today in China (the server's Clock), YYYY-MM-DD. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)
/** The page on top (Taro's H5 router keeps earlier pages in the document, hidden). */
const current = (page) => page.locator('.taro_page:visible').last()

// Counted as a failure (not a silent skip) when the browser is missing.
testChromiumInstalled()

describe('政府找 H5: a case through the six steps, bulk approval, a stale version, hotline, households', () => {
  let server
  let browser
  let db
  let cadres
  let claimId
  let household
  let bulkIds
  let uncheckedId
  let ticketId
  const pages = {}

  async function login(username) {
    const res = await api(server.baseUrl, '/auth/login', { method: 'POST', body: { username, password: PASSWORD } })
    assert.equal(res.status, 200, `${username} login: ${JSON.stringify(res.body)}`)
    return { token: res.body.accessToken, id: res.body.account.id, name: res.body.account.displayName }
  }

  async function ok(path, options = {}, status = 200) {
    const res = await api(server.baseUrl, path, options)
    assert.equal(res.status, status, `${options.method ?? 'GET'} ${path}: ${JSON.stringify(res.body)}`)
    return res.body
  }

  async function register(head, { labour = 'ORDINARY' } = {}) {
    return ok(
      '/households',
      {
        method: 'POST',
        token: cadres.admin.token,
        body: {
          regionCode: GRID,
          address: '羊街镇羊街村委会后山5号',
          householdType: 'ORDINARY',
          members: [
            { name: head.name, idNumber: head.idNumber, relation: 'HEAD', labourCapacity: labour },
            { name: '杨桂芬', idNumber: residentId('19690909'), relation: 'SPOUSE', labourCapacity: 'WEAK' },
          ],
        },
      },
      201,
    )
  }

  /** The notice of a case ended yesterday: both dates moved back (the server's Clock cannot be moved from here). */
  async function endNoticePeriod(caseId) {
    const moved = await db.query(`UPDATE notices SET start_date = start_date - 6, end_date = end_date - 6 WHERE case_id = $1 AND kind = 'PUBLICITY'`, [caseId])
    assert.equal(moved.rowCount, 1, 'one notice moved back')
  }

  /** A case entered by the village cadre and taken to 乡镇审核 through the API (for the bulk approval). */
  async function caseAtTownship(head, survey = {}) {
    const h = await register(head)
    const created = await ok(
      '/cases',
      { method: 'POST', token: cadres.village.token, body: { source: 'CADRE', householdId: h.id, description: '入户排查发现因病支出大', consent: true } },
      201,
    )
    const act = (who, body) => ok(`/cases/${created.id}/actions`, { method: 'POST', token: cadres[who].token, body })
    const today = chinaToday()
    await act('village', { action: 'analyze.proceed', version: 1, reason: '需入户核实' })
    await act('grid', {
      action: 'survey.submit',
      version: 2,
      survey: {
        surveyorIds: [cadres.grid.id, cadres.village.id],
        visitDate: today,
        memberCount: 2,
        membersConfirmed: true,
        income: { wage: 5000, business: 1000, property: 0, transfer: 800, businessCost: 600 },
        checklist: Object.fromEntries(['FOOD', 'CLOTHING', 'COMPULSORY_EDUCATION', 'BASIC_MEDICAL', 'HOUSING_SAFETY', 'DRINKING_WATER'].map((k) => [k, { status: 'OK' }])),
        ...survey,
      },
    })
    await act('village', {
      action: 'publicize.start',
      version: 3,
      appraisalDate: today,
      appraisalResult: '参会20人，同意19人',
      noticeStartDate: today,
      noticeDays: 5,
      proposedMonitoringType: 'MARGINAL',
      reasonBrief: '因病支出大，收入低',
    })
    await endNoticePeriod(created.id)
    const closed = await act('village', { action: 'publicize.close', version: 4 })
    assert.equal(closed.status, 'TOWNSHIP_REVIEW')
    return created.id
  }

  /** A cadre signed in through the login page of a fresh browser context. */
  async function signIn(username) {
    const page = await newPage(browser)
    await page.goto(server.appUrl)
    await page.getByLabel('账号').fill(username)
    await page.getByLabel('密码').fill(PASSWORD)
    await page.getByRole('button', { name: '登录', exact: true }).click()
    await page.getByRole('button', { name: /^待办案件/ }).waitFor()
    return page
  }

  async function checkA11y(page, name) {
    assert.deepEqual(await seriousA11yViolations(page), [], `${name} accessibility`)
  }

  /** The case's card in the inbox (by its number), opened. */
  async function openFromInbox(page, caseNumberOrName) {
    await page.getByRole('button', { name: /^待办案件/ }).click()
    const card = current(page).getByRole('button', { name: new RegExp(caseNumberOrName) })
    await card.waitFor()
    return card
  }

  const caseOf = (id, who = 'county') => ok(`/cases/${id}`, { token: cadres[who].token })
  /** Waits until the page on top shows this status (a detail page reloads when it shows again). */
  const expectStatus = (page, text) => current(page).locator('.detail-row', { hasText: '状态' }).getByText(text, { exact: true }).waitFor()

  before(async () => {
    browser = await launchBrowser()
    server = await startServer()
    assert.ok(server.databaseUrl, 'the browser tests run on PostgreSQL (the notice period is ended in the database)')
    db = new pg.Client({ connectionString: server.databaseUrl })
    await db.connect()
    cadres = {}
    for (const name of ['admin', 'village', 'grid', 'township', 'county']) cadres[name] = await login(name)

    household = await register(claimant)
    const citizen = await ok('/auth/wechat', { method: 'POST', body: { code: `dev:case-flow-${Date.now()}` } })
    await ok('/me/binding', { method: 'POST', token: citizen.accessToken, body: claimant })
    const claim = await ok(
      '/claims',
      {
        method: 'POST',
        token: citizen.accessToken,
        body: { source: 'SELF', difficultyKind: 'MEDICAL', description: '家中主要劳动力今年三月务工受伤，住院花费较大，收入骤减', contactPhone: '13812345678', consent: true },
      },
      201,
    )
    claimId = claim.id
    bulkIds = [await caseAtTownship(cleanHeads[0]), await caseAtTownship(cleanHeads[1])]
    uncheckedId = await caseAtTownship(uncheckedHead, { membersConfirmed: false })
    const ticket = await ok(
      '/tickets',
      { method: 'POST', token: citizen.accessToken, body: { kind: 'CONSULT', subject: '孩子上学的补助怎么申请', content: '家里孩子今年上初中，想问问有没有补助，要准备什么材料。' } },
      201,
    )
    ticketId = ticket.id
  })

  after(async () => {
    await db?.end()
    await browser?.close()
    await server?.stop()
  })

  test('village: the inbox shows the request waiting for analysis; the detail has only the village’s buttons; 同意调查', async () => {
    const page = (pages.village = await signIn('village'))
    const claim = await caseOf(claimId, 'village')
    const card = await openFromInbox(page, claim.caseNumber)
    const text = await card.innerText()
    assert.match(text, /段学军/)
    assert.match(text, /第2步 综合分析研判/)
    assert.match(text, /来源：群众自主申报/)
    assert.match(text, /剩1[45]天/)
    // the three cases at the township are not the village's to act on
    assert.equal(await current(page).getByRole('button', { name: /普志华/ }).count(), 0)
    await screenshot(page, 'case-inbox-village')
    await checkA11y(page, 'inbox')

    await card.click()
    await visibleText(current(page).getByText('家中主要劳动力今年三月务工受伤，住院花费较大，收入骤减'))
    const buttons = await current(page).locator('.actions').getByRole('button').allInnerTexts()
    assert.deepEqual(buttons.map((b) => b.trim()), ['同意调查', '不予受理', '撤回'])
    assert.match(await visibleText(current(page).locator('.timeline')), /受理/)
    await screenshot(page, 'case-detail-declared')
    await checkA11y(page, 'case detail')

    await current(page).getByRole('button', { name: '同意调查' }).click()
    const form = current(page)
    await form.getByRole('checkbox', { name: /户籍档案/ }).click()
    await form.getByRole('button', { name: '确认同意调查' }).click()
    assert.match(await visibleText(form.locator('#action-reason-error')), /请填写研判意见/)
    await form.getByLabel('研判意见').fill('医保数据显示自付费用较高，需入户核实')
    await form.getByRole('radio', { name: /演示网格员/ }).click()
    await form.getByRole('button', { name: '确认同意调查' }).click()
    await page.waitForURL(/cases\/pages\/detail/)
    await expectStatus(page, '待调查')
    const after = await caseOf(claimId)
    assert.equal(after.assignedAccountId, cadres.grid.id)
    assert.deepEqual(after.analysis.checked, ['户籍档案'])
  })

  test('grid worker: the survey with the live income calculator, the checklist and a photo', async () => {
    const page = (pages.grid = await signIn('grid'))
    const claim = await caseOf(claimId)
    await (await openFromInbox(page, claim.caseNumber)).click()
    await current(page).getByRole('button', { name: '提交调查' }).click()
    const form = current(page)
    await form.getByRole('checkbox', { name: /演示网格员/ }).waitFor()
    assert.equal(await form.getByRole('checkbox', { name: /演示网格员/ }).getAttribute('aria-checked'), 'true', 'the surveyor is preselected')
    // one surveyor and no checklist: caught beside the fields, nothing sent
    await form.getByRole('button', { name: '提交调查' }).click()
    assert.match(await visibleText(form.locator('#survey-surveyors-error')), /至少须两名干部/)
    assert.match(await visibleText(form.locator('#check-FOOD-error')), /不愁吃/)
    assert.equal((await caseOf(claimId)).status, 'SURVEYING')

    await form.getByRole('checkbox', { name: /演示村干部/ }).click()
    assert.equal(await form.getByLabel('家庭人口（人）').inputValue(), '2', 'the registry’s size')
    await form.getByLabel('工资性收入').fill('6000')
    await form.getByLabel('生产经营性收入').fill('2000')
    await form.getByLabel('财产性收入').fill('0')
    await form.getByLabel('转移性收入').fill('1200')
    await form.getByLabel('生产经营性支出').fill('1000')
    assert.equal(await visibleText(form.locator('#survey-net-income')), '8,200 元')
    assert.equal(await visibleText(form.locator('#survey-per-capita')), '4,100 元')
    assert.match(await visibleText(form.locator('#survey-line-comparison')), /低于20\d\d年监测线 8,700 元（差 4,600 元）/)
    await form.getByRole('switch', { name: '已逐一核实家庭成员' }).click()
    for (const item of ['FOOD', 'CLOTHING', 'COMPULSORY_EDUCATION', 'HOUSING_SAFETY', 'DRINKING_WATER']) {
      await form.locator(`#check-${item}`).getByRole('radio', { name: '有保障' }).click()
    }
    await form.locator('#check-BASIC_MEDICAL').getByRole('radio', { name: '有问题' }).click()
    await form.getByLabel('基本医疗有保障：情况说明').fill('住院自付费用高')
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), form.getByRole('button', { name: '添加照片' }).click()])
    await chooser.setFiles(PHOTO)
    await visibleText(form.getByText('✓ 调查照片1.jpg 已上传'))
    await form.getByLabel('调查结论（可不填）').fill('因伤住院，家庭收入明显下降')
    await screenshot(page, 'case-survey-form')
    await checkA11y(page, 'survey form')
    await form.getByRole('button', { name: '提交调查' }).click()
    await page.waitForURL(/cases\/pages\/detail/)
    await expectStatus(page, '已调查')
    const surveyed = await caseOf(claimId)
    assert.equal(surveyed.survey.perCapitaNetIncome, 4100)
    assert.equal(surveyed.survey.checklist.BASIC_MEDICAL.status, 'PROBLEM')
    assert.equal(surveyed.survey.fileIds.length, 1)
    assert.equal(surveyed.attachments.length, 1)
    await current(page).locator('.photo-thumb').first().waitFor()
    await screenshot(page, 'case-detail-surveyed')
  })

  test('village: 评议公示 with the preview villagers will read; closing early is refused; after the period, 结束公示', async () => {
    const page = pages.village
    await page.goto(`${server.appUrl}#/packages/cases/pages/detail/index?id=${claimId}`)
    await page.reload()
    await current(page).getByRole('button', { name: '开始公示' }).click()
    const form = current(page)
    await form.getByLabel('评议结果').fill('参会23人，同意21人，建议纳入监测')
    await form.getByRole('radio', { name: '边缘易致贫户' }).click()
    await form.getByLabel('公示理由').fill('家中主要劳动力患大病住院')
    await form.getByRole('button', { name: '开始公示' }).click()
    assert.match(await visibleText(form.locator('#publicize-reason-error')), /健康状况/)
    await form.getByLabel('公示理由').fill('家中主要劳动力务工受伤，收入骤减')
    const preview = await visibleText(form.getByRole('region', { name: /村民看到的公示/ }))
    assert.match(preview, /户主：段\*军，家庭人口2人，拟纳入类型：边缘易致贫户/)
    assert.match(preview, /5天/)
    assert.ok(!preview.includes(claimant.name) && !preview.includes(claimant.idNumber), 'the preview is masked')
    await screenshot(page, 'case-publicize-preview')
    await checkA11y(page, 'publicize form')
    await form.getByRole('button', { name: '开始公示' }).click()
    await page.waitForURL(/cases\/pages\/detail/)
    await expectStatus(page, '公示中')

    await current(page).getByRole('button', { name: '结束公示' }).click()
    await current(page).getByRole('button', { name: '确认结束公示' }).click()
    assert.match(await visibleText(current(page).locator('.form-error')), /公示/)
    assert.equal((await caseOf(claimId)).status, 'PUBLICIZING')

    await endNoticePeriod(claimId)
    await current(page).getByRole('button', { name: '确认结束公示' }).click()
    await page.waitForURL(/cases\/pages\/detail/)
    await expectStatus(page, '乡镇审核')
  })

  test('township: approves the case, then two clean cases in one bulk approval', async () => {
    const page = (pages.township = await signIn('township'))
    const claim = await caseOf(claimId)
    await (await openFromInbox(page, claim.caseNumber)).click()
    await current(page).getByRole('button', { name: '乡镇同意' }).click()
    await current(page).getByLabel('审核意见').fill('经审核，情况属实，同意报县级确定')
    await current(page).getByRole('button', { name: '确认乡镇同意' }).click()
    await page.waitForURL(/cases\/pages\/detail/)
    await expectStatus(page, '县级确定')

    await page.goto(`${server.appUrl}#/packages/cases/pages/inbox/index`)
    await page.reload()
    await current(page).getByRole('button', { name: /批量审核/ }).click()
    const bulk = current(page)
    await visibleText(bulk.getByText('须逐件审核', { exact: true }))
    const uncheckedCard = bulk.locator('.case-card', { hasText: uncheckedHead.name })
    assert.match(await uncheckedCard.innerText(), /调查不完整（家庭成员未逐一核实）/)
    assert.equal(await uncheckedCard.getByRole('checkbox').count(), 0, 'an unclean case cannot be picked')
    await bulk.getByRole('button', { name: /全选可批量的（2件）/ }).click()
    await bulk.getByLabel('审核意见（每件记录同一意见）').fill('经审核，情况属实，同意报县级确定')
    await screenshot(page, 'case-bulk-approval')
    await checkA11y(page, 'bulk approval')
    await bulk.getByRole('button', { name: '同意所选的2件' }).click()
    const results = await visibleText(bulk.getByRole('list', { name: '办理结果' }))
    assert.equal((results.match(/已同意，报县级确定/g) ?? []).length, 2, results)
    for (const id of bulkIds) assert.equal((await caseOf(id)).status, 'COUNTY_DECISION')
    assert.equal((await caseOf(uncheckedId)).status, 'TOWNSHIP_REVIEW')
    await screenshot(page, 'case-bulk-results')
  })

  test('county: confirms with type, risks and measures; the developmental-measure rule comes back beside the measures', async () => {
    const page = (pages.county = await signIn('county'))
    const claim = await caseOf(claimId)
    await (await openFromInbox(page, claim.caseNumber)).click()
    await current(page).getByRole('button', { name: '县级确认' }).click()
    const form = current(page)
    assert.equal(await form.getByRole('radio', { name: '边缘易致贫户' }).getAttribute('aria-checked'), 'true', 'the type proposed in the notice')
    assert.equal(await form.getByRole('checkbox', { name: '因病' }).getAttribute('aria-checked'), 'true', 'the risks the request suggested')
    await form.getByRole('checkbox', { name: '因意外事故' }).click()
    await form.locator('#measure-0-type').getByRole('radio', { name: '健康' }).click()
    await form.getByLabel('措施1：内容').fill('落实大病保险和医疗救助')
    await form.getByLabel('措施1：责任人及单位').fill('羊街镇卫生院')
    await form.getByRole('button', { name: '确认纳入监测' }).click()
    assert.match(await visibleText(form.locator('#confirm-measures-error')), /有劳动能力.*开发式/)
    assert.equal((await caseOf(claimId)).status, 'COUNTY_DECISION')
    await screenshot(page, 'case-confirm-refused')
    await checkA11y(page, 'county confirmation')

    await form.getByRole('button', { name: '再加一项措施' }).click()
    await form.locator('#measure-1-type').getByRole('radio', { name: /^就业/ }).click()
    await form.getByLabel('措施2：内容').fill('伤愈后推荐到县工业园区务工')
    await form.getByLabel('措施2：责任人及单位').fill('羊街镇人社所')
    await form.getByRole('button', { name: '确认纳入监测' }).click()
    await page.waitForURL(/cases\/pages\/detail/)
    await expectStatus(page, '已纳入监测')
    const confirmed = await caseOf(claimId)
    assert.deepEqual(confirmed.countyDecision.riskTypes.sort(), ['ACCIDENT', 'DISABILITY', 'ILLNESS'].sort())
    assert.deepEqual(confirmed.countyDecision.measures.map((m) => m.type), ['HEALTH', 'EMPLOYMENT'])
    const roles = confirmed.timeline.map((e) => e.actorRole)
    for (const role of ['VILLAGE_CADRE', 'GRID_WORKER', 'TOWNSHIP_REVIEWER', 'COUNTY_OFFICER']) assert.ok(roles.includes(role), role)
    const monitored = await ok(`/households/${household.id}`, { token: cadres.county.token })
    assert.equal(monitored.monitoringType, 'MARGINAL')
    await screenshot(page, 'case-detail-identified')
  })

  test('two tabs on one case: the second send is told the case moved on, reloads, and keeps what was typed', async () => {
    const first = pages.county
    const second = await signIn('county')
    const url = `${server.appUrl}#/packages/cases/pages/action/index?id=${bulkIds[0]}&action=county.return`
    for (const p of [first, second]) {
      await p.goto(url)
      await p.reload()
    }
    await current(second).getByLabel('退回理由').fill('我的理由：请乡镇补充收入证明')
    await current(first).getByLabel('退回理由').fill('收入核算有误，请重新审核')
    await current(first).getByRole('button', { name: '确认县级退回' }).click()
    await first.waitForURL(/cases\/pages\/detail/)
    await current(second).getByRole('button', { name: '确认县级退回' }).click()
    const notice = await visibleText(current(second).locator('.conflict-notice'))
    assert.match(notice, /案件已被他人处理，已刷新/)
    assert.match(notice, /乡镇审核/)
    assert.equal(await current(second).getByLabel('退回理由').inputValue(), '我的理由：请乡镇补充收入证明')
    assert.equal(await current(second).getByRole('button', { name: '确认县级退回' }).count(), 0)
    await screenshot(second, 'case-conflict')
    const returned = await caseOf(bulkIds[0])
    assert.equal(returned.status, 'TOWNSHIP_REVIEW')
    assert.equal(returned.countyDecision.text, '收入核算有误，请重新审核')
    assert.deepEqual(second.errors, [], 'no uncaught page errors')
    await second.context().close()
  })

  test('hotline: the village cadre replies, hands the ticket to the grid worker and closes it', async () => {
    const page = pages.village
    await page.goto(server.appUrl)
    await page.reload()
    await page.getByRole('button', { name: /^热线工单/ }).click()
    const card = current(page).getByRole('button', { name: /孩子上学的补助怎么申请/ })
    assert.match(await card.innerText(), /待受理/)
    await screenshot(page, 'tickets-list')
    await card.click()
    const detail = current(page)
    await visibleText(detail.getByText('家里孩子今年上初中，想问问有没有补助，要准备什么材料。'))
    await detail.getByLabel('回复').fill('您好，义务教育阶段有营养改善计划，脱贫家庭还有教育资助，请带户口本到村委会登记。')
    await detail.getByRole('button', { name: '发送回复' }).click()
    await visibleText(detail.getByText(/请带户口本到村委会登记/))
    await expectStatus(page, '办理中')
    await detail.getByRole('radio', { name: /演示网格员/ }).click()
    await detail.getByRole('button', { name: '转交办理' }).click()
    await visibleText(detail.locator('.detail-row', { hasText: '办理人' }).getByText(/演示网格员/))
    await detail.getByLabel('办结说明').fill('已电话告知申请材料，网格员下周上门帮助登记')
    await detail.getByRole('button', { name: '办结工单' }).click()
    await visibleText(detail.locator('.detail-row', { hasText: '办结说明' }))
    await expectStatus(page, '已办结')
    await screenshot(page, 'ticket-closed')
    await checkA11y(page, 'ticket')
    const ticket = await ok(`/tickets/${ticketId}`, { token: cadres.village.token })
    assert.equal(ticket.status, 'CLOSED')
    assert.equal(ticket.assignedTo.accountId, cadres.grid.id)
    assert.equal(ticket.replies.length, 1)
  })

  test('households: a two-character name is refused before sending; the detail shows members masked, the full ID on demand, income, cases, screenings', async () => {
    const page = pages.village
    await page.goto(server.appUrl)
    await page.reload()
    await page.getByRole('button', { name: /^农户查询/ }).click()
    const search = current(page)
    const sent = []
    page.on('request', (r) => r.url().includes('/api/v1/households?') && sent.push(r.url()))
    await search.getByLabel('姓名或证件号码').fill('段学')
    await search.getByRole('button', { name: '查询' }).click()
    assert.match(await visibleText(search.locator('#household-q-error')), /至少输入3个字/)
    assert.equal(sent.length, 0, 'nothing was sent')
    await search.getByLabel('姓名或证件号码').fill(claimant.name)
    await search.getByRole('button', { name: '查询' }).click()
    const card = search.getByRole('button', { name: new RegExp(household.householdNumber) })
    assert.match(await card.innerText(), /边缘易致贫户/)
    await screenshot(page, 'household-search')
    await checkA11y(page, 'household search')
    await card.click()

    const detail = current(page)
    await visibleText(detail.getByText(household.householdNumber))
    const masked = `${claimant.idNumber.slice(0, 4)}**********${claimant.idNumber.slice(-4)}`
    await visibleText(detail.getByText(masked))
    assert.ok(!(await detail.innerText()).includes(claimant.idNumber), 'masked until asked')
    assert.match(await visibleText(detail.locator('.detail-row', { hasText: '监测类型' })), /边缘易致贫户/)
    assert.match(await visibleText(detail.getByRole('list', { name: '收入情况' })), /人均纯收入 4,100 元（低于监测线 8,700 元）/)
    assert.match(await visibleText(detail.getByRole('list', { name: '案件' })), /已纳入监测/)
    await visibleText(detail.getByText(/暂无筛查记录|未发现风险|发现风险/))
    await screenshot(page, 'household-detail')
    await checkA11y(page, 'household detail')
    await detail.getByRole('button', { name: `查看完整证件号（${claimant.name}）` }).click()
    await visibleText(detail.getByText(claimant.idNumber))
    const audits = await db.query(`SELECT count(*)::int AS n FROM audit_logs WHERE action = 'member.view-id'`)
    assert.equal(audits.rows[0].n, 1, 'the full view is audited')
    for (const p of Object.values(pages)) assert.deepEqual(p.errors, [], 'no uncaught page errors')
  })
})
