// `npm run cluster`: starts a local Sphinx cluster and fills it from the corpus; `stop`, `status`, `index`.

import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { configFromEnv } from '../common/config.js'
import { clusterStatus, startCluster, stopCluster } from './manager.js'
import { type Layout, readState } from './topology.js'

const usage = `Usage: npm run cluster -- [start] [--shards 2] [--mirrors 2] [--no-index] [--corpus DIR] [--data DIR]
       npm run cluster -- stop | status | index [--force]

  start     starts N shards × M mirrors and an aggregator on 127.0.0.1 (configs under DATA_DIR/cluster),
            then indexes the corpus into it (unless --no-index)
  stop      stops every node of the cluster by the pid it was started with
  status    each node: its pid, whether it runs, whether it answers SphinxQL
  index     brings the cluster in line with the corpus (--force writes every report again)`

/** What indexing the corpus into a cluster prints; injected, so that this folder needs no indexer. */
export type IndexCorpus = (
  layout: Layout,
  options: { corpusDir: string; maxFileBytes: number; force: boolean },
) => Promise<string>

export async function main(argv: string[], indexCorpus: IndexCorpus): Promise<number> {
  const config = configFromEnv()
  let parsed: ReturnType<typeof parse>
  const parse = () =>
    parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        shards: { type: 'string', default: '2' },
        mirrors: { type: 'string', default: '2' },
        'no-index': { type: 'boolean', default: false },
        force: { type: 'boolean', default: false },
        corpus: { type: 'string' },
        data: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    })
  try {
    parsed = parse()
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${usage}`)
    return 2
  }
  const { values, positionals } = parsed
  const command = positionals[0] ?? 'start'
  if (values.help || !['start', 'stop', 'status', 'index'].includes(command) || positionals.length > 1) {
    ;(values.help ? console.log : console.error)(usage)
    return values.help ? 0 : 2
  }
  const dataDir = resolve(values.data ?? config.dataDir)
  const corpusDir = resolve(values.corpus ?? config.corpusDir)
  try {
    if (command === 'stop') {
      const stopped = await stopCluster(dataDir)
      console.log(stopped.length ? `stopped ${stopped.join(', ')}` : 'no cluster node was running')
      return 0
    }
    if (command === 'status') {
      const status = await clusterStatus(dataDir)
      if (!status) {
        console.log(`no cluster in ${dataDir}`)
        return 1
      }
      for (const n of status)
        console.log(
          `${n.name.padEnd(16)} ${n.role.padEnd(20)} ${n.address.padEnd(22)} pid ${String(n.pid ?? '—').padEnd(8)} ${n.answers ? 'answers' : n.running ? 'running, not answering' : 'stopped'}`,
        )
      return status.every((n) => n.answers) ? 0 : 1
    }
    let layout: Layout | null
    if (command === 'start') {
      const shards = Number(values.shards)
      const mirrors = Number(values.mirrors)
      const state = await startCluster({ dataDir, shards, mirrors })
      console.log(
        `cluster of ${shards} shards × ${mirrors} mirrors: aggregator at ${state.aggregator.host}:${state.aggregator.sqlPort} (SphinxQL); state in ${state.dir}/state.json`,
      )
      if (values['no-index']) return 0
      layout = state
    } else {
      layout = await readState(dataDir)
      if (!layout) {
        console.error(`no cluster in ${dataDir}: start one with npm run cluster`)
        return 1
      }
    }
    console.log(
      await indexCorpus(layout, {
        corpusDir,
        maxFileBytes: config.maxFileBytes,
        force: values.force ?? false,
      }),
    )
    return 0
  } catch (error) {
    console.error(`npm run cluster ${command}: ${(error as Error).message}`)
    return 1
  }
}
