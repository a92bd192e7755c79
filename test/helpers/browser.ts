// Headless Chromium for the browser tests: Debian's chromium, driven by playwright-core; never a download.

import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { type Browser, chromium, type Page } from 'playwright-core'
import type { Test } from 'tap'
import type { Config } from '../../common/config.js'
import type { LoadedIndex } from '../../index/load.js'
import { buildApp } from '../../server/app.js'

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
export const artifactsDir = fileURLToPath(new URL('../artifacts/', import.meta.url))

/**
 * The browser, or null when Chromium is missing outside CI: then the browser tests are skipped, and
 * said so loudly. Under CI a missing browser fails the run.
 */
export async function launch(t: Test): Promise<Browser | null> {
  if (!existsSync(chromiumPath)) {
    const message = `Chromium is not installed at ${chromiumPath}: the browser tests cannot run. Install it with: apt-get install chromium fonts-noto-cjk`
    if (process.env.CI === 'true') {
      t.fail(message)
      return null
    }
    console.error(`\n${'!'.repeat(100)}\n!! ${message}\n${'!'.repeat(100)}\n`)
    t.comment(`SKIPPED: ${message}`)
    return null
  }
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--no-first-run',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  t.teardown(() => browser.close())
  await mkdir(artifactsDir, { recursive: true })
  return browser
}

/** Serves the app on a free loopback port; returns its origin. */
export async function serve(t: Test, index: LoadedIndex, config: Partial<Config> = {}): Promise<string> {
  const app = await buildApp({ index, config })
  await app.listen({ port: 0, host: '127.0.0.1' })
  t.teardown(() => app.close())
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
}

/** A plain page on another port: an intranet portal that embeds the search box. Its page is read at
 * each request, so it can name the search server started after the portal's port is known. */
export async function portal(
  t: Test,
  html: () => string,
  headers: () => Record<string, string> = () => ({}),
): Promise<string> {
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...headers() })
    response.end(html())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** A page that fails the test on any script error, and on anything its Content-Security-Policy blocks. */
export async function newPage(t: Test, browser: Browser, width = 1440, height = 1000): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height } })
  t.teardown(() => context.close())
  const page = await context.newPage()
  page.on('pageerror', (error) => t.fail(`script error in the page: ${error.message}`))
  page.on('console', (message) => {
    if (/Content.Security.Policy/i.test(message.text())) t.fail(`blocked by the CSP: ${message.text()}`)
  })
  return page
}

export const screenshot = (page: Page, name: string) =>
  page.screenshot({ path: `${artifactsDir}${name}.png`, fullPage: true })
