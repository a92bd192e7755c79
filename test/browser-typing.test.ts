// The search page for officials who type as they speak: abbreviations with what was added and a way
// to drop it, place names, pinyin in the suggestion box, and the nearest word when nothing is found.

import t from 'tap'
import { shippedCorpusIndex } from './helpers/app.js'
import { launch, newPage, screenshot, serve } from './helpers/browser.js'

const url = (q: string) => `/?q=${encodeURIComponent(q)}`

t.test('searching as officials type, in a real browser', async (t) => {
  const browser = await launch(t)
  if (!browser) return
  const origin = await serve(t, await shippedCorpusIndex(t))

  await t.test('卫健委: the full name searched too, said, and dropped with one click', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}${url('卫健委')}`)
    await page.waitForSelector('article.result')
    t.match(await page.textContent('ul.expansions'), /“卫健委”也搜索了：卫生健康委员会、卫生健康委/)
    t.match(await page.textContent('article.result h2'), /大足/)
    const marks = await page.locator('article.result mark').allTextContents()
    t.ok(marks.length > 0 && marks.every((m) => m === '卫生健康委员会'), 'the full name is marked')
    t.equal(
      await page
        .locator('article.result li')
        .filter({ hasNot: page.locator('mark') })
        .count(),
      0,
      'every section shown has a mark',
    )
    await screenshot(page, 'typing-卫健委')
    await page.click('ul.expansions a')
    await page.waitForURL(/%22/)
    await page.waitForSelector('.state.empty')
    t.equal(await page.inputValue('#q'), '"卫健委"', 'the word in quotes is searched alone')
    t.notOk(await page.locator('ul.expansions').count(), 'nothing added')
  })

  await t.test('梨树县 执法: the county’s report, though its text never names it', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}${url('梨树县 执法')}`)
    await page.waitForSelector('article.result')
    t.equal(await page.locator('article.result').count(), 1)
    t.match(await page.textContent('article.result .meta'), /梨树县卫生健康局/)
    t.match(await page.textContent('ul.expansions'), /“梨树县”按地区匹配：梨树县的报告/)
    t.match(await page.textContent('#summary'), /找到 1 份报告，5 个段落/)
    const first = await page.textContent('article.result h2')
    await page.goto(`${origin}${url('山东 卫健 执法')}`)
    await page.waitForSelector('article.result')
    t.match(await page.textContent('article.result .meta'), /山东省/, 'Shandong first')
    t.ok(first)
  })

  await t.test('pinyin and initials in the suggestion box', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/`)
    for (const typed of ['zhcyc', 'zonghe']) {
      await page.fill('#q', '')
      await page.focus('#q')
      await page.keyboard.type(typed)
      await page.waitForSelector('#suggestions [role="option"]')
      const options = await page.locator('#suggestions [role="option"]').allTextContents()
      t.equal(options[0], '综合查一次', `${typed} → 综合查一次 first`)
    }
    await page.keyboard.press('ArrowDown')
    await page.keyboard.press('Enter')
    await page.waitForSelector('article.result')
    t.equal(await page.inputValue('#q'), '综合查一次')
    t.equal(await page.locator('article.result').count(), 3)
  })

  await t.test('首违免罚: nothing found, 您是不是要找 首违不罚', async (t) => {
    const page = await newPage(t, browser)
    for (const [typed, nearest] of [
      ['首违免罚', '首违不罚'],
      ['综合查1次', '综合查一次'],
    ]) {
      await page.goto(`${origin}${url(typed as string)}`)
      await page.waitForSelector('p.did-you-mean')
      t.equal(await page.textContent('p.did-you-mean a'), nearest)
    }
    await screenshot(page, 'typing-您是不是要找')
    await page.click('p.did-you-mean a')
    await page.waitForSelector('article.result')
    t.equal(await page.inputValue('#q'), '综合查一次')
    t.equal(await page.locator('article.result').count(), 3)
  })

  await t.test('the syntax help says it in one line each', async (t) => {
    const page = await newPage(t, browser)
    await page.goto(`${origin}/`)
    await page.click('#syntax-help summary')
    const help = await page.textContent('#syntax-help')
    for (const example of ['卫健委', '梨树县 执法', 'zhcyc', '首违免罚']) t.match(help, example)
  })
})
