// axe-core from node_modules, run in the page under test: every rule, no violation allowed.

import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Frame, Page } from 'playwright-core'
import type { Test } from 'tap'

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
let source: Promise<string> | null = null

interface Violation {
  id: string
  impact: string | null
  help: string
  nodes: { target: unknown[]; failureSummary?: string }[]
}

/**
 * The page's violations. axe is evaluated through the DevTools protocol, which the page's CSP does
 * not govern: no inline script is added, so the CSP checks of newPage stay strict.
 */
export async function axeViolations(page: Page | Frame): Promise<Violation[]> {
  source ??= readFile(axePath, 'utf8')
  const code = await source
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(code)
  return page.evaluate(async () => {
    const { axe } = window as unknown as {
      axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Violation[] }> }
    }
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }))
  })
}

/** Fails the test for every violation axe finds on the page as it stands, naming the rule and the nodes. */
export async function checkA11y(t: Test, page: Page, view: string): Promise<void> {
  const violations = await axeViolations(page)
  for (const v of violations)
    t.fail(`axe, ${view}: ${v.id} (${v.impact}): ${v.help}`, {
      nodes: v.nodes.slice(0, 5).map((n) => `${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`),
    })
  if (violations.length === 0) t.pass(`axe, ${view}: no violation`)
}
