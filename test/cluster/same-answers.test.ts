// The cluster backend against the embedded engine on the same index: the same reports, counts,
// facets, hits, snippets, suggestions, atlas and reports, on a real 2 × 2 cluster.

import t from 'tap'
import { ClusterReader } from '../../cluster/client.js'
import { indexes } from '../../cluster/schema.js'
import { syncCluster } from '../../indexer/cluster-sink.js'
import { saveIndex } from '../../indexer/save.js'
import type { SearchRequest } from '../../server/backend.js'
import { ClusterBackend } from '../../server/backends/cluster.js'
import type { SearchResponse } from '../../server/schemas.js'
import { SearchEngine } from '../../server/search/engine.js'
import { haveSearchd, shippedBuild, testCluster } from '../helpers/cluster.js'
import { tempDir } from '../helpers/corpus.js'

if (haveSearchd(t)) {
  const built = await shippedBuild()
  const { state } = await testCluster(t)
  const summary = await syncCluster(built, state)
  // Every hit of every report, so that the sets compare whatever the ranking.
  const config = { hitsPerReport: 1000 }
  const engine = new SearchEngine(await saveIndex(await tempDir(t), built), config)
  const backend = new ClusterBackend(state, { config })
  t.teardown(() => backend.close())

  t.test(
    'the sync writes every report on both mirrors of its shard, and the tables on every node',
    async (t) => {
      t.equal(summary.reports, 5)
      t.equal(summary.reportsWritten, 10, 'five reports, two copies each')
      t.equal(summary.sectionsWritten, 2 * built.text.size)
      t.equal(summary.reportsDeleted, 0)
      const perShard = await Promise.all(
        state.shards.map((mirrors) =>
          Promise.all(
            mirrors.map(async (node) => {
              const reader = new ClusterReader({ shards: [], aggregator: node })
              const { rows } = await reader.one<{ n: string }>(`SELECT COUNT(*) n FROM ${indexes.sections}`)
              const reports = await reader.one<{ n: string }>(`SELECT COUNT(*) n FROM ${indexes.reports}`)
              await reader.close()
              return [Number(rows[0]?.n), Number(reports.rows[0]?.n)]
            }),
          ),
        ),
      )
      for (const mirrors of perShard) t.same(mirrors[0], mirrors[1], 'both mirrors of a shard hold the same')
      t.equal(
        perShard.reduce((n, mirrors) => n + (mirrors[0]?.[0] ?? 0), 0),
        built.text.size,
        'each section is on one shard',
      )
      t.ok(
        perShard.every((mirrors) => (mirrors[0]?.[0] ?? 0) > 0),
        'both shards hold reports (jump hash of the ids: 2 and 3)',
      )
      for (const mirrors of perShard)
        for (const m of mirrors) t.equal(m[1], 5, 'every node has every report row')
      const again = await syncCluster(built, state)
      t.equal(again.reportsWritten, 0, 'a second sync writes no report')
      t.equal(again.tableRows, 0, 'nor any table row')
    },
  )

  const reportIds = (r: SearchResponse) => r.results.map((x) => x.report.id).sort()
  const hitIds = (r: SearchResponse) =>
    Object.fromEntries(r.results.map((x) => [x.report.id, x.hits.map((h) => h.sectionId).sort()]))
  const snippets = (r: SearchResponse) =>
    Object.fromEntries(r.results.flatMap((x) => x.hits.map((h) => [h.sectionId, h.snippet])))

  const table: [string, Partial<SearchRequest>?][] = [
    ['执法'],
    ['综合查一次'],
    ['"综合查一次"'],
    ['"双随机一公开"'],
    ['“双随机、一公开”'],
    ['"查一次"'],
    ['"次办"'],
    ['"政府建"'],
    ['查'],
    ['"法"'],
    ['执法培训'],
    ['综合查一次 执法'],
    ['普法 OR 宣传'],
    ['执法 普法 OR 宣传'],
    ['行政执法 OR 执法培训'],
    ['执法 -培训'],
    ['执法 -"综合查一次"'],
    ['bureau:兖州 执法'],
    ['province:山东 year:2025'],
    ['year:2025 -培训'],
    ['part:problems'],
    ['执法', { part: 'plans' }],
    ['执法', { bureau: '卫生健康' }],
    ['执法', { province: '重庆' }],
    ['执法', { bureau: '兖州区 卫生' }],
    ['执法', { year: 2024 }],
    ['12345'],
    ['2025'],
    ['led'],
    ['"ed屏"'],
    ['LED屏'],
    ['谁执法谁普法'],
    ['首违不罚'],
  ]
  for (const [q, extra] of table) {
    t.test(
      `${q} ${extra ? JSON.stringify(extra) : ''}: the same answer as the embedded engine`,
      async (t) => {
        const request = { q, size: 100, ...extra }
        const want = engine.search(request)
        const got = await backend.search(request)
        t.same(reportIds(got), reportIds(want), 'the same reports')
        t.equal(got.total, want.total, 'total: matching reports')
        t.equal(got.sectionsTotal, want.sectionsTotal, 'sectionsTotal: matching sections')
        t.same(got.facets, want.facets, 'facets')
        t.same(hitIds(got), hitIds(want), 'the same sections in each report')
        t.same(snippets(got), snippets(want), 'the same snippets, marked and escaped')
        t.same(
          got.results.map((r) => r.matches),
          got.results.map((r) => hitIds(got)[r.report.id]?.length),
          'matches counts every matching section',
        )
        const bureaus = await backend.bureaus(request)
        const wantBureaus = engine.bureaus(request)
        t.same(
          bureaus.map((b) => [b.reportId, b.matches]).sort(),
          wantBureaus.map((b) => [b.reportId, b.matches]).sort(),
          'bureaus: the same reports and counts',
        )
        t.same(
          bureaus.map((b) => b.matches),
          [...bureaus.map((b) => b.matches)].sort((a, b) => b - a),
          'most matching sections first',
        )
      },
    )
  }

  t.test('snippets are marked on the original text and escaped', async (t) => {
    const got = await backend.search({ q: '"双随机一公开"', size: 10 })
    for (const r of got.results)
      for (const h of r.hits) {
        t.match(h.snippet, '<mark>双随机、一公开</mark>')
        t.notMatch(h.snippet.replace(/<\/?mark>/g, ''), /[<>]/, 'nothing else unescaped')
      }
  })

  t.test(
    'a word cut in pieces: sections holding it whole first, in each report and in the ranking',
    async (t) => {
      const query = '执法培训'
      const got = await backend.search({ q: query, size: 100 })
      const whole = (id: string) =>
        built.text.folded.some(
          (f, s) => f.includes('执法培训') && built.reports[built.text.reportOf[s] as number]?.meta.id === id,
        )
      const order = got.results.map((r) => whole(r.report.id))
      t.same(
        order,
        [...order].sort((a, b) => Number(b) - Number(a)),
        'reports holding the word whole come first',
      )
      t.ok(order.includes(true) && order.includes(false), 'both kinds are there')
      for (const r of got.results) {
        const tiers = r.hits.map((h) => h.snippet.includes('<mark>执法培训</mark>'))
        t.same(
          tiers,
          [...tiers].sort((a, b) => Number(b) - Number(a)),
          `${r.report.bureau}: whole-word sections first`,
        )
      }
      const page2 = await backend.search({ q: query, size: 1, page: 3 })
      t.equal(page2.results[0]?.report.id, got.results[2]?.report.id, 'pages follow the same order')
      const bureaus = await backend.bureaus({ q: query })
      for (const b of bureaus)
        if (whole(b.reportId))
          t.match(b.snippet, '<mark>执法培训</mark>', 'the snippet is of a whole-word section')
    },
  )

  t.test('page size and hits per report as configured', async (t) => {
    const small = new ClusterBackend(state, { config: { hitsPerReport: 2 } })
    t.teardown(() => small.close())
    const got = await small.search({ q: '执法', size: 2, page: 2 })
    t.equal(got.results.length, 2)
    t.equal(got.page, 2)
    for (const r of got.results) t.equal(r.hits.length, 2)
    const beyond = await small.search({ q: '执法', size: 10, page: 9 })
    t.same([beyond.results, beyond.total], [[], 5], 'a page past the last: no results, the same total')
    const top = await small.search({ q: '执法培训', size: 1 })
    t.equal(top.results.length, 1, 'a first page within the top tier')
    const all = await small.search({ q: '执法', size: 10 })
    t.same(
      got.results.map((r) => r.report.id),
      all.results.slice(2, 4).map((r) => r.report.id),
    )
  })

  t.test('a facet cut at its limit keeps the values the embedded engine keeps, ties by value', async (t) => {
    const config = { hitsPerReport: 1000, facetLimit: 2 }
    const small = new ClusterBackend(state, { config })
    t.teardown(() => small.close())
    const embedded = new SearchEngine(engine.index, config)
    for (const q of ['执法', '"双随机一公开"', '查'])
      t.same((await small.search({ q })).facets, embedded.search({ q }).facets, q)
  })

  t.test('suggestions: the same completions as the embedded engine', async (t) => {
    for (const prefix of ['综合', '执', '双随机', '法治', 'led', '谁执法', '一', 'zz', '，', '健康'])
      t.same(await backend.suggest(prefix), engine.suggest(prefix), prefix)
    t.same(await backend.suggest('法', 3), engine.suggest('法', 3), 'a limit')
  })

  t.test('reports, one report, and a report with the query marked', async (t) => {
    t.same(
      await backend.reports(),
      built.reports.map((r) => r.meta),
    )
    const report = built.reports[0]
    if (!report) throw new Error('no report')
    const detail = await backend.report(report.meta.id, '"综合查一次" 执法')
    t.equal(detail?.sections.length, report.sections.length)
    t.same(detail?.sections[0]?.text, report.body.slice(report.sections[0]?.start, report.sections[0]?.end))
    t.equal(detail?.sections[0]?.id, `${report.meta.id}-1`)
    t.ok(detail?.sections.some((s) => s.marked?.includes('<mark>执法</mark>')))
    const plain = await backend.report(report.meta.id)
    t.equal(plain?.sections[0]?.marked, undefined, 'no query, nothing marked')
    const nothing = await backend.report(report.meta.id, '，，')
    t.equal(nothing?.sections[0]?.marked, undefined, 'a query with nothing to mark marks nothing')
    t.equal(await backend.report('000000000000'), null, 'unknown')
    t.equal(await backend.report('../etc'), null, 'not an id')
  })

  t.test('the atlas and the comparison equal the embedded ones', async (t) => {
    const { listPractices, compareReports } = await import('../../server/search/atlas.js')
    for (const filter of [
      {},
      { kind: 'law' as const },
      { kind: 'practice' as const, minBureaus: 2 },
      { q: '清单' },
      { q: '“双随机、一公开”' },
      { q: '，' },
    ])
      t.same(await backend.practices(filter), listPractices(engine.index, filter), JSON.stringify(filter))
    const [a, b] = built.reports.map((r) => r.meta.id)
    t.same(
      await backend.compare([a as string, b as string]),
      compareReports(engine.index, [a as string, b as string]),
    )
    await t.rejects(backend.compare([a as string]), { code: 'BAD_PARAMETER' })
    await t.rejects(backend.compare([a as string, a as string]), { code: 'BAD_PARAMETER' })
    await t.rejects(backend.compare([a as string, '000000000000']), { code: 'REPORT_NOT_FOUND' })
  })

  t.test('health: what the cluster holds', async (t) => {
    const health = await backend.health()
    t.match(health, {
      reports: 5,
      sections: built.text.size,
      indexedAt: built.builtAt,
      skipped: [],
      indexing: false,
      lastError: null,
    })
  })

  t.test('queries the parser refuses are refused the same way', async (t) => {
    await t.rejects(backend.search({ q: '' }), { code: 'QUERY_EMPTY' })
    await t.rejects(backend.search({ q: '，。' }), { code: 'QUERY_NO_TERMS' })
    await t.rejects(backend.bureaus({ q: '-执法' }), { code: 'QUERY_ONLY_EXCLUSIONS' })
  })
}
