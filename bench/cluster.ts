// npm run bench:cluster: indexing rate into a local Sphinx cluster, and the query set's latency and
// throughput on the cluster beside the embedded engine, on the shipped or a generated corpus.

import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { startCluster, stopCluster } from '../cluster/manager.js'
import { buildIndex } from '../indexer/build.js'
import { syncCluster } from '../indexer/cluster-sink.js'
import { saveIndex } from '../indexer/save.js'
import { ClusterBackend } from '../server/backends/cluster.js'
import { SearchEngine } from '../server/search/engine.js'
import { generateCorpus } from './generate.js'
import { queries } from './queries.js'

const { values: args } = parseArgs({
  options: {
    reports: { type: 'string', default: '0' },
    shards: { type: 'string', default: '2' },
    mirrors: { type: 'string', default: '2' },
    runs: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '8' },
  },
})
const root = fileURLToPath(new URL('..', import.meta.url))
const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number

async function latency(run: () => unknown, runs: number) {
  for (let i = 0; i < 5; i++) await run()
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const start = performance.now()
    await run()
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { p50: round(percentile(times, 50), 2), p95: round(percentile(times, 95), 2) }
}

/** Queries per second with `concurrency` callers for `seconds`, going round the query set. */
async function throughput(ask: (q: string) => Promise<unknown>, concurrency: number, seconds: number) {
  const end = performance.now() + seconds * 1000
  let done = 0
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = worker; performance.now() < end; i++) {
        await ask((queries[i % queries.length] as (typeof queries)[number]).q)
        done++
      }
    }),
  )
  return round(done / seconds, 0)
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'report-search-bench-cluster-'))
  const reports = Number(args.reports)
  let corpusDir = join(root, 'corpus')
  if (reports > 0) {
    console.log(`generating ${reports} reports …`)
    corpusDir = (await generateCorpus(corpusDir, join(work, 'corpus'), reports)).dir
  }
  const dataDir = join(work, 'data')
  try {
    const state = await startCluster({ dataDir, shards: Number(args.shards), mirrors: Number(args.mirrors) })
    console.log('building the index with the pipeline …')
    const t0 = performance.now()
    const built = await buildIndex({ corpusDir, maxFileBytes: 20 * 1024 * 1024 })
    const buildS = (performance.now() - t0) / 1000
    const textMB = built.reports.reduce((n, r) => n + Buffer.byteLength(r.body), 0) / 1024 ** 2
    console.log('writing it into the cluster …')
    const t1 = performance.now()
    const sync = await syncCluster(built, state)
    const syncS = (performance.now() - t1) / 1000
    const t2 = performance.now()
    const again = await syncCluster(built, state)
    const noopS = (performance.now() - t2) / 1000
    const engine = new SearchEngine(await saveIndex(join(work, 'index'), built), { cacheSize: 0 })
    const backend = new ClusterBackend(state)
    const rows = []
    for (const query of queries) {
      const embedded = await latency(() => engine.search({ q: query.q }), Number(args.runs))
      const cluster = await latency(() => backend.search({ q: query.q }), Number(args.runs))
      const total = engine.search({ q: query.q }).total
      rows.push({ class: query.class, q: query.q, reports: total, embedded, cluster })
    }
    const concurrency = Number(args.concurrency)
    const seconds = Number(args.seconds)
    const qps = {
      embedded: await throughput(async (q) => engine.search({ q }), concurrency, seconds),
      cluster: await throughput((q) => backend.search({ q }), concurrency, seconds),
    }
    await backend.close()
    const results = {
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGiB: round(totalmem() / 1024 ** 3), node: process.version },
      corpus: { reports: built.reports.length, sections: built.text.size, textMB: round(textMB) },
      cluster: `${args.shards} shards × ${args.mirrors} mirrors, one aggregator, all on this machine`,
      pipelineBuildS: round(buildS),
      sync: {
        seconds: round(syncS, 2),
        reportsPerS: round(built.reports.length / syncS, 0),
        sectionsPerS: round(built.text.size / syncS, 0),
        textMBPerS: round(textMB / syncS, 2),
        copiesWritten: sync.reportsWritten,
        unchangedResyncS: round(noopS, 2),
        unchangedResyncWrites: again.reportsWritten,
      },
      queries: rows,
      throughputQps: { concurrency, ...qps },
    }
    console.log(JSON.stringify(results, null, 2))
  } finally {
    await stopCluster(dataDir)
    await rm(work, { recursive: true, force: true })
  }
}

await main()
