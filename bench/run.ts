// `npm run bench`: a scaled corpus, our server (as `npm start` runs it) against Groonga, in one run.
//
//   npm run bench -- [--reports 2000] [--seed N] [--duration 10] [--runs 200] [--no-groonga]
//
// Both engines are asked over HTTP by the same client, the same questions, with their answer caches
// off: the best sections with snippets, and the facets. Prints one table (class, ours p50/p99,
// Groonga p50/p99, ratio) and the build, start, memory and throughput figures; writes
// bench/results.json.

import { fork } from 'node:child_process'
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { defaults, readLimits } from '../common/config.js'
import { loadIndex } from '../index/load.js'
import type { buildInChildProcess as BuildInChildProcess } from '../indexer/child-build.js'
import type { FilePool as Pool } from '../indexer/pool.js'
import { SearchEngine } from '../server/search/engine.js'
import { generateCorpus } from './generate.js'
import { type Groonga, groongaAvailable, selectParams, startGroonga } from './groonga.js'
import type { LoadResult, LoadTask } from './load-client.js'
import { type BenchQuery, distinctPhrases, fragmentQueries, queries } from './queries.js'
import { startServer, tree } from './server.js'
import { summary } from './stats.js'
import type { TimerTask } from './timer.js'

const root = fileURLToPath(new URL('..', import.meta.url))
/**
 * The build as the server runs it: the compiled modules (`npm run build` runs before every bench)
 * under plain node, not the sources through this process' tsx.
 */
const { buildInChildProcess } = (await import(
  pathToFileURL(join(root, 'dist/indexer/child-build.js')).href
)) as { buildInChildProcess: typeof BuildInChildProcess }
const { FilePool } = (await import(pathToFileURL(join(root, 'dist/indexer/pool.js')).href)) as {
  FilePool: typeof Pool
}
const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '20261123' },
    duration: { type: 'string', default: '10' },
    runs: { type: 'string', default: '200' },
    'no-groonga': { type: 'boolean', default: false },
  },
})
const reports = Number(args.reports)
const corpusDir = join(root, `bench/corpus-${reports}`)
const dataDir = join(root, `bench/data-${reports}`)
const MB = 1024 * 1024
/** Fewer repetitions on big corpora, so that a 20,000-report run ends in minutes. */
const repeat = Math.max(20, Math.round((Number(args.runs) * 2000) / Math.max(reports, 2000)))

const round = (n: number, d = 2) => Math.round(n * 10 ** d) / 10 ** d

async function dirSize(dir: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? await dirSize(path) : (await stat(path)).size
  }
  return total
}

/**
 * RSS of every process this one started, and theirs (the build and its readers), in MB. Read from
 * /proc every 100 ms: a `ps` each time cost 5 ms of processor, a twentieth of a core taken from the
 * build it measured.
 */
async function descendantsRss(): Promise<number> {
  const pages = await Promise.all(
    // This process' own memory is not the build's.
    (await tree(process.pid)).slice(1).map((pid) =>
      readFile(`/proc/${pid}/statm`, 'utf8').then(
        (statm) => Number(statm.split(' ')[1]),
        () => 0,
      ),
    ),
  )
  // Pages of 4 KB: x86-64 Linux.
  return (pages.reduce((n, p) => n + p, 0) * 4096) / MB
}

/** Peak RSS of the processes this one started while `work` runs, sampled every 100 ms. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMB: number }> {
  let peak = 0
  const timer = setInterval(async () => {
    peak = Math.max(peak, await descendantsRss())
  }, 100)
  try {
    return { result: await work(), peakMB: peak }
  } finally {
    clearInterval(timer)
  }
}

/** p50 and p99 of `ask`, after a warm-up, in ms on the client's clock. */
async function time(ask: () => Promise<unknown>, runs: number) {
  for (let i = 0; i < Math.min(10, runs); i++) await ask()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await ask()
    times.push(performance.now() - start)
  }
  return summary(times)
}

/**
 * p50 and p99 of each URL over HTTP, in order, timed by a client process of its own (timer.ts) that
 * holds nothing else, for our server and Groonga alike.
 */
function timeInClient(urls: string[], runs: number): Promise<{ p50: number; p99: number }[]> {
  const client = fork(new URL('./timer.ts', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    client.once('message', (times) => resolve(times as { p50: number; p99: number }[]))
    client.once('exit', (code) => reject(new Error(`the timing client stopped (exit code ${code})`)))
    client.send({ urls, runs } satisfies TimerTask)
  })
}

const get = async (url: string) => {
  const res = await fetch(url)
  if (!res.ok) throw new Error(`${url}: ${res.status} ${(await res.text()).slice(0, 200)}`)
  return res.json()
}

/** `connections` clients asking `paths` in turn for --duration seconds, from a process of their own (load-client.ts). */
function load(base: string, paths: string[], connections: number): Promise<LoadResult> {
  const client = fork(new URL('./load-client.ts', import.meta.url), [], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  return new Promise((resolve, reject) => {
    client.once('message', (result) => {
      const run = result as LoadResult
      if (run.errors > 0) console.error(`!! ${run.errors} requests failed or not 2xx at ${base}`)
      resolve(run)
    })
    client.once('exit', (code) => reject(new Error(`the load client stopped (exit code ${code})`)))
    client.send({ base, paths, connections, seconds: Number(args.duration) } satisfies LoadTask)
  })
}

async function main() {
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: round(totalmem() / 1024 ** 3, 1) },
    node: process.version,
    reports,
  }
  console.log(`generating ${reports} reports in ${corpusDir} …`)
  const corpus = await generateCorpus(join(root, 'corpus'), corpusDir, reports, Number(args.seed))
  results.corpus = { reports: corpus.reports, MB: round(corpus.bytes / MB, 1) }

  // In a process of its own, as the server builds: the figures are the build's, read and saved.
  console.log('building the index (both cores) …')
  const t0 = performance.now()
  const { result: child, peakMB } = await peakRss(() =>
    buildInChildProcess(
      {
        ...readLimits(),
        corpusDir,
        dataDir,
        workers: defaults.indexWorkers,
        reuse: false,
        // As the server's first build starts them: every file is to be read.
        readersAhead: FilePool.readersFor(corpus.reports, defaults.indexWorkers),
      },
      (line) => console.log(line),
      [],
    ),
  )
  const buildS = (performance.now() - t0) / 1000
  const index = await loadIndex(dataDir)
  if (!index) throw new Error(`no index in ${dataDir} after the build`)
  results.build = {
    seconds: round(buildS, 1),
    MBperS: round(corpus.bytes / MB / buildS, 2),
    sections: index.text.size,
    peakRssMB: round(peakMB, 0),
    buildProcessPeakRssMB: child.peakRssMB,
    indexOnDiskMB: round((await dirSize(index.dir)) / MB, 1),
  }
  console.log('build', results.build)

  const drawn = [...queries, ...fragmentQueries(index, 4)]
  const engine = new SearchEngine(index, { cacheSize: 0 })
  const inProcess: Record<string, { p50: number; p99: number; total: number }> = {}
  for (const query of drawn)
    inProcess[query.q] = {
      ...(await time(async () => engine.search({ q: query.q }), repeat)),
      total: engine.search({ q: query.q }).total,
    }
  results.inProcess = inProcess

  console.log('starting the server as npm start does (saved index, answer cache off) …')
  const env = {
    CORPUS_DIR: corpusDir,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'warn',
    RATE_LIMIT_MAX: '0',
    CACHE_SIZE: '0',
  }
  const server = await startServer(root, { ...env, WATCH_CORPUS: 'false' })
  const url = (q: string) => `${server.url}/api/search?q=${encodeURIComponent(q)}`
  const ours: Record<string, { p50: number; p99: number; total: number }> = {}
  const oursTimed = await timeInClient(
    drawn.map((query) => url(query.q)),
    repeat,
  )
  for (const [i, query] of drawn.entries()) {
    const total = ((await get(url(query.q))) as { total: number }).total
    ours[query.q] = { ...(oursTimed[i] as { p50: number; p99: number }), total }
  }
  const phrases = distinctPhrases(index, 1500).map((p) => `/api/search?q=${encodeURIComponent(`"${p}"`)}`)
  console.log('16 clients, 1,500 distinct phrases, answer cache off …')
  const throughput = await load(server.url, phrases, 16)
  const serverRss = await server.rssMB()
  await server.stop()
  const cached = await startServer(root, {
    ...env,
    CACHE_SIZE: String(defaults.cacheSize),
    WATCH_CORPUS: 'false',
  })
  console.log('the same, answer cache on …')
  const throughputCached = await load(
    cached.url,
    [...phrases.slice(0, 100), ...drawn.map((q) => `/api/search?q=${encodeURIComponent(q.q)}`)],
    16,
  )
  await cached.stop()
  results.server = {
    firstSearchMs: round(server.firstSearchMs, 0),
    rssMB: round(serverRss, 0),
    throughput,
    throughputCached,
  }

  let peer: Record<string, { p50: number; p99: number; reports: number }> | null = null
  let groonga: Groonga | null = null
  if (!args['no-groonga'] && groongaAvailable()) {
    console.log('loading the same sections into Groonga …')
    groonga = await startGroonga(index)
    peer = {}
    const g = groonga
    const peerTimed = await timeInClient(
      drawn.map((query) => g.selectUrl(query)),
      repeat,
    )
    for (const [i, query] of drawn.entries()) {
      const { reports: found } = await g.select(query)
      peer[query.q] = { ...(peerTimed[i] as { p50: number; p99: number }), reports: found }
    }
    const groongaPaths = distinctPhrases(index, 1500).map(
      (p) => `/d/select?${selectParams({ groonga: `"${p}"` })}`,
    )
    console.log('Groonga: 16 clients, the same 1,500 phrases …')
    results.groonga = {
      loadSeconds: round(groonga.loadMs / 1000, 1),
      queries: peer,
      throughput: await load(groonga.base, groongaPaths, 16),
    }
    await groonga.close()
  } else {
    console.log('Groonga is not installed (apt-get install groonga-bin): the comparison is skipped.')
    results.groonga = null
  }
  results.http = ours
  await writeFile(resolve(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`)
  print(results, drawn, ours, peer)
}

function print(
  results: Record<string, unknown>,
  drawn: BenchQuery[],
  ours: Record<string, { p50: number; p99: number; total: number }>,
  peer: Record<string, { p50: number; p99: number; reports: number }> | null,
) {
  const rows = drawn.map((query) => {
    const o = ours[query.q] as { p50: number; p99: number; total: number }
    const g = peer?.[query.q]
    return {
      class: query.class,
      query: query.q,
      'ours p50': round(o.p50),
      'ours p99': round(o.p99),
      'Groonga p50': g ? round(g.p50) : '—',
      'Groonga p99': g ? round(g.p99) : '—',
      ratio: g ? round(o.p50 / Math.max(g.p50, 0.001)) : '—',
      reports: g ? `${o.total} / ${g.reports}` : o.total,
    }
  })
  console.table(rows)
  const { build, server, groonga } = results as Record<string, Record<string, unknown> | null>
  console.log('build', build)
  console.log('server', server)
  if (groonga) console.log('Groonga load', groonga.loadSeconds, 's; throughput', groonga.throughput)
  console.log('written to bench/results.json')
}

await main()
