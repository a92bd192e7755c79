// `npm run bench`: a scaled corpus, our index and server against Groonga's, in one run.
//
//   npm run bench -- [--reports 2000] [--seed N] [--duration 10] [--no-http]
//
// Prints a table and writes bench/results.json.

import { spawn } from 'node:child_process'
import { readdir, stat, writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import autocannon from 'autocannon'
import { defaults } from '../common/config.js'
import { loadIndex } from '../index/load.js'
import { buildIndex } from '../indexer/build.js'
import { saveIndex } from '../indexer/save.js'
import { buildApp } from '../server/app.js'
import { SearchEngine } from '../server/search/engine.js'
import { generateCorpus } from './generate.js'
import { groongaAvailable, startGroonga } from './groonga.js'
import { queries } from './queries.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20261123' },
    duration: { type: 'string', default: '10' },
    'no-http': { type: 'boolean', default: false },
  },
})
const reports = Number(args.reports)
const corpusDir = join(root, `bench/corpus-${reports}`)
const dataDir = join(root, `bench/data-${reports}`)
const MB = 1024 * 1024
/** Fewer repetitions on big corpora, so that a 20,000-report run ends in minutes. */
const repeat = (n: number) => Math.max(10, Math.round((n * 2000) / Math.max(reports, 2000)))

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number
const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b)
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) }
}
const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d

async function dirSize(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? await dirSize(path) : (await stat(path)).size
  }
  return total
}

/** Peak RSS while `work` runs, sampled every 20 ms (worker threads count: they share the process). */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  let peak = process.memoryUsage.rss()
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss())
  }, 20)
  try {
    return { result: await work(), peak }
  } finally {
    clearInterval(timer)
  }
}

/** Time from spawning the server's process to its "listening" line, with the saved index. */
async function serverStartMs(): Promise<number> {
  const t0 = performance.now()
  // The compiled server, as `npm start` runs it (`npm run bench` builds it first).
  const child = spawn(process.execPath, [join(root, 'dist/server/main.js')], {
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: '0',
      CORPUS_DIR: corpusDir,
      DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  return new Promise((resolvePromise, reject) => {
    let out = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk
      if (out.includes('listening at')) {
        const ms = performance.now() - t0
        if (!out.includes('"rebuilt":false'))
          reject(new Error('the server rebuilt the index instead of loading it'))
        child.kill('SIGTERM')
        resolvePromise(ms)
      }
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)))
  })
}

async function main() {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memoryGiB: round(totalmem() / 1024 ** 3, 1),
      node: process.version,
    },
    reports,
  }
  console.log(`generating ${reports} reports in ${corpusDir} …`)
  const corpus = await generateCorpus(join(root, 'corpus'), corpusDir, reports, Number(args.seed))
  results.corpus = { reports: corpus.reports, MB: round(corpus.bytes / MB, 1) }

  console.log('building the index …')
  global.gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const t0 = performance.now()
  const { result: built, peak } = await peakRss(() =>
    buildIndex({ corpusDir, maxFileBytes: defaults.maxFileBytes, workers: defaults.indexWorkers }),
  )
  const buildS = (performance.now() - t0) / 1000
  const saved = await saveIndex(dataDir, built)
  const sections = built.text.size
  results.build = {
    seconds: round(buildS, 1),
    MBperS: round(corpus.bytes / MB / buildS, 2),
    workers: defaults.indexWorkers,
    sections,
    peakRssMB: round(peak / MB, 0),
    heapGrowthMB: round((process.memoryUsage().heapUsed - heapBefore) / MB, 0),
    indexOnDiskMB: round((await dirSize(saved.dir)) / MB, 1),
  }

  // Load as a server does, after the build's garbage is gone.
  global.gc?.()
  const memoryBefore = process.memoryUsage()
  const t1 = performance.now()
  const loaded = await loadIndex(dataDir)
  if (!loaded) throw new Error('no index to load')
  const engine = new SearchEngine(loaded, { cacheSize: 0 })
  const loadMs = performance.now() - t1
  global.gc?.()
  const memory = process.memoryUsage()
  results.load = {
    inProcessMs: round(loadMs, 0),
    serverStartMs: round(await serverStartMs(), 0),
    heapMB: round((memory.heapUsed - memoryBefore.heapUsed) / MB, 0),
    typedArraysMB: round((memory.arrayBuffers - memoryBefore.arrayBuffers) / MB, 0),
    heapPerCorpusText: round((memory.heapUsed - memoryBefore.heapUsed) / corpus.bytes, 2),
  }
  console.log('build', results.build, 'load', results.load)

  console.log('querying the search function …')
  const ours: Record<string, ReturnType<typeof summary> & { class: string; total: number }> = {}
  for (const query of queries) {
    for (let i = 0; i < 20; i++) engine.search({ q: query.q })
    const times: number[] = []
    for (let i = 0; i < repeat(200); i++) {
      const start = performance.now()
      engine.search({ q: query.q })
      times.push(performance.now() - start)
    }
    ours[query.q] = { class: query.class, total: engine.search({ q: query.q }).total, ...summary(times) }
  }
  results.searchFunction = ours

  let peer: Record<
    string,
    { class: string; p50: number; p95: number; p99: number; httpP50: number; hits: number }
  > | null = null
  if (groongaAvailable()) {
    console.log('loading the same sections into Groonga …')
    const groonga = await startGroonga(loaded)
    peer = {}
    for (const query of queries) {
      for (let i = 0; i < 10; i++) await groonga.select(query)
      const elapsed: number[] = []
      const http: number[] = []
      let hits = 0
      for (let i = 0; i < repeat(100); i++) {
        const r = await groonga.select(query)
        elapsed.push(r.elapsedMs)
        http.push(r.httpMs)
        hits = r.hits
      }
      peer[query.q] = { class: query.class, ...summary(elapsed), httpP50: summary(http).p50, hits }
    }
    results.groonga = { loadSeconds: round(groonga.loadMs / 1000, 1), queries: peer }
    await groonga.close()
  } else {
    console.log('Groonga is not installed (apt-get install groonga-bin): the comparison is skipped.')
    results.groonga = null
  }

  if (!args['no-http']) {
    console.log('querying over HTTP …')
    // No rate limit: the bench is one client asking as fast as it can.
    const app = await buildApp({ index: loaded, config: { cacheSize: 0, rateLimitMax: 0 } })
    const origin = await app.listen({ port: 0, host: '127.0.0.1' })
    const http: Record<string, ReturnType<typeof summary>> = {}
    for (const query of queries) {
      const url = `${origin}/api/search?q=${encodeURIComponent(query.q)}`
      for (let i = 0; i < 10; i++) await (await fetch(url)).arrayBuffer()
      const times: number[] = []
      for (let i = 0; i < repeat(100); i++) {
        const start = performance.now()
        await (await fetch(url)).arrayBuffer()
        times.push(performance.now() - start)
      }
      http[query.q] = summary(times)
    }
    results.http = http
    await app.close()

    for (const cache of [0, defaults.cacheSize]) {
      console.log(`load test, 50 connections for ${args.duration} s, answer cache ${cache ? 'on' : 'off'} …`)
      const server = await buildApp({ index: loaded, config: { cacheSize: cache, rateLimitMax: 0 } })
      const base = await server.listen({ port: 0, host: '127.0.0.1' })
      const run = await autocannon({
        url: base,
        connections: 50,
        duration: Number(args.duration),
        requests: queries.map((query) => ({
          method: 'GET',
          path: `/api/search?q=${encodeURIComponent(query.q)}`,
        })),
      })
      results[cache ? 'throughputCached' : 'throughput'] = {
        requestsPerSecond: round(run.requests.average, 0),
        latencyP50: run.latency.p50,
        latencyP99: run.latency.p99,
        errors: run.errors,
        non2xx: run.non2xx,
        timeouts: run.timeouts,
      }
      if (run.errors + run.non2xx + run.timeouts > 0)
        console.error(`!! ${run.errors} errors, ${run.non2xx} answers not 2xx, ${run.timeouts} timeouts`)
      await server.close()
    }
  }

  await writeFile(resolve(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`)
  printTable(results, ours, peer)
}

function printTable(
  results: Record<string, unknown>,
  ours: Record<string, { class: string; p50: number; p95: number; p99: number; total: number }>,
  peer: Record<string, { p50: number; httpP50: number; hits: number }> | null,
) {
  const rows = queries.map((query) => {
    const o = ours[query.q] as { class: string; p50: number; p95: number; p99: number; total: number }
    const g = peer?.[query.q]
    return {
      class: query.class,
      query: query.q,
      'ours p50': round(o.p50),
      'ours p99': round(o.p99),
      'Groonga p50': g ? round(g.p50) : '—',
      'ours/Groonga': g ? round(o.p50 / Math.max(g.p50, 0.001)) : '—',
      reports: o.total,
    }
  })
  console.table(rows)
  const byClass = new Map<string, number[]>()
  for (const row of rows)
    if (typeof row['ours/Groonga'] === 'number')
      byClass.set(row.class, [...(byClass.get(row.class) ?? []), row['ours/Groonga']])
  if (byClass.size)
    console.table(
      [...byClass].map(([c, ratios]) => ({
        class: c,
        'ours/Groonga p50': round(ratios.reduce((a, b) => a + b, 0) / ratios.length),
      })),
    )
  const { build, load, throughput, throughputCached } = results as Record<string, Record<string, unknown>>
  console.log('build', build)
  console.log('load', load)
  if (throughput) console.log('HTTP, cache off', throughput)
  if (throughputCached) console.log('HTTP, cache on', throughputCached)
  console.log('written to bench/results.json')
}

await main()
