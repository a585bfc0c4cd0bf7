// The citizen's village side of 找政府 against the real server: village notices and objections (the case is moved
// to publicity through the API by the demo cadres), a citizen of another village kept out, an anonymous complaint
// answered by the village cadre, policy answers, 我的, the large-text mode and an expired login on a deep page.
import { after, before, describe, test } from 'node:test'
import assert from 'node:assert/strict'
import { appHarness } from '@jiuzhu/server/testing/harness'

const { api, launchBrowser, newPage, residentId, screenshot, seriousA11yViolations, startServer, testChromiumInstalled, visibleText } =
  appHarness({ app: new URL('../..', import.meta.url), h5Path: '/m/' })

const TOWNSHIP = '530129103' // 羊街镇 of the demo county
const VILLAGE = '530129103201' // 羊街村委会: the demo `village` cadre's village
const GRID = `${VILLAGE}001` // the demo `grid` worker's grid
const PASSWORD = 'Jiuzhu@2026'

const claimant = { name: '段学军', idNumber: residentId('19660606') }
const neighbour = { name: '普志华', idNumber: residentId('19720202') }
const stranger = { name: '马春兰', idNumber: residentId('19800808') }

/** Today in China (the server's Clock), YYYY-MM-DD. */
const chinaToday = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10)

const OBJECTION = '这户的儿子在县城有稳定工作，收入和公示的不一样'
const ANSWER = '经入户核实，其子为临时务工，收入已计入，情况属实'
const COMPLAINT_SUBJECT = '村里修路占了我家的地没有补偿'
const COMPLAINT_CONTENT = '今年三月村里修路占了我家半亩地，说好的补偿到现在还没给。'
const CADRE_REPLY = '您好，村里已经在核实占地面积，本周内答复补偿办法。'

describe('找政府 H5: village notices, hotline, policy answers, large text, expired login', () => {
  let server
  let browser
  let page
  let cadres
  let noticeId
  let subjectName
  let ticketId

  async function login(username) {
    const res = await api(server.baseUrl, '/auth/login', { method: 'POST', body: { username, password: PASSWORD } })
    assert.equal(res.status, 200, `${username} login: ${JSON.stringify(res.body)}`)
    return { token: res.body.accessToken, id: res.body.account.id }
  }

  async function ok(path, options, status = 200) {
    const res = await api(server.baseUrl, path, options)
    assert.equal(res.status, status, `${options?.method ?? 'GET'} ${path}: ${JSON.stringify(res.body)}`)
    return res.body
  }

  async function household(regionCode, head, address) {
    return ok(
      '/households',
      {
        method: 'POST',
        token: cadres.admin.token,
        body: {
          regionCode,
          address,
          householdType: 'ORDINARY',
          members: [
            { name: head.name, idNumber: head.idNumber, relation: 'HEAD', labourCapacity: 'ORDINARY' },
            { name: '杨桂芬', idNumber: residentId('19690909'), relation: 'SPOUSE' },
          ],
        },
      },
      201,
    )
  }

  /** Logs in and binds through the pages, as a villager does. */
  async function loginAndBind(p, member) {
    await p.goto(server.appUrl)
    await p.getByRole('button', { name: '微信登录' }).click()
    await p.getByLabel('姓名').fill(member.name)
    await p.getByLabel('身份证号码').fill(member.idNumber)
    await p.getByRole('button', { name: '绑定', exact: true }).click()
    await p.waitForURL(/#\/pages\/(index|me)\/index/)
    if (/pages\/me/.test(p.url())) await p.getByRole('button', { name: '返回首页' }).click()
    await p.getByRole('button', { name: /^村务公示/ }).waitFor()
  }

  /** Opens a page by its address in a fresh document (Taro keeps earlier pages in the document, hidden). */
  async function open(p, hash) {
    await p.goto(`${server.appUrl}${hash}`)
    await p.reload()
  }

  /** Visible controls smaller than 44 × 44 CSS px (touch targets for older hands). */
  const smallTargets = (p) =>
    p.evaluate(() =>
      [...document.querySelectorAll('[role=button], [role=switch], [role=radio], button, input, textarea')]
        .map((el) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }) => box.width > 0 && box.height > 0 && (box.width < 44 || box.height < 44))
        .map(({ el, box }) => `${el.getAttribute('role') ?? el.tagName} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(box.width)}×${Math.round(box.height)}`),
    )

  /** Accessibility of the screen: axe-core without serious or critical issues, and large enough controls. */
  async function checkScreen(p, name) {
    assert.deepEqual(await seriousA11yViolations(p), [], `${name} accessibility`)
    assert.deepEqual(await smallTargets(p), [], `${name}: controls of at least 44 px`)
  }

  const hasHorizontalScroll = (p) => p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)

  before(async () => {
    browser = await launchBrowser()
    server = await startServer()
    cadres = {
      admin: await login('admin'),
      village: await login('village'),
      grid: await login('grid'),
    }
    const villages = await ok(`/regions?parent=${TOWNSHIP}&pageSize=100`)
    const otherVillage = villages.items.find((v) => v.code !== VILLAGE)
    const grids = await ok(`/regions?parent=${otherVillage.code}&pageSize=100`)
    assert.ok(grids.items.length > 0, 'the other village has grids')

    await household(GRID, claimant, '羊街镇羊街村委会后山5号')
    await household(GRID, neighbour, '羊街镇羊街村委会后山7号')
    await household(grids.items[0].code, stranger, '羊街镇另一村1号')

    // The claimant asks for help through the API; the demo cadres take the case to publicity.
    const citizen = await ok('/auth/wechat', { method: 'POST', body: { code: `dev:claimant-${Date.now()}` } })
    await ok('/me/binding', { method: 'POST', token: citizen.accessToken, body: claimant })
    const claim = await ok(
      '/claims',
      {
        method: 'POST',
        token: citizen.accessToken,
        body: {
          source: 'SELF',
          difficultyKind: 'MEDICAL',
          description: '家中主要劳动力今年三月务工受伤，住院花费较大，收入骤减',
          contactPhone: '13812345678',
          consent: true,
        },
      },
      201,
    )
    const today = chinaToday()
    const act = (who, body) => ok(`/cases/${claim.id}/actions`, { method: 'POST', token: cadres[who].token, body })
    await act('village', { action: 'analyze.proceed', version: 1, reason: '需入户核实', checked: ['户籍档案'] })
    await act('grid', {
      action: 'survey.submit',
      version: 2,
      survey: {
        surveyorIds: [cadres.grid.id, cadres.village.id],
        visitDate: today,
        memberCount: 2,
        membersConfirmed: true,
        income: { wage: 6000, business: 2000, property: 0, transfer: 1200, businessCost: 1000, insurancePayout: 500, compliantOutOfPocket: 12000 },
        checklist: {
          FOOD: { status: 'OK' },
          CLOTHING: { status: 'OK' },
          COMPULSORY_EDUCATION: { status: 'OK' },
          BASIC_MEDICAL: { status: 'PROBLEM', note: '自付医疗费用高' },
          HOUSING_SAFETY: { status: 'OK' },
          DRINKING_WATER: { status: 'OK' },
        },
        findings: '因伤住院，家庭收入明显下降',
      },
    })
    const publicized = await act('village', {
      action: 'publicize.start',
      version: 3,
      appraisalDate: today,
      appraisalResult: '参会23人，同意21人，建议纳入监测',
      noticeStartDate: today,
      noticeDays: 5,
      proposedMonitoringType: 'MARGINAL',
      reasonBrief: '家中主要劳动力务工受伤，收入骤减',
    })
    noticeId = publicized.publicity.noticeId
    subjectName = (await ok(`/notices/${noticeId}`, { token: cadres.village.token })).subjectName
    assert.equal(subjectName, '段*军', 'the notice shows the head masked')

    page = await newPage(browser)
  })

  after(async () => {
    await browser?.close()
    await server?.stop()
  })

  // Counted as a failure (not a silent skip) when the browser is missing.
  testChromiumInstalled()

  test('a neighbour reads the village notice, masked, with the days left', async () => {
    await loginAndBind(page, neighbour)
    await page.getByRole('button', { name: /^村务公示/ }).click()
    const card = page.getByRole('button', { name: new RegExp(`户主：${subjectName.replace('*', '\\*')}`) })
    await card.waitFor()
    const text = await card.innerText()
    assert.match(text, /评议公示/)
    assert.match(text, /还剩5天/)
    assert.match(text, /边缘易致贫户/)
    const body = await page.locator('body').innerText()
    for (const secret of [claimant.name, claimant.idNumber, '13812345678']) assert.ok(!body.includes(secret), `${secret} is not shown`)
    await screenshot(page, 'village-notices')
    await checkScreen(page, 'notices')

    await card.click()
    await visibleText(page.getByText('家中主要劳动力务工受伤，收入骤减'))
    assert.match(page.url(), new RegExp(`notices/pages/detail/index\\?id=${noticeId}`))
    await visibleText(page.getByText('还没有人提出异议。'))
    await screenshot(page, 'village-notice-detail')
    await checkScreen(page, 'notice detail')
  })

  test('an empty objection is caught beside the field; an anonymous objection shows in the thread', async () => {
    await page.getByRole('button', { name: '提交异议' }).click()
    assert.match(await visibleText(page.locator('#objection-reason-error')), /请写明您的异议/)
    assert.equal(await page.getByLabel('异议内容').getAttribute('aria-invalid'), 'true')

    await page.getByLabel('异议内容').fill(OBJECTION)
    const anonymous = page.getByRole('switch', { name: '对村里匿名' })
    await anonymous.click()
    assert.equal(await anonymous.getAttribute('aria-checked'), 'true')
    await page.getByRole('button', { name: '提交异议' }).click()
    await visibleText(page.getByText(OBJECTION))
    await visibleText(page.getByText('我（对村里匿名）', { exact: false }))
    await visibleText(page.getByText('等待村里核实答复'))
    assert.equal(await page.getByLabel('异议内容').inputValue(), '', 'the form is empty again')

    // The village sees the objection without the author.
    const seen = await ok(`/notices/${noticeId}`, { token: cadres.village.token })
    assert.equal(seen.objections.length, 1)
    assert.equal(seen.objections[0].authorName, '匿名')
    assert.equal(seen.objections[0].reason, OBJECTION)
  })

  test("the village cadre's answer appears under the objection", async () => {
    const seen = await ok(`/notices/${noticeId}`, { token: cadres.village.token })
    await ok(
      `/notices/${noticeId}/objections/${seen.objections[0].id}/answer`,
      { method: 'POST', token: cadres.village.token, body: { answer: ANSWER } },
      201,
    )
    await page.reload()
    await visibleText(page.getByText(ANSWER))
    assert.match(await visibleText(page.getByText(/村里的答复/)), /演示村干部/)
    await screenshot(page, 'village-objection-answered')
  })

  test('a citizen of another village sees neither the notice in the list nor by its link', async () => {
    const other = await newPage(browser)
    try {
      await loginAndBind(other, stranger)
      await other.getByRole('button', { name: /^村务公示/ }).click()
      await visibleText(other.getByText('本村现在没有公示。'))
      assert.ok(!(await other.locator('body').innerText()).includes(subjectName))
      await open(other, `#/packages/notices/pages/detail/index?id=${noticeId}`)
      const error = await visibleText(other.getByRole('alert'))
      assert.match(error, /[\u4e00-\u9fa5]/, 'a plain Chinese message')
      assert.ok(!(await other.locator('body').innerText()).includes(subjectName))
      await screenshot(other, 'village-other-village')
      await other.getByRole('button', { name: '本村全部公示' }).click()
      await visibleText(other.getByText('本村现在没有公示。'))
      assert.deepEqual(other.errors, [], 'no uncaught page errors')
    } finally {
      await other.context().close()
    }
  })

  test('an anonymous complaint: checked before sending, sent, and the cadre reply shows in the thread', async () => {
    await open(page, '#/pages/index/index')
    await page.getByRole('button', { name: /^投诉举报/ }).click()
    const complaint = page.getByRole('radio', { name: /投诉举报/ })
    await complaint.waitFor()
    assert.equal(await complaint.getAttribute('aria-checked'), 'true', 'the entry chose the kind')
    await page.getByRole('button', { name: '提交', exact: true }).click()
    assert.match(await visibleText(page.locator('#ticket-subject-error')), /请写一个标题/)
    assert.match(await visibleText(page.locator('#ticket-content-error')), /请写清楚具体情况/)
    await page.getByLabel('回访电话（可以不填）').fill('12345')
    await page.getByRole('button', { name: '提交', exact: true }).click()
    assert.match(await visibleText(page.locator('#ticket-phone-error')), /11位手机号/)
    await screenshot(page, 'hotline-form-errors')

    await page.getByLabel('标题').fill(COMPLAINT_SUBJECT)
    await page.getByLabel('具体情况').fill(COMPLAINT_CONTENT)
    await page.getByLabel('回访电话（可以不填）').fill('13912345678')
    await page.getByRole('switch', { name: '对村里匿名' }).click()
    await checkScreen(page, 'hotline form')
    await page.getByRole('button', { name: '提交', exact: true }).click()
    await page.waitForURL(/hotline\/pages\/detail\/index\?id=/)
    ticketId = new URL(page.url().replace('#', '')).searchParams.get('id')
    await visibleText(page.getByText(COMPLAINT_CONTENT))
    await visibleText(page.getByText('工作人员还没有回复，回复后会发消息告诉您。'))

    const seen = await ok(`/tickets/${ticketId}`, { token: cadres.village.token })
    assert.equal(seen.kind, 'COMPLAINT')
    assert.equal(seen.requester.name, '匿名', 'the village does not see who complained')
    assert.equal(seen.contactPhoneMasked, null, 'nor the phone')
    await ok(`/tickets/${ticketId}/replies`, { method: 'POST', token: cadres.village.token, body: { body: CADRE_REPLY } }, 201)

    // 我的留言 marks the ticket with the unread reply; opening it reads the reply and the mark goes
    await open(page, '#/packages/hotline/pages/list/index')
    const card = page.getByRole('button', { name: new RegExp(COMPLAINT_SUBJECT) })
    await visibleText(card.getByText('有新回复'))
    await screenshot(page, 'hotline-list-fresh-reply')
    await checkScreen(page, 'my tickets with a new reply')
    await card.click()
    await page.waitForURL(/hotline\/pages\/detail\/index\?id=/)
    await visibleText(page.getByText(CADRE_REPLY))
    const token = await page.evaluate(() => JSON.parse(localStorage.getItem('jiuzhu.accessToken') ?? 'null')?.data)
    let unreadAboutTicket = -1
    for (let i = 0; i < 20 && unreadAboutTicket !== 0; i++) {
      if (i) await new Promise((resolve) => setTimeout(resolve, 250))
      const unread = await ok('/notifications?unread=true&pageSize=100', { token })
      unreadAboutTicket = unread.items.filter((n) => n.data?.ticketId === ticketId).length
    }
    assert.equal(unreadAboutTicket, 0, 'opening the ticket read its reply')
    await page.goBack()
    await page.getByRole('button', { name: new RegExp(COMPLAINT_SUBJECT) }).waitFor()
    let marks = -1 // the list reloads when it shows again
    for (let i = 0; i < 40 && marks !== 0; i++) {
      if (i) await page.waitForTimeout(100)
      marks = await page.getByText('有新回复').count()
    }
    assert.equal(marks, 0, 'no mark once read')
    await page.goForward()
    await visibleText(page.getByText(CADRE_REPLY))
    assert.match(await page.getByRole('list', { name: '对话' }).innerText(), /演示村干部（村干部）/)
    await page.getByLabel('补充情况或回复').fill('谢谢，我周末都在家。')
    await page.getByRole('button', { name: '发送', exact: true }).click()
    await visibleText(page.getByText('谢谢，我周末都在家。'))
    assert.equal(await page.getByRole('listitem').count(), 3, 'my complaint, the reply and my follow-up')
    await screenshot(page, 'hotline-thread')
    await checkScreen(page, 'ticket thread')
  })

  test('a failed send keeps the text and says why in plain Chinese: no network, then the ticket closed meanwhile', async () => {
    const replyBox = page.getByLabel('补充情况或回复')
    await replyBox.fill('还有一件事：地里的树也砍了')
    await page.route('**/api/v1/tickets/*/replies', (route) => route.abort('internetdisconnected'))
    await page.getByRole('button', { name: '发送', exact: true }).click()
    assert.match(await visibleText(page.locator('.reply-box .form-error')), /网络不可用/)
    await page.unroute('**/api/v1/tickets/*/replies')

    // The village closes the ticket while the page is open: the server refuses the reply.
    await ok(`/tickets/${ticketId}/close`, { method: 'POST', token: cadres.village.token, body: { reason: '已协调乡镇，按标准补偿' } })
    await page.getByRole('button', { name: '发送', exact: true }).click()
    assert.match(await visibleText(page.locator('.reply-box .form-error')), /已办结/)
    assert.equal(await replyBox.inputValue(), '还有一件事：地里的树也砍了', 'nothing typed is lost')
    await page.reload()
    assert.match(await visibleText(page.getByText('已协调乡镇，按标准补偿')), /按标准补偿/)
    assert.equal(await page.getByLabel('补充情况或回复').count(), 0, 'a closed ticket takes no more replies')
  })

  test('the author can end a consultation with a reason', async () => {
    await open(page, '#/packages/hotline/pages/new/index?kind=CONSULT')
    assert.equal(await page.getByRole('radio', { name: /政策咨询/ }).getAttribute('aria-checked'), 'true')
    await page.getByLabel('标题').fill('孩子上大学能不能申请补助')
    await page.getByLabel('具体情况').fill('孩子今年考上昆明的大学，学费怎么申请补助？')
    await page.getByRole('button', { name: '提交', exact: true }).click()
    await page.waitForURL(/hotline\/pages\/detail\/index\?id=/)
    await page.getByRole('button', { name: '问题已解决，结束留言' }).click()
    await page.getByRole('button', { name: '确认结束' }).click()
    assert.match(await visibleText(page.locator('#ticket-close-reason-error')), /请写一句为什么结束/)
    await page.getByLabel('为什么结束').fill('村里已经电话告诉我了')
    await page.getByRole('button', { name: '确认结束' }).click()
    await visibleText(page.getByText('村里已经电话告诉我了'))
    assert.match(await visibleText(page.locator('.status')), /已办结/)
    await page.getByRole('button', { name: '我的全部留言' }).click()
    await page.getByRole('button', { name: /孩子上大学能不能申请补助/ }).waitFor()
    await page.getByRole('button', { name: new RegExp(COMPLAINT_SUBJECT) }).waitFor()
  })

  test('policy answers open one by one', async () => {
    await open(page, '#/pages/index/index')
    await page.getByRole('button', { name: /^政策咨询/ }).click()
    const question = page.getByRole('button', { name: /监测线是多少/ })
    await question.click()
    assert.equal(await question.getAttribute('aria-expanded'), 'true')
    await visibleText(page.getByText(/每人每年8700元/))
    await page.getByRole('button', { name: /申请要走哪几步/ }).click()
    await visibleText(page.getByText(/不超过15天/))
    await screenshot(page, 'policy-answers')
    await checkScreen(page, 'policy answers')
  })

  test('我的 shows the household and leads to my tickets', async () => {
    await open(page, '#/pages/index/index')
    await page.getByRole('button', { name: '我的', exact: true }).click()
    await visibleText(page.getByText('我的家庭'))
    assert.match(await page.locator('body').innerText(), /普\*华/)
    await screenshot(page, 'me')
    await checkScreen(page, '我的')
    await page.getByRole('button', { name: /^我的留言/ }).click()
    await page.getByRole('button', { name: new RegExp(COMPLAINT_SUBJECT) }).click()
    await visibleText(page.getByText(CADRE_REPLY))
  })

  test('large-text mode makes text bigger, survives a reload and never needs horizontal scrolling', async () => {
    await open(page, '#/pages/me/index')
    // Pinch zoom stays allowed and the page says it is Chinese.
    const viewport = await page.locator('meta[name=viewport]').getAttribute('content')
    assert.doesNotMatch(viewport, /user-scalable\s*=\s*(no|0)|maximum-scale\s*=\s*1(\.0)?\b/)
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN')
    // Taro keeps earlier pages in the document, hidden.
    const title = page.locator('.page-title').filter({ visible: true }).first()
    await title.waitFor()
    const size = async (locator) => parseFloat(await locator.evaluate((el) => getComputedStyle(el).fontSize))
    const body = page.locator('.toggle-description').filter({ visible: true }).first()
    const before = { title: await size(title), body: await size(body) }
    const toggle = page.getByRole('switch', { name: '大字模式' })
    assert.equal(await toggle.getAttribute('aria-checked'), 'false')
    await toggle.click()
    assert.equal(await toggle.getAttribute('aria-checked'), 'true')
    const large = { title: await size(title), body: await size(body) }
    assert.ok(large.title >= before.title * 1.25, `title ${before.title}px → ${large.title}px`)
    assert.ok(large.body >= before.body * 1.25, `text ${before.body}px → ${large.body}px`)

    await page.reload()
    await title.waitFor()
    assert.equal(await page.getByRole('switch', { name: '大字模式' }).getAttribute('aria-checked'), 'true')
    assert.ok((await size(title)) >= before.title * 1.25, 'still large after a reload')
    assert.equal(await hasHorizontalScroll(page), false, '我的 fits the width')

    const pages = [
      ['home', '#/pages/index/index', page.getByRole('button', { name: /^村务公示/ })],
      ['notices', '#/packages/notices/pages/list/index', page.getByText('正在公示')],
      ['notice', `#/packages/notices/pages/detail/index?id=${noticeId}`, page.getByText(ANSWER)],
      ['hotline-form', '#/packages/hotline/pages/new/index?kind=HELP', page.getByLabel('具体情况')],
      ['ticket', `#/packages/hotline/pages/detail/index?id=${ticketId}`, page.getByText(CADRE_REPLY)],
      ['policy', '#/packages/policy/pages/answers/index', page.getByRole('button', { name: /谁可以申请/ })],
      // the request pages (another helper's) follow the same mode
      ['claim-form', '#/packages/claims/pages/new/index', page.locator('.page-title').filter({ visible: true })],
      ['my-requests', '#/packages/claims/pages/list/index', page.locator('.page-title').filter({ visible: true })],
      ['messages', '#/packages/messages/pages/inbox/index', page.locator('.page-title').filter({ visible: true })],
    ]
    for (const [name, hash, ready] of pages) {
      await open(page, hash)
      await ready.first().waitFor()
      assert.equal(await hasHorizontalScroll(page), false, `${name} fits the width in large text`)
      // Contrast and names in this mode too (axe-core), and touch targets on the screens of this test.
      if (name.startsWith('claim') || name === 'my-requests' || name === 'messages') {
        assert.deepEqual(await seriousA11yViolations(page), [], `${name} accessibility in large text`)
      } else {
        await checkScreen(page, `${name} in large text`)
      }
      if (name === 'home') await screenshot(page, 'home-large-text')
    }
    await screenshot(page, 'policy-large-text')
  })

  test('an expired session on a deep page returns there after logging in again, with the typed text kept', async () => {
    await open(page, `#/packages/notices/pages/detail/index?id=${noticeId}`)
    await page.getByLabel('异议内容').fill('还没写完的异议')
    // Both tokens stop working, as when the session has expired on the server.
    await page.evaluate(() => {
      for (const key of ['jiuzhu.accessToken', 'jiuzhu.refreshToken']) {
        const saved = JSON.parse(localStorage.getItem(key))
        saved.data = `expired-${key}`
        localStorage.setItem(key, JSON.stringify(saved))
      }
    })
    await page.reload()
    const login = page.getByRole('button', { name: '微信登录' })
    await login.waitFor()
    assert.match(page.url(), /pages\/login\/index/)
    await login.click()
    await page.waitForURL(new RegExp(`notices/pages/detail/index\\?id=${noticeId}`))
    await visibleText(page.getByText(ANSWER))
    assert.equal(await page.getByLabel('异议内容').inputValue(), '还没写完的异议', 'the draft survived')
    assert.deepEqual(page.errors, [], 'no uncaught page errors')
  })

  test('logging out forgets the drafts kept on this phone, not the large-text choice', async () => {
    const draftKeys = () => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('jiuzhu.draft.')))
    assert.ok((await draftKeys()).length > 0, 'the unsent objection is kept as a draft')
    await open(page, '#/pages/me/index')
    await page.getByRole('button', { name: '退出登录' }).click()
    await page.getByRole('button', { name: '微信登录' }).waitFor()
    assert.deepEqual(await draftKeys(), [])
    assert.equal(await page.evaluate(() => document.documentElement.classList.contains('text-large')), true)
  })
})
