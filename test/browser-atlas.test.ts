import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { buildIndex } from '../indexer/build.js'
import { saveIndex } from '../indexer/save.js'
import { shippedCorpusIndex } from './helpers/app.js'
import { launch, newPage, screenshot, serve } from './helpers/browser.js'
import { tempDir } from './helpers/corpus.js'

t.test('the practice atlas and the comparison in a real browser', async (t) => {
  const browser = await launch(t)
  if (!browser) return
  const index = await shippedCorpusIndex(t)
  const origin = await serve(t, index)
  const bureauOf = new Map(index.reports.map((r) => [r.meta.id, r.meta.bureau]))

  await t.test('the matrix: 综合查一次 is named by 兖州, 合作 and 大足, each cell a link', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/practices`)
    await page.waitForSelector('table.matrix')
    const row = page.locator('table.matrix tbody tr', {
      has: page.locator('th a', { hasText: /^综合查一次$/ }),
    })
    t.equal(await row.locator('td.num').textContent(), '3')
    const cells = row.locator('td.cell.on a')
    t.equal(await cells.count(), 3)
    const bureaus = []
    for (let i = 0; i < 3; i++) {
      const href = (await cells.nth(i).getAttribute('href')) as string
      bureaus.push(bureauOf.get(/\/reports\/([0-9a-f]{12})/.exec(href)?.[1] ?? ''))
    }
    t.same(
      bureaus.sort(),
      ['合作市卫生健康局', '济宁市兖州区卫生健康局', '重庆市大足区卫生健康委员会'].sort(),
    )
    t.ok((await page.locator('#chart svg a').count()) <= 20, 'the chart shows the top 20 at most')
    await screenshot(page, 'practices')

    // A cell opens the report at the section that names the practice.
    await cells.first().click()
    await page.waitForSelector('section.part.current')
    t.match(await page.locator('section.part.current').textContent(), /综合查一次/)
  })

  await t.test('clicking a practice runs its exact-phrase search', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/practices`)
    await page.locator('table.matrix th a', { hasText: /^四张清单$/ }).click()
    await page.waitForSelector('article.result')
    t.equal(new URL(page.url()).searchParams.get('q'), '"四张清单"')
    t.equal(await page.locator('article.result').count(), 1)
    await page.goto(`${origin}/practices`)
    await page.locator('#chart svg a').first().click()
    await page.waitForSelector('article.result')
    t.match(new URL(page.url()).searchParams.get('q'), /^".+"$/, 'a bar runs the phrase search too')
  })

  await t.test('filter by name and kind, sort by name; the URL keeps it, back restores it', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/practices`)
    await page.waitForSelector('table.matrix')
    await page.fill('#q', '清单')
    await page.press('#q', 'Enter')
    await page.waitForURL(/q=%E6%B8%85%E5%8D%95/)
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('table.matrix tbody th a')).every((a) =>
        a.textContent?.includes('清单'),
      ),
    )
    t.ok(await page.locator('table.matrix th a', { hasText: /^四张清单$/ }).count())
    await page.selectOption('#kind', 'law')
    await page.waitForURL(/kind=law/)
    await page.waitForFunction(() =>
      Array.from(document.querySelectorAll('table.matrix tbody .kind')).every(
        (k) => k.textContent === '法律法规',
      ),
    )
    await page.fill('#q', '')
    await page.selectOption('#sort', 'name')
    await page.waitForURL(/sort=name/)
    await page.waitForSelector('table.matrix th a:text-is("医师法")')
    await page.goBack()
    await page.waitForURL(/kind=law(?!.*sort)/)
    t.equal(await page.inputValue('#sort'), 'bureaus')
    await page.fill('#q', '没有这种做法')
    await page.press('#q', 'Enter')
    await page.waitForFunction(() => document.getElementById('empty')?.textContent?.includes('没有符合条件'))
    t.equal(await page.locator('table.matrix tbody tr').count(), 0)
  })

  await t.test('pick two bureaus in the matrix and read them side by side', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/practices`)
    await page.waitForSelector('table.matrix')
    t.ok(await page.locator('#compare').isDisabled(), 'not before two are picked')
    await page.getByLabel('选择合作市卫生健康局进行对比').check()
    await page.getByLabel('选择重庆市大足区卫生健康委员会进行对比').check()
    await page.click('#compare')
    await page.waitForSelector('.compare-part')
    const heads = await page.locator('.side-title').allTextContents()
    t.same(heads.sort(), ['合作市卫生健康局', '重庆市大足区卫生健康委员会'].sort())
    const shared = await page.locator('.named.shared .chip').allTextContents()
    for (const name of ['综合查一次', '扫码入企', '《医师法》'])
      t.ok(shared.includes(name), `both name ${name}`)
    const only = await page.locator('.named.only .chip').allTextContents()
    t.ok(only.includes('首违不罚') && only.includes('四张清单'), '合作 alone names 首违不罚 and 四张清单')
    t.ok((await page.locator('.compare-part mark', { hasText: '综合查一次' }).count()) >= 2, 'marked in both')
    await screenshot(page, 'compare')
    const small = await newPage(t, browser, 375, 800)
    await small.goto(page.url())
    await small.waitForSelector('.compare-part')
    t.ok(
      await small.evaluate(() => document.documentElement.scrollWidth <= 375),
      'no sideways scroll at 375 px',
    )
    await small.goto(`${origin}/practices`)
    await small.waitForSelector('table.matrix')
    t.ok(
      await small.evaluate(() => document.documentElement.scrollWidth <= 375),
      'the matrix scrolls in its own box at 375 px',
    )
  })

  await t.test('the comparison page without ids offers the choice; a bad id says so', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/compare`)
    await page.waitForFunction(() => document.querySelectorAll('#first option').length === 6)
    await page.selectOption('#first', { label: '梨树县卫生健康局（2025）' })
    await page.selectOption('#second', { label: '西宁市湟中区卫生健康局（2025）' })
    await page.click('#pick button')
    await page.waitForSelector('.compare-part')
    t.match(await page.locator('.named.shared').textContent(), /《宪法》/)
    await page.goto(`${origin}/compare?ids=000000000000,111111111111`)
    await page.waitForSelector('#status.error')
    t.match(await page.textContent('#status'), /找不到这份报告/)
  })
})

t.test('a practice or law whose name holds markup shows it as text', async (t) => {
  const browser = await launch(t)
  if (!browser) return
  const corpus = await tempDir(t)
  await writeFile(
    join(corpus, 'x.txt'),
    '某某县司法局关于2025年度法治政府建设情况的报告\n一、主要举措和成效\n（一）推行“<i>码上办</i>”，落实《<b onclick=1>条例</b>》。',
  )
  const index = await saveIndex(await tempDir(t), await buildIndex({ corpusDir: corpus, maxFileBytes: 1e6 }))
  const origin = await serve(t, index)
  const page = await newPage(t, browser)
  await page.goto(`${origin}/practices`)
  await page.waitForSelector('table.matrix')
  t.match(await page.textContent('table.matrix'), '<i>码上办</i>')
  t.match(await page.textContent('table.matrix'), '<b onclick=1>条例</b>')
  t.equal(await page.locator('table.matrix i, table.matrix b, #chart i, #chart b').count(), 0)
  await page.goto(`${origin}/compare?ids=${index.reports[0]?.meta.id},${index.reports[0]?.meta.id}`)
  await page.waitForSelector('#status.error')
  t.equal(
    await page.evaluate(() => (window as unknown as { __xss?: number }).__xss),
    undefined,
    'nothing ran',
  )
})
