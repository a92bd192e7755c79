// Faults on a real 2 × 2 cluster: a mirror killed mid-run, every copy of a shard killed, a shard back,
// a write with a mirror down. Nodes are killed and started by the pids the manager recorded.

import t from 'tap'
import { ClusterUnavailable } from '../../cluster/client.js'
import { restartNode, stopNode } from '../../cluster/manager.js'
import { indexes } from '../../cluster/schema.js'
import { connect } from '../../cluster/sql.js'
import { readState } from '../../cluster/topology.js'
import type { CorpusIndex } from '../../index/types.js'
import { syncCluster } from '../../indexer/cluster-sink.js'
import { ClusterBackend } from '../../server/backends/cluster.js'
import { haveSearchd, shippedBuild, testCluster } from '../helpers/cluster.js'

if (haveSearchd(t)) {
  const built = await shippedBuild()
  const { dataDir, state } = await testCluster(t)
  await syncCluster(built, state)
  const backend = new ClusterBackend(state, { refreshMs: 0 })
  t.teardown(() => backend.close())
  const reference = await backend.search({ q: '执法', size: 100 })
  const whole = (answer: typeof reference) =>
    answer.total === reference.total &&
    answer.sectionsTotal === reference.sectionsTotal &&
    JSON.stringify(answer.facets) === JSON.stringify(reference.facets)
  const kill = async (name: string) => {
    const current = await readState(dataDir)
    t.ok(await stopNode(current as NonNullable<typeof current>, name, 'SIGKILL'), `kill -9 ${name}`)
  }
  const shardOf = (s: number) => state.shards[s] ?? []

  t.test('one mirror of a shard killed mid-run: every answer stays whole', async (t) => {
    const answers: boolean[] = []
    const victim = shardOf(0)[0]?.name as string
    const run = (async () => {
      for (let i = 0; i < 40; i++) {
        answers.push(whole(await backend.search({ q: '执法', size: 100 })))
        answers.push((await backend.bureaus({ q: '执法' })).length === reference.total)
      }
    })()
    await new Promise((resolve) => setTimeout(resolve, 30))
    await kill(victim)
    await run
    t.equal(answers.length, 80)
    t.ok(answers.every(Boolean), 'no answer left a shard out')
    t.comment(`batches asked again after a lost agent: ${backend.reader.retried}`)
    t.ok(whole(await backend.search({ q: '执法', size: 100 })), 'and after')
  })

  t.test(
    'every copy of a shard killed: a 503 CLUSTER_UNAVAILABLE that names the shard, never a partial answer',
    async (t) => {
      await kill(shardOf(0)[1]?.name as string)
      for (const ask of [
        () => backend.search({ q: '执法' }),
        () => backend.search({ q: 'year:2025' }),
        () => backend.bureaus({ q: '执法' }),
      ]) {
        const error = await ask().catch((e: unknown) => e)
        t.type(error, ClusterUnavailable)
        t.match(error, { code: 'CLUSTER_UNAVAILABLE', status: 503, missingShards: [0], message: /shard 0/ })
      }
      t.same(await backend.suggest('综合'), ['综合查一次'], 'the tables every node holds still answer')
      t.equal((await backend.reports()).length, 5)
    },
  )

  t.test('a shard that comes back is used again', async (t) => {
    await restartNode(dataDir, shardOf(0)[1]?.name as string)
    t.ok(whole(await backend.search({ q: '执法', size: 100 })), 'whole again at once')
    await restartNode(dataDir, shardOf(0)[0]?.name as string)
    for (let i = 0; i < 10; i++)
      t.ok(whole(await backend.search({ q: '执法', size: 100 })), `answer ${i + 1}`)
    const readers = await Promise.all(shardOf(0).map((n) => connect(n)))
    for (const [m, c] of readers.entries()) {
      const [rows] = (await c.query(`SELECT COUNT(*) n FROM ${indexes.sections}`)) as unknown as [
        { n: string }[],
      ]
      t.ok(Number(rows[0]?.n) > 0, `mirror ${m} kept its data through kill -9 (binlog)`)
      c.destroy()
    }
  })

  t.test(
    'a write with one mirror down is retried, then reported; the next sync catches the mirror up',
    async (t) => {
      const down = shardOf(1)[1]?.name as string
      await kill(down)
      // The index without its first report: that report is deleted from its shard.
      const gone = built.reports[0]?.meta.id as string
      const smaller: CorpusIndex = {
        ...built,
        reports: built.reports.slice(1),
        atlas: [],
        text: {
          ...built.text,
          folded: built.text.folded.filter((_, s) => built.text.reportOf[s] !== 0),
          reportOf: built.text.reportOf.filter((r) => r !== 0).map((r) => r - 1),
          ordinal: built.text.ordinal.filter((_, s) => built.text.reportOf[s] !== 0),
          size: built.text.folded.filter((_, s) => built.text.reportOf[s] !== 0).length,
        },
      }
      const lines: string[] = []
      const error = await syncCluster(smaller, state, {
        retry: { attempts: 3, delaysMs: [50] },
        log: (line) => lines.push(line),
      }).catch((e: unknown) => e)
      t.match(error, {
        code: 'CLUSTER_WRITE_FAILED',
        status: 503,
        message: new RegExp(`1 of 4 nodes.*${down}`),
      })
      t.match(lines.join('\n'), down, 'the failure is logged as it happens')
      const after = await backend.search({ q: '执法', size: 100 })
      t.notOk(
        after.results.some((r) => r.report.id === gone),
        'the nodes that answer no longer hold the removed report',
      )
      t.equal(after.total, reference.total - (reference.results.some((r) => r.report.id === gone) ? 1 : 0))
      await restartNode(dataDir, down)
      const caughtUp = await syncCluster(smaller, state)
      t.ok(caughtUp.tableRows > 0, 'the next sync writes what the mirror missed')
      const c = await connect(shardOf(1)[1] as NonNullable<ReturnType<typeof shardOf>[number]>)
      const [rows] = (await c.query(`SELECT COUNT(*) n FROM ${indexes.reports}`)) as unknown as [
        { n: string }[],
      ]
      c.destroy()
      t.equal(Number(rows[0]?.n), 4, 'the mirror that was down holds the new report table')
      t.equal((await syncCluster(smaller, state)).reportsWritten, 0, 'and nothing is left to write')
    },
  )
}
