// `npm run screenshots -- [http://127.0.0.1:3000]`: renews the README's pictures (docs/*.png) from a
// running server over the shipped corpus, in Debian's Chromium (CHROMIUM_PATH to use another).

import { chromium } from 'playwright-core'

const origin = process.argv[2] ?? 'http://127.0.0.1:3000'
const enc = encodeURIComponent

/** [file, path, what to wait for, width, height, what to do first] */
const shots = [
  ['docs/screenshot.png', `/?q=${enc('"综合查一次"')}`, 'article.result mark', 1400, 1000],
  ['docs/practices.png', '/practices', '#chart svg', 1400, 1000],
  [
    'docs/reader.png',
    `/?q=${enc('执法')}`,
    'article.result a',
    1400,
    1000,
    async (page) => {
      await page.locator('article.result h2 a, article.result a').first().click()
      await page.waitForSelector('[aria-keyshortcuts="N"]')
      await page.keyboard.press('n')
      await page.keyboard.press('n')
    },
  ],
  ['docs/phone.png', `/?q=${enc('首违不罚')}`, 'article.result', 375, 800],
]

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
})
try {
  for (const [file, path, ready, width, height, act] of shots) {
    const page = await browser.newPage({ viewport: { width, height } })
    await page.goto(`${origin}${path}`)
    await page.waitForSelector(ready)
    await act?.(page)
    await page.screenshot({ path: file })
    await page.close()
    console.log(`${file}: ${origin}${path} at ${width} px`)
  }
} finally {
  await browser.close()
}
