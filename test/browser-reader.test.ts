// Every hit in reach, a link to a section, print: the reader and the result list, in a real browser.

import t from 'tap'
import { shippedCorpusIndex } from './helpers/app.js'
import { launch, newPage, screenshot, serve } from './helpers/browser.js'

const enc = encodeURIComponent

t.test('the reader and the result list: every hit, links to sections, print', async (t) => {
  const browser = await launch(t)
  if (!browser) return
  const index = await shippedCorpusIndex(t)
  const origin = await serve(t, index)
  const daZu = index.reports.find((r) => r.meta.bureau.includes('大足'))?.meta.id as string

  await t.test('8. “另有 N 个段落” opens in place, and folds again', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/?q=${enc('执法')}&province=${enc('重庆')}`)
    await page.waitForSelector('article.result')
    // 大足 has 13 sections with 执法 (the contract suite reads them off its text): 3 shown, 10 more.
    const more = page.locator('button.more')
    t.equal(await more.textContent(), '本报告另有 10 个段落匹配，展开')
    await more.click()
    await page.waitForFunction(() => document.querySelectorAll('article.result ul.hits li').length === 13)
    t.equal(await more.getAttribute('aria-expanded'), 'true')
    const ids = await page
      .locator('article.result ul.hits li .path a')
      .evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).hash))
    t.equal(new Set(ids).size, 13, 'thirteen different sections, none twice')
    const marks = await page.locator('article.result ul.hits li.extra mark').allTextContents()
    t.ok(marks.length >= 10 && marks.every((m) => m === '执法'), 'each added snippet marks 执法')
    t.equal(
      await page.evaluate(() => document.activeElement?.closest('li')?.classList.contains('extra')),
      true,
      'focus moves to the first section added',
    )
    await more.click()
    t.equal(await page.locator('article.result ul.hits li:visible').count(), 3, 'folded again')
    t.equal(await more.textContent(), '本报告另有 10 个段落匹配，展开')
  })

  await t.test('8. the reader: 第 3 / 44 处, previous and next by button and key', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/reports/${daZu}?q=${enc('执法')}`)
    await page.waitForSelector('#hit-nav:not([hidden])')
    // 大足's text holds 执法 44 times (grep -o 执法 corpus/重庆市大足区… | wc -l).
    t.equal(await page.textContent('#hit-nav .count'), '共 44 处')
    await page.click('#hit-nav button:text("下一处")')
    await page.click('#hit-nav button:text("下一处")')
    await page.click('#hit-nav button:text("下一处")')
    t.equal(await page.textContent('#hit-nav .count'), '第 3 / 44 处')
    const third = await page.evaluate(() => {
      const marks = Array.from(document.querySelectorAll('#text mark'))
      const current = document.querySelector('#text mark.current')
      const box = current?.getBoundingClientRect()
      return {
        at: current ? marks.indexOf(current) : -1,
        visible: !!box && box.top > 0 && box.bottom < innerHeight,
      }
    })
    t.same(third, { at: 2, visible: true }, 'the third mark is current and in view')
    await page.locator('body').press('n')
    t.equal(await page.textContent('#hit-nav .count'), '第 4 / 44 处', 'N: the next')
    await page.locator('body').press('p')
    await page.locator('body').press('p')
    t.equal(await page.textContent('#hit-nav .count'), '第 2 / 44 处', 'P: the previous')
    await page.click('#hit-nav button:text("上一处")')
    await page.click('#hit-nav button:text("上一处")')
    t.equal(await page.textContent('#hit-nav .count'), '第 44 / 44 处', 'round from the first to the last')
    await page.focus('#q')
    await page.keyboard.type('n')
    t.equal(
      await page.textContent('#hit-nav .count'),
      '第 44 / 44 处',
      'a key typed in the search box is text',
    )
    await screenshot(page, 'reader-hits')
  })

  await t.test('8. the table of contents marks the sections that match and the one in view', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/reports/${daZu}?q=${enc('执法')}`)
    await page.waitForSelector('#toc a.match')
    const entries = await page.locator('#toc a.match').allTextContents()
    t.ok(
      entries.some((e) => e.startsWith('(六)深化执法改革')),
      'an entry whose section holds 执法',
    )
    t.notOk(
      entries.some((e) => e.startsWith('(一)健全完善推进机制')),
      'not one whose sections do not',
    )
    t.match(await page.textContent('#toc'), '标 ● 的部分含检索词')
    const sectionId = await page.getAttribute('#toc a:text-matches("^\\\\(六\\\\)深化执法改革")', 'href')
    await page.click(`#toc a[href="${sectionId}"]`)
    await page.waitForFunction(
      (href) => document.querySelector('#toc a[aria-current="location"]')?.getAttribute('href') === href,
      sectionId,
    )
    t.pass('the entry clicked is marked as where the reader is')
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await page.waitForFunction(
      (href) => document.querySelector('#toc a[aria-current="location"]')?.getAttribute('href') !== href,
      sectionId,
    )
    t.pass('and the mark follows the scrolling')
  })

  await t.test('8. a section opened by its link shows its parent heading above it', async (t) => {
    const page = await newPage(t, browser, 1400, 700)
    // 1.推进镇街综合行政执法改革 under (六)深化执法改革,规范行政执法行为, a heading on its own line.
    const report = (await (await page.request.get(`${origin}/api/reports/${daZu}`)).json()) as {
      sections: { id: string; path: string[] }[]
    }
    const target = report.sections.find((s) => s.path.at(-1)?.startsWith('1.推进镇街综合行政执法改革'))
    t.ok(target, 'the section is in the report')
    await page.goto(`${origin}/reports/${daZu}?q=${enc('执法')}#${target?.id}`)
    await page.waitForSelector('section.current')
    const boxes = await page.evaluate(() => {
      const current = document.querySelector('section.current') as HTMLElement
      const parent = current.previousElementSibling as HTMLElement
      const bar = document.querySelector('.reader-bar')?.getBoundingClientRect()
      return {
        parent: parent.textContent,
        parentTop: parent.getBoundingClientRect().top,
        barBottom: bar?.bottom ?? 0,
        currentTop: current.getBoundingClientRect().top,
      }
    })
    t.match(boxes.parent, /^\(六\)深化执法改革/)
    t.ok(
      boxes.parentTop >= boxes.barBottom - 1,
      `the parent heading (at ${boxes.parentTop} px) is below the bar`,
    )
    t.ok(boxes.currentTop < 700, 'and the section itself is in view')
    const first = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll('#text mark')).findIndex((m) => m.closest('section.current')) +
        1,
    )
    t.equal(
      await page.textContent('#hit-nav .count'),
      `第 ${first} / 44 处`,
      'its first hit is the current one',
    )
  })

  await t.test('a link to a section: copied, and it opens the reader there, marked', async (t) => {
    const page = await newPage(t, browser)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin })
    await page.goto(`${origin}/?q=${enc('首违不罚')}`)
    await page.click('ul.hits li .path a')
    await page.waitForSelector('section.current')
    const opened = await page.getAttribute('section.current', 'id')
    await page.click('#copy-link')
    await page.waitForFunction(() => document.getElementById('copy-status')?.textContent?.includes('已复制'))
    const copied = await page.evaluate(() => navigator.clipboard.readText())
    t.equal(copied, `${origin}/reports/${opened?.split('-')[0]}?q=${enc('首违不罚')}#${opened}`)
    const other = await newPage(t, browser)
    await other.goto(copied)
    await other.waitForSelector('section.current')
    t.equal(await other.getAttribute('section.current', 'id'), opened, 'the link opens that section')
    t.match(await other.textContent('section.current mark'), '首违不罚', 'with the words marked')
    // Scrolled on, the button copies the section now in view.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    await page.waitForTimeout(200)
    await page.click('#copy-link')
    await page.waitForFunction(() => (window.location.hash || '').length > 0)
    const after = await page.evaluate(() => navigator.clipboard.readText())
    t.not(after, copied, 'another section, further down')
    t.equal(new URL(after).hash, new URL(page.url()).hash, 'the address bar shows it too')
  })

  await t.test(
    '10. print: the reader prints the title, the bureau, the date and the marked text only',
    async (t) => {
      const page = await newPage(t, browser)
      await page.goto(`${origin}/reports/${daZu}?q=${enc('执法')}`)
      await page.waitForSelector('#hit-nav:not([hidden])')
      const printed = await page.evaluate(() => {
        const w = window as unknown as { printed: number }
        w.printed = 0
        window.print = () => {
          w.printed++
        }
        return true
      })
      t.ok(printed)
      await page.click('#print')
      t.equal(await page.evaluate(() => (window as unknown as { printed: number }).printed), 1, '打印 prints')
      await page.emulateMedia({ media: 'print' })
      for (const hidden of ['header.site', '#toc', '#back', '.reader-bar', '#q'])
        t.ok(await page.locator(hidden).first().isHidden(), `${hidden} is not printed`)
      for (const shown of ['#title', '#meta', '#text'])
        t.ok(await page.locator(shown).isVisible(), `${shown} is`)
      t.match(await page.textContent('#meta'), /重庆市大足区卫生健康委员会.*2026-01-12/s)
      const layout = await page.evaluate(() => ({
        text: document.getElementById('text')?.getBoundingClientRect().width ?? 0,
        page: document.documentElement.clientWidth,
        mark: getComputedStyle(document.querySelector('#text mark') as Element).backgroundColor,
      }))
      t.ok(layout.text > layout.page * 0.9, `the text takes the page (${layout.text} of ${layout.page} px)`)
      t.equal(layout.mark, 'rgb(255, 226, 138)', 'the marks print marked')
      await page.pdf({ path: 'test/artifacts/reader-print.pdf' })
    },
  )

  await t.test('10. print: a result list prints the query and the results, no navigation', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/?q=${enc('综合查一次')}`)
    await page.waitForSelector('article.result')
    await page.emulateMedia({ media: 'print' })
    for (const hidden of ['header.site', '#facets', '#tabs', '#summary .button'])
      t.ok(await page.locator(hidden).first().isHidden(), `${hidden} is not printed`)
    t.ok(await page.locator('#page-title').isVisible(), 'the query heads the page')
    t.match(await page.textContent('#page-title'), '综合查一次')
    t.equal(await page.locator('article.result').count(), 3)
    const width = await page.evaluate(
      () => (document.querySelector('article.result')?.getBoundingClientRect().width ?? 0) / innerWidth,
    )
    t.ok(width > 0.9, 'the results take the page')
  })
})
