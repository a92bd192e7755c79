// The peer engine: Groonga (Debian's groonga-bin) over the same sections, TokenBigram + NormalizerAuto.

import { type ChildProcess, execFileSync, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { LoadedIndex } from '../index/load.js'
import type { BenchQuery } from './queries.js'
import { freePort } from './server.js'

export function groongaAvailable(): boolean {
  try {
    execFileSync('groonga', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export interface Groonga {
  /** Where it answers over HTTP: `${base}/d/select?…`. */
  base: string
  /** Runs a select; returns Groonga's own elapsed time (ms) and the client-side time (ms). */
  select(query: BenchQuery): Promise<{ elapsedMs: number; httpMs: number; hits: number; reports: number }>
  /** The URL `select` asks, for a client of another process. */
  selectUrl(query: BenchQuery): string
  loadMs: number
  close(): Promise<void>
}

/**
 * Groonga's select for one of ours, doing the work our answer does: the best sections with a
 * snippet each (HTML, marked), and a drill-down per facet, the reports among them (our total).
 */
export function selectParams(query: Pick<BenchQuery, 'groonga' | 'filter'>): URLSearchParams {
  const params = new URLSearchParams({
    table: 'Sections',
    limit: '10',
    output_columns: '_id,report,bureau,snippet_html(text)',
    drilldown: 'report,bureau,province,year,part',
    drilldown_limit: '50',
    sort_keys: '-_score',
    cache: 'no',
  })
  if (query.groonga) {
    params.set('match_columns', 'text')
    params.set('query', query.groonga)
  }
  if (query.filter) params.set('filter', query.filter)
  return params
}

export async function startGroonga(index: LoadedIndex): Promise<Groonga> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-groonga-'))
  const db = join(dir, 'db')
  const port = await freePort()
  execFileSync('groonga', ['-n', db, 'status'], { stdio: 'ignore' })
  const server: ChildProcess = spawn(
    'groonga',
    ['-s', '--protocol', 'http', '-p', String(port), '--bind-address', '127.0.0.1', db],
    {
      stdio: 'ignore',
    },
  )
  const base = `http://127.0.0.1:${port}`
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`${base}/d/status`)
      break
    } catch {
      await new Promise((r) => setTimeout(r, 50))
    }
  }
  const command = async (name: string, params: Record<string, string>, body?: string) => {
    const response = await fetch(
      `${base}/d/${name}?${new URLSearchParams(params)}`,
      body ? { method: 'POST', body, headers: { 'content-type': 'application/json' } } : {},
    )
    const json = (await response.json()) as [[number, number, number, string?], unknown]
    if (json[0][0] !== 0) throw new Error(`groonga ${name}: ${json[0][3]}`)
    return json
  }
  await command('table_create', { name: 'Sections', flags: 'TABLE_NO_KEY' })
  for (const [column, type] of [
    ['text', 'LongText'],
    ['report', 'UInt32'],
    ['bureau', 'ShortText'],
    ['province', 'ShortText'],
    ['year', 'UInt16'],
    ['part', 'ShortText'],
  ]) {
    await command('column_create', {
      table: 'Sections',
      name: column as string,
      flags: 'COLUMN_SCALAR',
      type: type as string,
    })
  }
  await command('table_create', {
    name: 'Terms',
    flags: 'TABLE_PAT_KEY',
    key_type: 'ShortText',
    default_tokenizer: 'TokenBigram',
    normalizer: 'NormalizerAuto',
  })
  await command('column_create', {
    table: 'Terms',
    name: 'sections_text',
    flags: 'COLUMN_INDEX|WITH_POSITION',
    type: 'Sections',
    source: 'text',
  })
  const started = performance.now()
  const rows: object[] = []
  const flush = async () => {
    if (rows.length) await command('load', { table: 'Sections' }, JSON.stringify(rows.splice(0)))
  }
  for (const [r, report] of index.reports.entries()) {
    for (const [i, section] of report.sections.entries()) {
      rows.push({
        text: index.sectionText(report, i),
        report: r,
        bureau: report.meta.bureau,
        province: report.meta.province ?? '',
        year: report.meta.year ?? 0,
        part: section.part,
      })
    }
    if (rows.length > 5000) await flush()
  }
  await flush()
  const loadMs = performance.now() - started
  return {
    base,
    loadMs,
    selectUrl(query) {
      return `${base}/d/select?${new URLSearchParams(Object.fromEntries(selectParams(query)))}`
    },
    async select(query) {
      const t0 = performance.now()
      const json = await command('select', Object.fromEntries(selectParams(query)))
      const httpMs = performance.now() - t0
      const body = json[1] as [[number][], [[number]]]
      return {
        elapsedMs: json[0][2] * 1000,
        httpMs,
        hits: body[0][0]?.[0] ?? 0,
        reports: body[1]?.[0]?.[0] ?? 0,
      }
    },
    async close() {
      server.kill()
      await new Promise((r) => server.once('exit', r))
      await rm(dir, { recursive: true, force: true })
    },
  }
}
