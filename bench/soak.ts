// `npm run soak`: mixed queries over 50 connections while reports are added and changed and bad
// files dropped in (a zip bomb, a file of one giant section, a corrupt .docx); counts errors, lost
// reports, the new reports found, the bad files skipped, and the server's memory growth after warm-up.

import { spawn } from 'node:child_process'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { zipBombDocx } from '../test/helpers/fixtures.js'
import { generateCorpus } from './generate.js'
import { queries } from './queries.js'
import { freePort } from './server.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '300' },
    duration: { type: 'string', default: '60' },
    connections: { type: 'string', default: '50' },
  },
})
const duration = Number(args.duration)
const corpusDir = join(root, 'bench/soak-corpus')
const dataDir = join(root, 'bench/soak-data')
/** Reports dropped in mid-run: one per county, each with a practice only it names. */
const counties = ['东丰县', '东辽县', '伊通满族自治县', '辉南县', '柳河县']
const practiceOf = (county: string) => `${county}一码通办`
/** Reports changed mid-run, by their index among the generated files: each gets a practice of its own. */
const changedPractice = (i: number) => `第${'一二三'[i]}号首问到底`

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The server's resident memory in MB, from /proc: what the machine gives it, not what V8 counts. */
async function rssMB(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024
}

async function startServer(): Promise<{ url: string; pid: number; stop: () => void }> {
  const port = await freePort()
  const child = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      CORPUS_DIR: corpusDir,
      DATA_DIR: dataDir,
      // Warnings and errors only: one line per request would cost the server more than the queries.
      LOG_LEVEL: 'warn',
      RATE_LIMIT_MAX: '0',
      SEARCH_THREADS: process.env.SEARCH_THREADS ?? '',
      // As `npm start` and the systemd unit run it: freed index buffers go back to the system.
      MALLOC_MMAP_THRESHOLD_: '131072',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  const url = `http://127.0.0.1:${port}`
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`)
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break
    await sleep(100)
  }
  return { url, pid: child.pid as number, stop: () => child.kill('SIGTERM') }
}

const health = async (url: string) =>
  (await fetch(`${url}/health`)).json() as Promise<{
    reports: number
    indexing: boolean
    skipped: { source: string; code: string }[]
  }>

/** Files dropped in mid-run that must not stop anything: skipped with their reason, or indexed whole. */
const badFiles = {
  'bomb.docx': 'FILE_UNZIP_TOO_LARGE',
  'broken.docx': 'FILE_UNREADABLE',
  'one-giant-section.txt': 'indexed',
} as const

async function found(url: string, phrase: string): Promise<string[]> {
  const res = await fetch(`${url}/api/search?q=${encodeURIComponent(`"${phrase}"`)}&size=100`)
  const body = (await res.json()) as { results: { report: { bureau: string } }[] }
  return body.results.map((r) => r.report.bureau)
}

async function main() {
  console.log(`generating ${args.reports} reports in ${corpusDir} …`)
  const corpus = await generateCorpus(join(root, 'corpus'), corpusDir, Number(args.reports))
  // The reports only: the generator's marker file (.generated) is no report to change.
  const generated = (await readdir(corpusDir)).filter((name) => !name.startsWith('.')).sort()
  const template = await readFile(join(root, 'corpus/梨树县卫生健康局_2025.txt'), 'utf8')

  console.log('starting the server (it indexes the corpus) …')
  const server = await startServer()
  const before = (await health(server.url)).reports
  console.log(
    `${before} reports indexed; ${duration} s of mixed queries over ${args.connections} connections`,
  )

  const rss: { at: number; mb: number }[] = []
  const started = Date.now()
  const sampler = setInterval(async () => {
    rss.push({ at: (Date.now() - started) / 1000, mb: await rssMB(server.pid) })
  }, 1000)
  const events: string[] = []
  const edits = (async () => {
    await sleep(duration * 250)
    for (const county of counties) {
      const text = template
        .replace('梨树县', county)
        .replace('目前，审批事项', `推行“${practiceOf(county)}”，目前，审批事项`)
      await writeFile(join(corpusDir, `${county}卫生健康局_2025.txt`), text)
    }
    events.push(`${Math.round((Date.now() - started) / 1000)} s: ${counties.length} reports added`)
    await sleep(duration * 200)
    for (const [i, name] of generated.slice(0, 3).entries()) {
      const path = join(corpusDir, name)
      const text = await readFile(path, 'utf8')
      await writeFile(path, text.replace('。', `，推行“${changedPractice(i)}”。`))
    }
    events.push(`${Math.round((Date.now() - started) / 1000)} s: 3 reports changed`)
    await sleep(duration * 150)
    await writeFile(join(corpusDir, 'bomb.docx'), await zipBombDocx(130 * 1024 * 1024))
    await writeFile(join(corpusDir, 'broken.docx'), (await zipBombDocx(1024)).subarray(0, 2000))
    await writeFile(
      join(corpusDir, 'one-giant-section.txt'),
      `柳河县卫生健康局2025年法治政府建设情况报告\n${'法'.repeat(5_000_000 / 3)}`,
    )
    events.push(`${Math.round((Date.now() - started) / 1000)} s: a zip bomb, a corrupt file, a giant section`)
  })()
  const mixed = [
    ...queries.map((q) => `/api/search?q=${encodeURIComponent(q.q)}`),
    ...queries.map((q) => `/api/search?q=${encodeURIComponent(q.q)}&page=2`),
    `/api/bureaus?q=${encodeURIComponent('"综合查一次"')}`,
    `/api/suggest?q=${encodeURIComponent('综合')}`,
    '/api/reports',
    '/health',
  ]
  const run = await autocannon({
    url: server.url,
    connections: Number(args.connections),
    duration,
    requests: mixed.map((path) => ({ method: 'GET', path })),
  })
  await edits
  clearInterval(sampler)

  // The last change may still be being indexed: wait for it, then look.
  for (let i = 0; i < 600; i++) {
    const now = await health(server.url)
    if (!now.indexing && now.reports === before + counties.length + 1) break
    await sleep(100)
  }
  const after = await health(server.url)
  const missing: string[] = []
  for (const county of counties) {
    const bureaus = await found(server.url, practiceOf(county))
    if (bureaus.length !== 1 || !bureaus[0]?.startsWith(county)) missing.push(practiceOf(county))
  }
  for (let i = 0; i < 3; i++)
    if ((await found(server.url, changedPractice(i))).length !== 1) missing.push(changedPractice(i))
  const skipped = new Map(after.skipped.map((f) => [f.source, f.code]))
  const badOutcomes = Object.fromEntries(
    Object.keys(badFiles).map((name) => [name, skipped.get(name) ?? 'indexed']),
  )
  const badHandled = Object.entries(badFiles).every(([name, expected]) => badOutcomes[name] === expected)
  server.stop()

  // Medians, not single samples: one sample lands before or after a collection by chance. Warm-up
  // is the stretch of load before the first file changes; the end is the last five seconds.
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0
  const warmFrom = Math.min(10, duration / 6)
  const warm = median(rss.filter((s) => s.at >= warmFrom && s.at < duration / 4).map((s) => s.mb))
  const end = median(rss.slice(-5).map((s) => s.mb))
  const peak = Math.max(...rss.map((sample) => sample.mb))
  const growth = warm ? ((end - warm) / warm) * 100 : 0
  const lost = before + counties.length + 1 - after.reports
  const errors = run.errors + run.timeouts + run.non2xx
  const result = {
    corpus: { reports: corpus.reports, MB: Math.round((corpus.bytes / 1024 / 1024) * 10) / 10 },
    durationS: duration,
    connections: Number(args.connections),
    requests: run.requests.total,
    requestsPerSecond: Math.round(run.requests.average),
    latencyP50: run.latency.p50,
    latencyP99: run.latency.p99,
    errors: run.errors,
    timeouts: run.timeouts,
    non2xx: run.non2xx,
    reportsBefore: before,
    reportsAfter: after.reports,
    lost,
    newFound: `${counties.length + 3 - missing.length} of ${counties.length + 3}`,
    missing,
    badFiles: badOutcomes,
    events,
    rssMB: {
      afterWarmUp: Math.round(warm),
      end: Math.round(end),
      peak: Math.round(peak),
      every5s: rss.filter((_, i) => i % 5 === 4).map((s) => Math.round(s.mb)),
    },
    rssGrowthPercent: Math.round(growth * 10) / 10,
  }
  console.log(result)
  await writeFile(join(root, 'bench/soak-results.json'), `${JSON.stringify(result, null, 2)}\n`)
  const failed = errors > 0 || lost !== 0 || missing.length > 0 || !badHandled || growth >= 10
  console.log(
    failed
      ? 'SOAK FAILED'
      : `soak passed: 0 errors, 0 reports lost, every new report found, the bad files skipped, RSS +${result.rssGrowthPercent}%`,
  )
  process.exitCode = failed ? 1 : 0
}

await main()
