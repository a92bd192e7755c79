// The rough edges of issue 17, tried as a new user would (1400 px and 375 px, keyboard and mouse):
// each numbered as the issue lists it, each failing on the pages as they were.

import t from 'tap'
import { shippedCorpusIndex } from './helpers/app.js'
import { launch, newPage, portal, screenshot, serve } from './helpers/browser.js'

const enc = encodeURIComponent
/** Latin words in a message: the pages speak Chinese only (CORS_ORIGINS and the like aside). */
const english = /\b[A-Za-z]{4,}\b/

t.test('the pages, for a day’s work: the defects seen', async (t) => {
  const browser = await launch(t)
  if (!browser) return
  const index = await shippedCorpusIndex(t)
  let portalHtml = ''
  const portalOrigin = await portal(t, () => portalHtml)
  const origin = await serve(t, index, { corsOrigins: [portalOrigin] })
  portalHtml = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head><body><main>
    <script src="${origin}/embed.js" defer></script><report-search limit="3"></report-search></main></body></html>`
  const idOf = (part: string) => index.reports.find((r) => r.meta.bureau.includes(part))?.meta.id as string

  await t.test(
    '1. Esc closes the suggestions and keeps the query, on the page and in the embedded box',
    async (t) => {
      const page = await newPage(t, browser)
      await page.goto(`${origin}/`)
      await page.focus('#q')
      await page.keyboard.type('综合')
      await page.waitForSelector('#suggestions [role="option"]')
      await page.keyboard.press('Escape')
      t.ok(await page.locator('#suggestions').isHidden(), 'the list is closed')
      t.equal(await page.inputValue('#q'), '综合', 'the query stays')
      t.equal(await page.getAttribute('#q', 'aria-expanded'), 'false')
      // Typed on, then Esc before the next suggestions come (综合 has some): they do not open the list again.
      await page.fill('#q', '')
      await page.keyboard.type('综')
      await page.waitForSelector('#suggestions [role="option"]')
      await page.keyboard.type('合')
      await page.keyboard.press('Escape')
      await page.waitForTimeout(600)
      t.ok(await page.locator('#suggestions').isHidden(), 'a late answer does not open the list')

      const embedded = await newPage(t, browser)
      await embedded.goto(portalOrigin)
      const input = embedded.locator('report-search input')
      await input.fill('综合查一次')
      await embedded.waitForSelector('report-search [role="option"]')
      await input.press('Escape')
      t.ok(await embedded.locator('report-search [role="listbox"]').isHidden(), 'the box’s list is closed')
      t.equal(await input.inputValue(), '综合查一次', 'the box’s query stays')
      await input.fill('')
      await input.pressSequentially('综合')
      await embedded.waitForSelector('report-search [role="option"]')
      await input.pressSequentially('查')
      await input.press('Escape')
      await embedded.waitForTimeout(600)
      t.ok(
        await embedded.locator('report-search [role="listbox"]').isHidden(),
        'the box’s late answer does not open it',
      )
    },
  )

  await t.test('2. after Enter the suggestions close, and a late answer does not open them', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/`)
    await page.focus('#q')
    await page.keyboard.type('综合')
    await page.waitForSelector('#suggestions [role="option"]')
    await page.keyboard.type('查一次')
    await page.keyboard.press('Enter')
    await page.waitForSelector('article.result')
    // Past the suggestion box's pause (120 ms) and its answer.
    await page.waitForTimeout(600)
    t.ok(await page.locator('#suggestions').isHidden(), 'closed over the results')
    t.equal(await page.getAttribute('#q', 'aria-expanded'), 'false')
  })

  await t.test(
    '3. messages in Chinese, each saying what to do next; an unknown page in the site’s style',
    async (t) => {
      const page = await newPage(t, browser)
      const cases: [string, string, RegExp][] = [
        [`/?q=${enc('-培训')}`, '.state.error', /只写了要排除的词.*例如：执法 -培训/],
        [`/?q=${enc('，。')}`, '.state.error', /只有标点或空格.*请输入要查找的词语/],
        [`/?q=${enc('执'.repeat(201))}`, '.state.error', /搜索词有 201 个字，最多 200 个字。请删去 1 个字/],
        [`/?q=${enc('执法')}&year=twenty`, '.state.error', /筛选条件写得不对.*清除筛选/],
        [`/compare?ids=${idOf('大足')},${idOf('大足')}`, '#status.error', /同一份报告两次.*另一份/],
        [`/compare?ids=${idOf('大足')}`, '#status.error', /需要两份报告/],
        ['/compare?ids=000000000000,111111111111', '#status.error', /找不到这份报告.*回到检索页/],
        ['/reports/000000000000', '.state.error', /找不到这份报告.*回到检索页/],
        [`/practices?q=${enc('执'.repeat(201))}`, '#status', /.+/],
      ]
      for (const [url, selector, said] of cases) {
        await page.goto(`${origin}${url}`)
        await page.waitForSelector(selector)
        await page.waitForFunction(
          (s) => (document.querySelector(s)?.textContent ?? '').trim().length > 0,
          selector,
        )
        const text = (await page.textContent(selector)) ?? ''
        t.match(text, said, url.slice(0, 60))
        t.notMatch(text, english, `${url.slice(0, 60)}: no English`)
      }
      const response = await page.goto(`${origin}/foo`)
      t.equal(response?.status(), 404, 'an unknown page is a 404')
      t.equal(await page.textContent('h1'), '找不到该页面')
      t.match(await page.textContent('main'), /（\/foo）.*回到检索首页/s)
      t.ok(await page.locator('header.site nav a[href="/practices"]').count(), 'in the site’s frame')
      await page.fill('main #q', '首违不罚')
      await page.press('main #q', 'Enter')
      await page.waitForSelector('article.result')
      t.equal(new URL(page.url()).searchParams.get('q'), '首违不罚', 'its box searches')
      const api = await page.request.get(`${origin}/api/foo`, { headers: { accept: 'text/html' } })
      t.equal(api.status(), 404)
      t.same(await api.json(), {
        error: { code: 'NOT_FOUND', message: '找不到该页面或资源。Nothing is here.' },
      })
    },
  )

  await t.test('4. a pasted query past 200 characters is kept whole and said too long', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/`)
    const long = '综合查一次'.repeat(60)
    await page.focus('#q')
    await page.keyboard.insertText(long)
    t.equal((await page.inputValue('#q')).length, 300, 'nothing cut')
    t.match(await page.textContent('#q-error'), '搜索词有 300 个字，最多 200 个字。请删去 100 个字，再搜索。')
    t.equal(await page.getAttribute('#q', 'aria-invalid'), 'true')
    await page.press('#q', 'Enter')
    await page.waitForTimeout(300)
    t.equal(new URL(page.url()).search, '', 'not sent')
    await page.fill('#q', '综合查一次')
    t.ok(await page.locator('#q-error').isHidden(), 'the note goes once it fits')

    const embedded = await newPage(t, browser)
    await embedded.goto(portalOrigin)
    await embedded.locator('report-search input').fill(long)
    await embedded.waitForSelector('report-search .message')
    t.equal((await embedded.locator('report-search input').inputValue()).length, 300)
    t.match(await embedded.locator('report-search .message').textContent(), '最多 200 个字')
  })

  await t.test(
    '5. 按单位 reads well: no empty column at 1400 px, no one-character columns at 375 px',
    async (t) => {
      const url = `${origin}/?q=${enc('综合查一次')}&view=bureaus`
      const wide = await newPage(t, browser, 1400, 900)
      await wide.goto(url)
      await wide.waitForSelector('table.bureaus tbody tr')
      const header = await wide.locator('table.bureaus th', { hasText: '匹配段落' }).boundingBox()
      t.ok(header && header.height < 48, `the 匹配段落 header on one line (${header?.height} px high)`)
      const [main, results] = await Promise.all([
        wide.locator('main').boundingBox(),
        wide.locator('#results').boundingBox(),
      ])
      t.ok(main && results && results.x - main.x < 40, 'the table starts at the page’s left edge')
      const narrow = await newPage(t, browser, 375, 800)
      await narrow.goto(url)
      await narrow.waitForSelector('table.bureaus tbody tr')
      for (const cell of ['td.bureau', 'td.region']) {
        const box = await narrow.locator(`table.bureaus tbody tr:first-child ${cell}`).boundingBox()
        t.ok(box && box.width > 200, `${cell}: ${box?.width} px wide`)
      }
      t.equal(await narrow.evaluate(() => document.documentElement.scrollWidth), 375, 'no sideways scroll')
      await screenshot(narrow, 'bureaus-375px')
    },
  )

  await t.test(
    '6. at 375 px the facets come before the results, and the atlas chart fits the screen',
    async (t) => {
      const page = await newPage(t, browser, 375, 800)
      await page.goto(`${origin}/?q=${enc('执法')}`)
      await page.waitForSelector('article.result')
      const toggle = page.locator('button.facet-toggle')
      const [top, first] = await Promise.all([
        toggle.boundingBox(),
        page.locator('article.result').first().boundingBox(),
      ])
      t.ok(
        top && first && top.y < first.y && top.y < 800,
        `筛选 at ${top?.y} px, above the first result at ${first?.y}`,
      )
      t.ok(await page.locator('#facet-groups').isHidden(), 'folded')
      await toggle.click()
      t.equal(await toggle.getAttribute('aria-expanded'), 'true')
      await page.click('button[data-facet="province"][data-value="吉林省"]')
      await page.waitForFunction(() => document.querySelectorAll('article.result').length === 1)
      t.match(await page.textContent('article.result h2'), '梨树县')

      await page.goto(`${origin}/practices`)
      await page.waitForSelector('#chart svg text.value')
      const overflow = await page.evaluate(() => {
        const values = Array.from(
          document.querySelectorAll('#chart svg text'),
          (n) => n.getBoundingClientRect().right,
        )
        return { right: Math.max(...values), width: document.documentElement.clientWidth }
      })
      t.ok(overflow.right <= overflow.width, `the counts end at ${overflow.right} px of ${overflow.width}`)
      await screenshot(page, 'practices-375px')
    },
  )

  await t.test(
    '7. the atlas CSV is named by its filters; a filter that matches nothing says what to change',
    async (t) => {
      const page = await newPage(t, browser)
      await page.goto(`${origin}/practices?kind=law&min=2`)
      await page.waitForSelector('table.matrix tbody tr')
      const csv = await page.request.get(`${origin}${await page.getAttribute('#csv', 'href')}`)
      t.match(csv.headers()['content-disposition'], enc('做法与法规-法规文件-至少2个单位.csv'))
      await page.goto(`${origin}/practices?q=${enc('没有这种做法')}`)
      await page.waitForSelector('#empty:not([hidden])')
      t.match(await page.textContent('#empty'), /没有符合条件的做法或法规.*清除全部筛选/s)
      t.ok(await page.locator('#chart-title').isHidden(), 'no empty chart heading')
      t.ok(await page.locator('#matrix-title').isHidden(), 'no empty matrix heading')
      t.ok(await page.locator('#more').isHidden(), 'no “显示全部 0 项”')
    },
  )

  await t.test('9. before any search: no view tabs, no empty facet column', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/`)
    await page.waitForSelector('.state.empty')
    t.ok(await page.locator('#tabs').isHidden(), 'the 按报告/按单位 tabs wait for a search')
    const [main, results] = await Promise.all([
      page.locator('main').boundingBox(),
      page.locator('#results').boundingBox(),
    ])
    t.ok(main && results && results.x - main.x < 40, 'the examples start at the left edge')
  })

  await t.test('11. the syntax help names 单位: and 部分:问题不足; facets say what they count', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/?q=${enc('执法')}`)
    await page.waitForSelector('article.result')
    await page.click('#syntax-help summary')
    const help = (await page.textContent('#syntax-help')) ?? ''
    for (const written of ['单位:兖州', '部分:问题不足', '年度:2023..2025', '成文日期:2025-12..2026-01-31'])
      t.match(help, written)
    t.ok(
      // The count is a flex item: Chromium reads the blocks with a space between them.
      await page.getByRole('button', { name: /^吉林省\s*，\s*1 份报告$/ }).count(),
      'a province: its reports',
    )
    t.ok(
      await page.getByRole('button', { name: /^问题不足\s*，\s*\d+ 个段落$/ }).count(),
      'a part: its sections',
    )
    t.match(await page.textContent('#facets'), /省份（份报告数）.*报告部分（个段落数）/s)
  })
})
