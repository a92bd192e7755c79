// axe-core (from node_modules) on every page and view, at 1440 px and at 375 px: no violation of any rule.

import type { Page } from 'playwright-core'
import t from 'tap'
import { shippedCorpusIndex } from './helpers/app.js'
import { checkA11y } from './helpers/axe.js'
import { launch, newPage, serve } from './helpers/browser.js'

const enc = encodeURIComponent

t.test('axe finds nothing on any page or view', async (t) => {
  const browser = await launch(t)
  if (!browser) return
  const index = await shippedCorpusIndex(t)
  const origin = await serve(t, index)
  const [first, second] = index.reports.map((r) => r.meta.id)
  const daZu = index.reports.find((r) => r.meta.bureau.includes('大足'))?.meta.id as string

  /** A view: the URL, what shows it is ready, and what to do before the check. */
  const views: [string, string, string, ((page: Page) => Promise<unknown>)?][] = [
    ['search: before a search', '/', '.state.empty'],
    ['search: results', `/?q=${enc('综合查一次')}`, 'article.result'],
    ['search: 按单位', `/?q=${enc('综合查一次')}&view=bureaus`, 'table.bureaus'],
    ['search: no results', `/?q=${enc('"不存在的做法"')}`, '.state'],
    ['search: an error', `/?q=${enc('-培训')}`, '.state.error'],
    [
      'search: suggestions open',
      '/',
      '.state.empty',
      async (page) => {
        await page.focus('#q')
        await page.keyboard.type('综合')
        await page.waitForSelector('#suggestions [role="option"]')
        await page.keyboard.press('ArrowDown')
      },
    ],
    ['search: syntax help open', '/', '.state.empty', (page) => page.click('#syntax-help summary')],
    [
      'search: 高级检索 open',
      '/',
      '.state.empty',
      async (page) => {
        await page.click('#advanced summary')
        await page.waitForFunction(() => document.querySelectorAll('#advanced-form option').length > 8)
      },
    ],
    [
      'search: history listed, and open',
      `/?q=${enc('首违不罚')}`,
      'article.result',
      async (page) => {
        await page.goto(`${origin}/`)
        await page.waitForSelector('.state.empty .history')
        await page.click('#history summary')
      },
    ],
    [
      'search: more sections opened',
      `/?q=${enc('执法')}`,
      'button.more',
      async (page) => {
        await page.locator('button.more').first().click()
        await page.waitForSelector('ul.hits li.extra')
      },
    ],
    ['search: a query too long', `/?q=${'执'.repeat(201)}`, '.state.error'],
    [
      'reader: with the words marked, a hit current',
      `/reports/${daZu}?q=${enc('执法')}`,
      '#hit-nav:not([hidden])',
      (page) => page.click('#hit-nav button:text("下一处")'),
    ],
    ['reader: at a section', `/reports/${daZu}#${daZu}-20`, 'section.current'],
    ['reader: an unknown report', '/reports/000000000000', '.state.error'],
    ['atlas', '/practices', 'table.matrix'],
    ['atlas: nothing matches', `/practices?q=${enc('没有这种做法')}`, '#empty:not([hidden])'],
    ['compare: choosing', '/compare', '#status:text("份报告，并排阅读")'],
    ['compare: two reports', `/compare?ids=${first},${second}`, '.compare-part'],
    ['compare: the same report twice', `/compare?ids=${first},${first}`, '#status.error'],
    ['an unknown page', '/foo', 'h1'],
    [
      'the embedded box, open',
      '/embed-example.html',
      'report-search',
      async (page) => {
        await page.locator('report-search input').fill('综合查一次')
        await page.waitForSelector('report-search [role="option"]')
      },
    ],
  ]

  for (const width of [1440, 375]) {
    await t.test(`at ${width} px`, async (t) => {
      for (const [name, url, ready, act] of views) {
        const page = await newPage(t, browser, width, 900)
        await page.goto(`${origin}${url}`)
        await page.waitForSelector(ready)
        await act?.(page)
        if (width === 375 && (await page.locator('button.facet-toggle').count()))
          await page.click('button.facet-toggle')
        await checkA11y(t, page, `${name} (${width} px)`)
        await page.close()
      }
    })
  }
})
