// Indexing into the cluster: a changed report replaced, a removed one deleted, idempotent, forced,
// moved when the shards change; and answers equal to the embedded engine's on the new corpus.

import { copyFile, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import { ClusterReader } from '../../cluster/client.js'
import { indexes, MAX_SECTIONS, ridOf, shardOf } from '../../cluster/schema.js'
import { connect } from '../../cluster/sql.js'
import type { Layout, ShardNode } from '../../cluster/topology.js'
import type { CorpusIndex } from '../../index/types.js'
import { buildIndex } from '../../indexer/build.js'
import { describeSync, indexIntoCluster, syncCluster } from '../../indexer/cluster-sink.js'
import { saveIndex } from '../../indexer/save.js'
import { ClusterBackend } from '../../server/backends/cluster.js'
import { SearchEngine } from '../../server/search/engine.js'
import { haveSearchd, testCluster } from '../helpers/cluster.js'
import { corpusDir, shipped, tempDir } from '../helpers/corpus.js'

/** What one node holds: report ids of its sections, and its report table's ids. */
async function held(node: ShardNode) {
  const reader = new ClusterReader({ shards: [], aggregator: node })
  try {
    const [sections, reports] = await reader.run<{ rid: string }>([
      `SELECT rid FROM ${indexes.sections} GROUP BY rid LIMIT 1000`,
      `SELECT id rid FROM ${indexes.reports} LIMIT 1000`,
    ])
    const ids = (rows: { rid: string }[]) =>
      rows.map((r) => Number(r.rid).toString(16).padStart(12, '0')).sort()
    return { sections: ids(sections?.rows ?? []), reports: ids(reports?.rows ?? []) }
  } finally {
    await reader.close()
  }
}

if (haveSearchd(t)) {
  const corpus = await tempDir(t)
  for (const file of Object.values(shipped)) await copyFile(join(corpusDir, file), join(corpus, file))
  const { state } = await testCluster(t, 2, 2)
  const first = await indexIntoCluster(state, { corpusDir: corpus, maxFileBytes: 1e7 })

  t.test('the first sync writes everything; its summary says so', async (t) => {
    t.equal(first.summary.reportsWritten, 10)
    t.match(describeSync(first), /^5 reports \(\d+ sections\) in the cluster; 10 report copies written/)
  })

  t.test(
    'a changed report is replaced (fewer sections, new text), a removed one deleted, the rest left',
    async (t) => {
      const changed = join(corpus, shipped.大足)
      const text = await readFile(changed, 'utf8')
      // The first third of the report, and a sentence no report has.
      await writeFile(
        changed,
        `${text.slice(0, Math.floor(text.length / 3))}\n（九）创新试点。开展独一无二的试点工作。\n`,
      )
      await rm(join(corpus, shipped.梨树))
      const { index, summary } = await indexIntoCluster(state, { corpusDir: corpus, maxFileBytes: 1e7 })
      t.equal(summary.reportsWritten, 2, 'the changed report, on both mirrors')
      t.equal(summary.reportsDeleted, 2, 'the removed report, from both mirrors')
      const engine = new SearchEngine(await saveIndex(await tempDir(t), index), { hitsPerReport: 1000 })
      const backend = new ClusterBackend(state, { config: { hitsPerReport: 1000 } })
      t.teardown(() => backend.close())
      for (const q of ['"独一无二"', '执法', '"双随机一公开"', '"综合查一次"', 'year:2025']) {
        const want = engine.search({ q, size: 100 })
        const got = await backend.search({ q, size: 100 })
        t.same(
          got.results.map((r) => [r.report.id, r.hits.map((h) => h.sectionId).sort()]).sort(),
          want.results.map((r) => [r.report.id, r.hits.map((h) => h.sectionId).sort()]).sort(),
          q,
        )
        t.same(
          [got.total, got.sectionsTotal, got.facets],
          [want.total, want.sectionsTotal, want.facets],
          `${q}: counts`,
        )
      }
      t.same(
        await backend.reports(),
        index.reports.map((r) => r.meta),
      )
      t.same((await backend.health()).sections, index.text.size)
      for (const node of state.shards.flat()) {
        const { sections, reports } = await held(node)
        t.same(
          reports,
          index.reports.map((r) => r.meta.id).sort(),
          `${node.name}: every report row, none removed`,
        )
        t.same(
          sections,
          index.reports
            .map((r) => r.meta.id)
            .filter((id) => shardOf(id, 2) === node.shard)
            .sort(),
          `${node.name}: the sections of its shard's reports`,
        )
      }
    },
  )

  t.test(
    'force writes every report again; a corpus file that cannot be read is listed in health',
    async (t) => {
      await writeFile(join(corpus, 'empty.txt'), '')
      const { index, summary } = await indexIntoCluster(state, {
        corpusDir: corpus,
        maxFileBytes: 1e7,
        force: true,
      })
      t.equal(summary.reportsWritten, 2 * index.reports.length)
      t.match(describeSync({ index, summary }), /✗ empty\.txt: .*\[FILE_EMPTY\]/)
      const backend = new ClusterBackend(state)
      t.teardown(() => backend.close())
      t.match((await backend.health()).skipped, [{ source: 'empty.txt', code: 'FILE_EMPTY' }])
    },
  )

  t.test('a node whose sections index predates the signing date gets it, and its rows again', async (t) => {
    // As a node made before ROW_VERSION 2 is: searchd keeps the schema an RT index was made with.
    const node = state.shards[0]?.[0] as ShardNode
    const connection = await connect(node)
    await connection.query(`ALTER TABLE ${indexes.sections} DROP COLUMN date`)
    const columns = async () =>
      ((await connection.query(`DESCRIBE ${indexes.sections}`))[0] as { Field: string }[]).map((r) => r.Field)
    t.notOk((await columns()).includes('date'), 'the old schema')
    const lines: string[] = []
    await indexIntoCluster(state, {
      corpusDir: corpus,
      maxFileBytes: 1e7,
      log: (l) => lines.push(l),
    })
    t.ok((await columns()).includes('date'), 'the attribute is added')
    t.match(lines, [/shard0-mirror0: added the date attribute to sections/])
    const [rows] = (await connection.query(
      `SELECT date FROM ${indexes.sections} WHERE date > 0 LIMIT 1`,
    )) as unknown as [{ date: number }[]]
    t.ok(rows.length > 0, 'and the dates written (the node’s rows written again, nothing forced)')
    await connection.end()
    const backend = new ClusterBackend(state)
    t.teardown(() => backend.close())
    const signed = await backend.search({ q: '执法', dateFrom: '2026-01-01' })
    t.ok(signed.total > 0, 'the date filter answers on it')
  })

  t.test('new shards: each report moves to its new home and leaves the old one', async (t) => {
    const index = await buildIndex({ corpusDir: corpus, maxFileBytes: 1e7 })
    // The same nodes, shard 0 and 1 swapped: every report's home is now the other pair of nodes.
    const swapped: Layout = {
      aggregator: state.aggregator,
      shards: [
        (state.shards[1] as ShardNode[]).map((n) => ({ ...n, shard: 0 })),
        (state.shards[0] as ShardNode[]).map((n) => ({ ...n, shard: 1 })),
      ],
    }
    const summary = await syncCluster(index, swapped)
    t.equal(summary.reportsDeleted, 2 * index.reports.length, 'every copy left its old shard')
    t.equal(summary.reportsWritten, 2 * index.reports.length, 'and was written on its new one')
    for (const node of swapped.shards.flat())
      t.same(
        (await held(node)).sections,
        index.reports
          .map((r) => r.meta.id)
          .filter((id) => shardOf(id, 2) === node.shard)
          .sort(),
        node.name,
      )
    await syncCluster(index, state)
  })

  t.test('small pages and small batches give the same cluster', async (t) => {
    const index = await buildIndex({ corpusDir: corpus, maxFileBytes: 1e7 })
    const small = { pageRows: 100, batchBytes: 20_000 }
    const summary = await syncCluster(index, state, { ...small, force: true })
    t.equal(summary.reportsWritten, 2 * index.reports.length)
    const again = await syncCluster(index, state, small)
    t.same([again.reportsWritten, again.tableRows], [0, 0], 'read back page by page, nothing differs')
  })

  t.test('sections whose report row is missing: a 503, not an answer without its report', async (t) => {
    const index = await buildIndex({ corpusDir: corpus, maxFileBytes: 1e7 })
    const report = index.reports.find((r) => r.meta.bureau.includes('兖州'))
    for (const node of state.shards.flat()) {
      const connection = await connect(node)
      await connection.query(`DELETE FROM ${indexes.reports} WHERE id = ${ridOf(report?.meta.id ?? '')}`)
      connection.destroy()
    }
    const backend = new ClusterBackend(state)
    t.teardown(() => backend.close())
    await t.rejects(backend.search({ q: 'bureau:兖州' }), {
      code: 'CLUSTER_UNAVAILABLE',
      message: /report table/,
    })
    await t.rejects(backend.bureaus({ q: '"兖州区"' }), {
      code: 'CLUSTER_UNAVAILABLE',
      message: /report table/,
    })
    await syncCluster(index, state)
    t.equal((await backend.search({ q: 'bureau:兖州' })).total, 1, 'the next sync puts it back')
  })

  t.test('a report keeps the time it was first indexed; a changed or new one is indexed now', async (t) => {
    const reader = new ClusterReader(state)
    t.teardown(() => reader.close())
    const times = async () =>
      new Map(
        (
          await reader.one<{ id: string; indexed: string }>(
            `SELECT id, indexed FROM ${indexes.reports} LIMIT 1000`,
          )
        ).rows.map((r) => [Number(r.id).toString(16).padStart(12, '0'), Number(r.indexed)]),
      )
    const before = await times()
    const yanzhou = join(corpus, shipped.兖州)
    await writeFile(yanzhou, `${await readFile(yanzhou, 'utf8')}\n（十）开展“独此一家”试点。\n`)
    await copyFile(join(corpusDir, shipped.梨树), join(corpus, shipped.梨树))
    const { index } = await indexIntoCluster(state, { corpusDir: corpus, maxFileBytes: 1e7 })
    const after = await times()
    const fresh = new Set(
      index.reports
        .filter((r) => r.meta.source === shipped.兖州 || r.meta.source === shipped.梨树)
        .map((r) => r.meta.id),
    )
    t.equal(fresh.size, 2)
    const latest = Math.max(...before.values())
    for (const [id, time] of after) {
      if (fresh.has(id)) t.ok(time > latest, `${id}: changed or new, indexed after every other`)
      else t.equal(time, before.get(id), `${id}: unchanged, its time kept`)
    }
    const backend = new ClusterBackend(state)
    t.teardown(() => backend.close())
    const feed = await backend.feed({ q: '谁执法谁普法' }, 10)
    t.same(new Set(feed.entries.slice(0, 2).map((e) => e.report.id)), fresh, 'the feeds list them first')
  })

  t.test(
    'a report with more sections than a document id holds is refused before anything is written',
    async (t) => {
      const index = await buildIndex({ corpusDir: corpus, maxFileBytes: 1e7 })
      const report = index.reports[0] as CorpusIndex['reports'][number]
      const huge = {
        ...index,
        reports: [
          { ...report, sections: Array.from({ length: MAX_SECTIONS + 1 }, () => report.sections[0]) },
        ],
      } as CorpusIndex
      await t.rejects(syncCluster(huge, state), { code: 'CLUSTER_WRITE_FAILED', message: /32767/ })
    },
  )
}
