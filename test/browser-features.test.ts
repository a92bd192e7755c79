// Excel from the pages, 高级检索, the search history: what a 科员 uses to take results into a report.

import t from 'tap'
import { shippedCorpusIndex } from './helpers/app.js'
import { launch, newPage, screenshot, serve } from './helpers/browser.js'

const enc = encodeURIComponent

t.test('Excel, advanced search and the search history in a real browser', async (t) => {
  const browser = await launch(t)
  if (!browser) return
  const index = await shippedCorpusIndex(t)
  const origin = await serve(t, index)
  const { default: ExcelJS } = await import('exceljs')
  const workbook = async (body: Buffer) => {
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(body as unknown as ArrayBuffer)
    return book
  }

  await t.test('Excel downloads from the result list, 按单位 and the atlas; CSV stays', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/?q=${enc('"综合查一次"')}`)
    await page.waitForSelector('article.result')
    const [results] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#summary a:text("导出 Excel")'),
    ])
    t.equal(results.suggestedFilename(), '检索结果-综合查一次.xlsx')
    const book = await workbook(
      await (await import('node:fs/promises')).readFile((await results.path()) as string),
    )
    // 兖州 1 section, 合作 1, 大足 3 (the contract suite reads them off the text).
    t.equal(book.getWorksheet('检索结果')?.rowCount, 6, 'the header and the five sections')

    await page.click('#tabs a[data-view="bureaus"]')
    await page.waitForSelector('table.bureaus')
    const [bureaus] = await Promise.all([page.waitForEvent('download'), page.click('a:text("下载 Excel")')])
    t.equal(bureaus.suggestedFilename(), '按单位-综合查一次.xlsx')
    const sheet = (
      await workbook(await (await import('node:fs/promises')).readFile((await bureaus.path()) as string))
    ).getWorksheet('按单位')
    t.equal(sheet?.rowCount, 4)
    t.ok(await page.locator('a:text("下载 CSV")').count(), 'the CSV is still there')

    await page.goto(`${origin}/practices?kind=practice`)
    await page.waitForSelector('table.matrix')
    const [atlas] = await Promise.all([page.waitForEvent('download'), page.click('#xlsx')])
    t.equal(atlas.suggestedFilename(), '做法与法规-做法.xlsx')
  })

  await t.test('高级检索 writes the query syntax into the box, and runs it', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/`)
    await page.click('#advanced summary')
    await page.waitForFunction(
      () => document.querySelectorAll('#advanced-form select[name="province"] option').length > 1,
    )
    await page.fill('#advanced-form input[name="all"]', '执法')
    await page.fill('#advanced-form input[name="phrase"]', '综合查一次')
    await page.fill('#advanced-form input[name="none"]', '培训')
    await page.fill('#advanced-form input[name="dateFrom"]', '2026-01-01')
    await page.fill('#advanced-form input[name="dateTo"]', '2026-12-31')
    await screenshot(page, 'advanced-search')
    await page.click('#advanced-form button[type="submit"]')
    await page.waitForSelector('article.result, .state')
    t.equal(await page.inputValue('#q'), '执法 "综合查一次" -培训 成文日期:2026-01-01..2026-12-31')
    t.ok(await page.locator('#advanced-form').isHidden(), 'the form folds away')
    // "综合查一次" is in 兖州, 合作 and 大足; signed in 2026: 兖州 (2026-02-06) and 大足 (2026-01-12).
    const titles = await page.locator('article.result h2').allTextContents()
    t.same(
      titles
        .map((title) => (title.includes('兖州') ? '兖州' : title.includes('大足') ? '大足' : title))
        .sort(),
      ['兖州', '大足'],
    )

    await page.click('#advanced summary')
    await page.click('#advanced-form button[type="reset"]')
    await page.fill('#advanced-form input[name="any"]', '首违不罚 四张清单')
    await page.selectOption('#advanced-form select[name="province"]', '甘肃省')
    await page.selectOption('#advanced-form select[name="part"]', 'measures')
    await page.selectOption('#advanced-form select[name="yearFrom"]', '2025')
    await page.selectOption('#advanced-form select[name="yearTo"]', '2025')
    await page.click('#advanced-form button[type="submit"]')
    await page.waitForFunction(() => document.querySelector<HTMLInputElement>('#q')?.value.includes('OR'))
    t.equal(await page.inputValue('#q'), '首违不罚 OR 四张清单 省份:甘肃省 年度:2025 部分:举措成效')
    await page.waitForSelector('article.result')
    t.match(await page.textContent('article.result h2'), '合作市卫生健康局')

    await page.click('#advanced summary')
    await page.click('#advanced-form button[type="reset"]')
    await page.click('#advanced-form button[type="submit"]')
    t.equal(await page.textContent('#advanced-note'), '请至少填写一项，再检索。')
    await page.fill('#advanced-form input[name="dateFrom"]', '2026-02-01')
    await page.fill('#advanced-form input[name="dateTo"]', '2026-01-01')
    await page.click('#advanced-form button[type="submit"]')
    t.match(await page.textContent('#advanced-note'), '“起”晚于“止”')
  })

  await t.test('the search history: kept in this browser, listed, cleared', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/?q=${enc('首违不罚')}`)
    await page.waitForSelector('article.result')
    await page.goto(`${origin}/?q=${enc('综合查一次')}&province=${enc('重庆')}`)
    await page.waitForSelector('article.result')
    await page.goto(`${origin}/`)
    await page.waitForSelector('.state.empty .history')
    t.same(await page.locator('.state.empty .history li a').allTextContents(), [
      '综合查一次 省份:重庆',
      '首违不罚',
    ])
    await page.click('#history summary')
    // The list is filled on <details>' toggle event, which comes a task after the click.
    await page.locator('#history li a').first().waitFor()
    t.same(await page.locator('#history li a').allTextContents(), ['综合查一次 省份:重庆', '首违不罚'])
    await page.click('#history li a:text("首违不罚")')
    await page.waitForSelector('article.result')
    t.equal(new URL(page.url()).searchParams.get('q'), '首违不罚', 'a search from the history runs again')
    await page.click('#history summary')
    await page.click('#history button:text("清除检索记录")')
    t.match(await page.textContent('#history'), '检索记录已清除')
    t.equal(await page.evaluate(() => localStorage.getItem('report-search.history')), null)
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    await page.goto(`${origin}/`)
    t.equal(await page.locator('.state.empty .history').count(), 0, 'nothing listed once cleared')
    t.same(
      requests.filter((url) => url.includes('/api/')),
      [],
      'the history is never sent (the empty page asks the API nothing)',
    )
  })
})
