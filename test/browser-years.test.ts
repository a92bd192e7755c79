// The pages across years in a real browser, on the multi-year fixture corpus: a bureau's page, the
// atlas' timelines and year filter, the feed link, several reports side by side.

import t from 'tap'
import { readAtom } from './helpers/atom.js'
import { launch, newPage, screenshot, serve } from './helpers/browser.js'
import { yearsBureaus, yearsIndex } from './helpers/years.js'

const bureauPage = (origin: string, name: string) => `${origin}/bureaus/${encodeURIComponent(name)}`

t.test('across years in a real browser', async (t) => {
  const browser = await launch(t)
  if (!browser) return
  const index = await yearsIndex(t)
  const origin = await serve(t, index)
  const idOf = (source: string) => index.reports.find((r) => r.meta.source === source)?.meta.id as string

  await t.test('a bureau’s page: its reports by year, what 2025 added, kept and dropped', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(bureauPage(origin, yearsBureaus.合作))
    await page.waitForSelector('.year-change')
    t.equal(await page.textContent('h1'), '合作市卫生健康局')
    t.match(await page.textContent('#region'), '甘肃省 · 甘南藏族自治州 · 合作市')
    t.match(await page.textContent('#status'), /共 2 份报告，2 个年度（2024–2025）/)
    t.same(await page.locator('.years-table tbody th').allTextContents(), ['2024 年度', '2025 年度'])
    t.equal(await page.textContent('.year-change h3'), '2024 → 2025 年度')
    const listed = async (kind: string) =>
      page
        .locator(`.year-change > .change-columns [data-change="${kind}"] li`)
        .evaluateAll((items) => items.map((li) => li.getAttribute('data-name')))
    t.same(
      (await listed('new')).sort(),
      ['首违不罚', '告诫说理', '宽严相济、法理相融', '扫码入企', '传染病防治法'].sort(),
    )
    t.same((await listed('dropped')).sort(), ['局长接待日', '法治体检', '医疗纠纷预防和处理条例'].sort())
    t.ok((await listed('kept')).includes('综合查一次'))
    t.match(
      await page.locator('[data-change="new"] li[data-name="首违不罚"] .sentence').innerHTML(),
      '实行“<mark>首违不罚</mark>”',
      'the sentence, the name marked',
    )
    await page.click('summary:text("按报告部分")')
    t.match(await page.textContent('.part-change[data-part="plans"]'), /不再提及：法治体检/)
    t.match(await page.textContent('.part-change[data-part="leadership"]'), /新增：《传染病防治法》/)
    await screenshot(page, 'bureau-合作')

    // Each name opens the reader at the sentence's section, the name marked.
    await page.click('[data-change="new"] li[data-name="首违不罚"] a')
    await page.waitForSelector('section.part.current')
    t.match(new URL(page.url()).pathname, `/reports/${idOf('合作市卫生健康局_2025.txt')}`)
    t.equal(await page.textContent('section.current mark'), '首违不罚')

    await page.goto(bureauPage(origin, yearsBureaus.合作))
    await page.click('#compare-all a')
    await page.waitForSelector('.compare-part')
    t.equal(await page.locator('.side-title').count(), 2, 'the bureau’s reports side by side')
  })

  await t.test(
    'a bureau with one year says there is nothing to compare; an unknown one says so',
    async (t) => {
      const page = await newPage(t, browser)
      await page.goto(bureauPage(origin, yearsBureaus.梨树))
      await page.waitForSelector('#nothing-to-compare')
      t.equal(await page.textContent('#nothing-to-compare'), '只有 2025 年度的报告，没有可以比较的年份。')
      t.same(await page.locator('.years-table tbody th').allTextContents(), ['2025 年度'])
      t.ok(
        await page.locator('.year-named .chip', { hasText: '双随机、一公开' }).count(),
        'that year’s practices',
      )
      const small = await newPage(t, browser, 375, 800)
      await small.goto(bureauPage(origin, yearsBureaus.大足))
      await small.waitForSelector('.year-change')
      t.ok(
        await small.evaluate(() => document.documentElement.scrollWidth <= 375),
        'no sideways scroll at 375 px',
      )
      await page.goto(bureauPage(origin, '没有这个局'))
      await page.waitForSelector('#status.error')
      t.match(await page.textContent('#status'), /找不到该单位的报告/)
    },
  )

  await t.test(
    'from the results: every result and bureau facet links to the bureau’s page; 订阅 gives the feed',
    async (t) => {
      const page = await newPage(t, browser)
      await page.goto(`${origin}/?q=${encodeURIComponent('综合查一次')}`)
      await page.waitForSelector('article.result')
      const links = await page.locator('article.result .meta a.bureau-link').allTextContents()
      t.equal(links.length, await page.locator('article.result').count(), 'one a result')
      const facetLinks = page.locator('aside.facets .facet-bureau a.bureau-link')
      t.equal(
        await facetLinks.count(),
        await page.locator('button[data-facet="bureau"]').count(),
        'one a bureau facet',
      )
      const feed = page.locator('#feed')
      t.equal(await feed.textContent(), '订阅')
      const href = (await feed.getAttribute('href')) as string
      t.equal(href, `/api/search.atom?q=${encodeURIComponent('综合查一次')}`)
      t.equal(
        await page.getAttribute('head link[rel="alternate"][type="application/atom+xml"]', 'href'),
        href,
        'announced in the head for feed readers',
      )
      const response = await page.request.get(`${origin}${href}`)
      t.match(response.headers()['content-type'], /application\/atom\+xml/)
      const atom = readAtom(await response.text())
      t.equal(atom.entries.length, 4, '合作 2024 and 2025, 大足 2025, 兖州 2025')
      await page.click('button[data-facet="year"][data-value="2024"]')
      await page.waitForURL(/year=2024/)
      await page.waitForFunction(() =>
        document.getElementById('feed')?.getAttribute('href')?.includes('year=2024'),
      )
      await page.locator('article.result .meta a.bureau-link').first().click()
      await page.waitForSelector('.year-change')
      t.equal(await page.textContent('h1'), '合作市卫生健康局')
    },
  )

  await t.test('a practice’s timeline in the atlas, and the atlas of one year', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/practices?practice=${encodeURIComponent('综合查一次')}`)
    await page.waitForSelector('#timeline:not([hidden]) .timeline-chart')
    t.equal(await page.textContent('#timeline-title'), '时间线：综合查一次')
    t.same(await page.locator('.timeline-chart text.label').allTextContents(), ['2024', '2025'])
    t.same(await page.locator('.timeline-chart text.value').allTextContents(), ['1', '3'])
    t.same(
      await page
        .locator('.first-years li')
        .evaluateAll((items) =>
          items.map((li) => [li.getAttribute('data-bureau'), li.querySelector('.first-year')?.textContent]),
        ),
      [
        ['合作市卫生健康局', '2024 年'],
        ['重庆市大足区卫生健康委员会', '2025 年'],
        ['济宁市兖州区卫生健康局', '2025 年'],
      ],
      'the earliest first; on a tie, in the order of the bureaus’ names (pinyin)',
    )
    await screenshot(page, 'timeline-综合查一次')
    // A row's sparkline opens its timeline.
    const row = page.locator('table.matrix tbody tr', {
      has: page.locator('th a', { hasText: /^首违不罚$/ }),
    })
    t.equal(await row.locator('.sparkline rect.on').count(), 2, 'named in 2024 and in 2025')
    await row.locator('button.timeline-open').click()
    await page.waitForFunction(
      () => document.getElementById('timeline-title')?.textContent === '时间线：首违不罚',
    )
    t.match(page.url(), /practice=%E9%A6%96/)
    t.match(await page.textContent('.first-years'), /2024 年 重庆市大足区卫生健康委员会/)
    await page.click('#timeline-close')
    t.ok(await page.locator('#timeline').isHidden())

    await page.selectOption('#year', '2024')
    await page.waitForURL(/year=2024/)
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('table.matrix tbody th a')).some(
        (a) => a.textContent === '法治体检',
      ),
    )
    const names = await page.locator('table.matrix tbody th a').allTextContents()
    t.notOk(names.includes('渝快办'), '渝快办 is named in 2025 only')
    t.ok(names.includes('首违不罚'))
    t.match(await page.getAttribute('#csv', 'href'), /year=2024/, 'the CSV of that year')
  })

  await t.test('three reports side by side: shared, named by some, each one’s own', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/compare`)
    await page.waitForFunction(() => document.querySelectorAll('#fifth option').length === 7)
    await page.selectOption('#first', { label: '合作市卫生健康局（2024）' })
    await page.selectOption('#second', { label: '合作市卫生健康局（2025）' })
    await page.selectOption('#third', { label: '重庆市大足区卫生健康委员会（2025）' })
    await page.click('#pick button')
    await page.waitForSelector('.compare-part')
    t.equal(await page.locator('.sides.cols-3').first().locator('.side-title').count(), 3)
    t.ok(await page.locator('.named.shared .chip', { hasText: /^综合查一次$/ }).count(), 'all three')
    t.match(await page.textContent('.named.partly'), /扫码入企（报告二、三）/, '合作 2025 and 大足 2025')
    const own = await page.locator('.named.only').allTextContents()
    t.match(own[0], /局长接待日/, '合作 2024 alone')
    t.match(own[2], /渝快办/, '大足 alone')
    t.ok(await page.locator('.compare-part mark.shared', { hasText: '综合查一次' }).count())
    t.ok(await page.locator('.compare-part mark.own', { hasText: '局长接待日' }).count())
    await screenshot(page, 'compare-three')
    const small = await newPage(t, browser, 375, 800)
    await small.goto(page.url())
    await small.waitForSelector('.compare-part')
    t.ok(
      await small.evaluate(() => document.documentElement.scrollWidth <= 375),
      'no sideways scroll at 375 px',
    )

    // Five at once from the atlas' matrix; six cannot be picked.
    await page.goto(`${origin}/practices`)
    await page.waitForSelector('table.matrix')
    const boxes = page.locator('table.matrix thead input[type="checkbox"]')
    for (let i = 0; i < 6; i++) await boxes.nth(i).check()
    t.ok(await page.locator('#compare').isDisabled(), 'not six')
    await boxes.nth(5).uncheck()
    await page.click('#compare')
    await page.waitForSelector('.compare-part')
    t.equal(await page.locator('.sides.cols-5').first().locator('.side-title').count(), 5)
  })
})
