// The pure parts of the cluster layer, without searchd: ParsedQuery → SphinxQL, tokens, ids, shards,
// configs, layouts, literals and batches.

import t from 'tap'
import { failedAgents, incomplete } from '../../cluster/client.js'
import { aggregatorConfig, dataNodeConfig } from '../../cluster/config.js'
import {
  MAX_SECTIONS,
  phrase,
  reportIdOf,
  ridOf,
  sectionDocId,
  shardOf,
  tokenText,
} from '../../cluster/schema.js'
import { int, list, quote } from '../../cluster/sql.js'
import { planLayout, portsNeeded } from '../../cluster/topology.js'
import { literal, replaceStatements } from '../../cluster/writer.js'
import {
  foldsToItself,
  sectionQuery,
  sectionTier,
  type TextFilter,
  termClause,
  textFilter,
  tierClause,
  topTier,
  whereClause,
} from '../../server/backends/cluster-query.js'
import { parseQuery } from '../../server/search/query-parser.js'
import { Synonyms } from '../../server/search/synonyms.js'

t.test('ParsedQuery → MATCH and WHERE', async (t) => {
  const bureau: TextFilter = {
    kind: 'phrase',
    field: 'bureauf',
    folded: '兖州',
    attr: 'bureau_h',
    exclude: [],
  }
  const cases: [string, TextFilter[], string | null, string[]][] = [
    ['"综合查一次"', [], '(@body "综 合 查 一 次")', []],
    ['“双随机、一公开”', [], '(@body "双 随 机 一 公 开")', []],
    ['执法', [], '(@body "执 法")', []],
    // jieba cuts 执法培训 in two: both pieces, each a phrase, in one parenthesised AND.
    ['执法培训', [], '(@body ("执 法" "培 训"))', []],
    ['"查"', [], '(@body "查")', []],
    ['普法 OR 宣传', [], '(@body ("普 法" | "宣 传"))', []],
    ['执法 普法 | 宣传', [], '(@body "执 法") (@body ("普 法" | "宣 传"))', []],
    ['行政执法 OR 执法培训', [], '(@body ("行 政 执 法" | ("执 法" "培 训")))', []],
    ['执法 -培训', [], '(@body "执 法") -(@body "培 训")', []],
    ['执法 -"综合查一次"', [], '(@body "执 法") -(@body "综 合 查 一 次")', []],
    ['-培训 year:2025', [], '(@every e) -(@body "培 训")', ['year = 2025']],
    ['part:problems', [], null, ['part = 1']],
    ['year:2025 part:plans', [], null, ['year = 2025', 'part = 3']],
    // Ranges: an open end is the attribute's far end; no year (2³²−1) and no date (0) fall outside.
    ['执法 year:2023..2025', [], '(@body "执 法")', ['year >= 2023', 'year <= 2025']],
    ['执法 year:2024..', [], '(@body "执 法")', ['year >= 2024', 'year <= 9999']],
    ['执法 date:2026-01', [], '(@body "执 法")', ['date >= 20260101', 'date <= 20260131']],
    ['执法 date:..2025', [], '(@body "执 法")', ['date >= 1', 'date <= 20251231']],
    ['12345 led', [], '(@body "1 2 3 4 5") (@body "l e d")', []],
    ['执法 bureau:兖州', [bureau], '(@body "执 法") (@bureauf "兖 州")', []],
    ['bureau:兖州', [{ ...bureau, exclude: [7, 9] }], '(@bureauf "兖 州")', ['bureau_h NOT IN (7,9)']],
    ['执法', [{ kind: 'names', attr: 'province_h', hashes: [3] }], '(@body "执 法")', ['province_h IN (3)']],
  ]
  for (const [q, filters, match, where] of cases) {
    const parsed = parseQuery(q)
    t.same(sectionQuery(parsed, filters), { match, where, impossible: false }, q)
  }
  t.same(
    sectionQuery(parseQuery('执法', { report: '037702a21ec7' }), []).where,
    [`rid = ${ridOf('037702a21ec7')}`],
    'one report: its rid',
  )
  t.same(
    sectionQuery(parseQuery('执法'), [{ kind: 'names', attr: 'bureau_h', hashes: [] }]).impossible,
    true,
    'a filter no name holds matches nothing',
  )
})

t.test('a place or bureau word also matches the metadata fields; a plain word the body alone', async (t) => {
  const lexicon = {
    synonyms: Synonyms.parse('[机构]\n卫健局 = 卫生健康局\n[做法]\n卫监 = 卫生监督'),
    places: new Map([['兖州', ['兖州区']]]),
  }
  const cases: [string, string][] = [
    ['兖州 执法', '((@body "兖 州") | (@placef "x 兖 州 区 y")) (@body "执 法")'],
    [
      '卫健局',
      '(((@body "卫 健 局") | (@bureauf "卫 健 局") | (@bureauf "卫 生 健 康 局")) | (@body "卫 生 健 康 局"))',
    ],
    ['卫监', '(@body ("卫 监" | "卫 生 监 督"))'],
    ['执法 -兖州', '(@body "执 法") -((@body "兖 州") | (@placef "x 兖 州 区 y"))'],
    ['"兖州"', '(@body "兖 州")'],
  ]
  for (const [q, match] of cases)
    t.equal(sectionQuery(parseQuery(q, {}, undefined, lexicon), []).match, match, q)
})

t.test('the top tier: every split word standing whole', async (t) => {
  const q = parseQuery('执法培训 普法')
  t.equal(topTier(q), 1)
  t.equal(tierClause(q), '(@body "执 法 培 训")')
  t.equal(
    sectionQuery(q, [], true).match,
    '(@body ("执 法" "培 训")) (@body "普 法") (@body "执 法 培 训")',
    'added to the query',
  )
  const or = parseQuery('行政执法 OR 执法培训 OR 法治培训')
  t.equal(tierClause(or), '(@body ("执 法 培 训" | "法 治 培 训"))', 'one of the group’s split words')
  t.equal(tierClause(parseQuery('"执法培训" 普法')), null, 'phrases and one-piece words have no tier')
  t.equal(sectionTier(q, '开展执法培训和普法'), 1)
  t.equal(sectionTier(q, '执法人员培训普法'), 0)
  t.equal(sectionTier(parseQuery('执法培训 安全生产'), '执法培训安全生产'), 2)
  t.equal(sectionTier(parseQuery('执法培训 OR 安全生产'), '执法培训安全生产'), 1, 'one per group')
  t.equal(termClause(parseQuery('执法培训').required[0]?.[0] as never), '("执 法" "培 训")')
})

t.test('WHERE: MATCH first, quoted; attribute conditions after', async (t) => {
  t.equal(whereClause({ match: null, where: [], impossible: false }), '')
  t.equal(
    whereClause({ match: '(@body "执 法")', where: ['year = 2025'], impossible: false }, ['rid IN (1)']),
    ` WHERE MATCH('(@body "执 法")') AND year = 2025 AND rid IN (1)`,
  )
})

t.test('bureau and province filters: the embedded engine’s substring test, on raw names', async (t) => {
  const names = [
    { name: '济宁市兖州区卫生健康局', hash: 1 },
    { name: '兖 州某局', hash: 2 },
  ]
  t.same(textFilter('bureau', '兖州', names), {
    kind: 'phrase',
    field: 'bureauf',
    folded: '兖州',
    attr: 'bureau_h',
    exclude: [2],
  })
  t.same(textFilter('province', '兖 州', names), { kind: 'names', attr: 'province_h', hashes: [2] })
  t.same(textFilter('bureau', 'ＡＢ', names), { kind: 'names', attr: 'bureau_h', hashes: [] })
  t.ok(foldsToItself('兖州'))
  t.notOk(foldsToItself('LED'))
  t.notOk(foldsToItself('·'))
  t.notOk(foldsToItself(''))
})

t.test('tokens, phrases, ids and shards', async (t) => {
  t.equal(phrase('led屏'), '"l e d 屏"')
  t.equal(phrase('综合', true), '"^综 合"')
  const high = String.fromCodePoint(0x10ffff)
  t.equal([...tokenText(high)].length, 2)
  t.not(tokenText(high), tokenText(String.fromCodePoint(0x10fffe)))
  t.equal(ridOf('179c8dc22e96'), 0x179c8dc22e96)
  t.equal(reportIdOf(ridOf('037702a21ec7')), '037702a21ec7')
  t.throws(() => ridOf('nope'), /not a report id/)
  t.equal(sectionDocId(1, 2), String((1 << 15) + 2))
  t.equal(sectionDocId(0xffffffffffff, MAX_SECTIONS), ((1n << 63n) - 1n).toString(), 'below 2^63')
  const ids = Array.from({ length: 3000 }, (_, i) => i.toString(16).padStart(12, '0'))
  for (const n of [1, 2, 3, 7]) {
    const counts = new Array(n).fill(0)
    for (const id of ids) counts[shardOf(id, n)]++
    t.ok(
      counts.every((c) => Math.abs(c - ids.length / n) < ids.length / n / 5),
      `${n} shards: even (${counts})`,
    )
  }
  const moved = ids.filter((id) => shardOf(id, 4) !== shardOf(id, 5)).length
  t.ok(moved < ids.length * 0.25, `4 → 5 shards moves ${moved} of ${ids.length}, about a fifth`)
  t.ok(
    ids.every((id) => shardOf(id, 5) === shardOf(id, 4) || shardOf(id, 5) === 4),
    'and only to the new shard',
  )
})

t.test('configs: every node on its own ports and paths, the aggregator with mirrors', async (t) => {
  t.equal(portsNeeded(2, 2), 9)
  const layout = planLayout(2, 2, [1, 2, 3, 4, 5, 6, 7, 8, 9])
  t.same(
    layout.shards.map((m) => m.map((n) => [n.name, n.sqlPort, n.apiPort])),
    [
      [
        ['shard0-mirror0', 1, 2],
        ['shard0-mirror1', 3, 4],
      ],
      [
        ['shard1-mirror0', 5, 6],
        ['shard1-mirror1', 7, 8],
      ],
    ],
  )
  t.equal(layout.aggregator.sqlPort, 9)
  t.throws(() => planLayout(0, 1, []), /shards must be 1 or more/)
  t.throws(() => planLayout(1, 1.5, []), /mirrors must be 1 or more/)
  t.throws(() => planLayout(1, 1, [1, 2]), /3 ports are needed, 2 given/)
  const node = layout.shards[1]?.[0]
  if (!node) throw new Error('no node')
  const config = dataNodeConfig(node, '/d/n')
  for (const line of [
    'listen = 127.0.0.1:5:mysql41',
    'listen = 127.0.0.1:6',
    'pid_file = /d/n/searchd.pid',
    'log = /d/n/searchd.log',
    'query_log = /d/n/query.log',
    'binlog_path = /d/n',
    'path = /d/n/sections',
    'ngram_len = 1',
    'ngram_chars = U+0030..U+0039, U+0061..U+007A, U+00AA..U+2FFFF',
    'rt_attr_multi_64 = rids',
    'watchdog = 0',
  ])
    t.match(config, line)
  const aggregator = aggregatorConfig(layout, '/d/a')
  t.match(aggregator, 'agent_persistent = 127.0.0.1:2|127.0.0.1:4:sections')
  t.match(aggregator, 'agent_persistent = 127.0.0.1:6|127.0.0.1:8:sections')
  t.match(aggregator, 'agent_persistent = 127.0.0.1:2|127.0.0.1:4|127.0.0.1:6|127.0.0.1:8:reports')
  t.match(aggregator, 'ha_strategy = nodeads')
  t.match(aggregator, 'listen = 127.0.0.1:9:mysql41')
})

t.test('literals and batches', async (t) => {
  t.equal(quote("a'b\\c"), "'a\\'b\\\\c'")
  t.equal(int(12), '12')
  t.equal(int(-3n), '-3')
  t.throws(() => int('1 OR 1'), /not an integer/)
  t.equal(list([1, 2]), '(1,2)')
  t.equal(literal([1, 2n]), '(1,2)')
  t.equal(literal([]), '()')
  t.equal(literal('x'), "'x'")
  const rows = Array.from({ length: 5 }, (_, i) => [i, 'x'.repeat(40)])
  const statements = replaceStatements('t', ['id', 's'], rows, 100)
  t.equal(statements.length, 3, 'two rows of about 50 bytes each per 100-byte statement')
  t.match(statements[0], /^REPLACE INTO t \(id, s\) VALUES \(0, 'x+'\), \(1, 'x+'\)$/)
  t.same(replaceStatements('t', ['id'], []), [])
})

t.test('reading META and warnings', async (t) => {
  t.equal(incomplete({ total: '3' }), null)
  t.equal(incomplete({ warning: 'w' }), 'w')
  t.equal(incomplete({ error: 'e', warning: 'w' }), 'e')
  t.same(
    failedAgents(
      'index sections: agent 127.0.0.1:2031: connect() failed; index sections: agent 127.0.0.1:2032: x; agent 127.0.0.1:2031: y',
    ),
    ['127.0.0.1:2031', '127.0.0.1:2032'],
  )
  t.same(failedAgents('unknown column'), [])
})
