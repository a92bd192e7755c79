import t from 'tap'
import type { AppError } from '../common/errors.js'
import { filterValue, highlights, type ParsedQuery, parseQuery } from '../server/search/query-parser.js'

/** A compact view of a parsed query: groups of kind:folded, exclusions, filters. */
const view = (p: ParsedQuery) => ({
  required: p.required.map((g) =>
    g.map(
      (term) => `${term.kind}:${term.folded}${term.pieces.length > 1 ? `[${term.pieces.join('/')}]` : ''}`,
    ),
  ),
  excluded: p.excluded.map((term) => `${term.kind}:${term.folded}`),
  filters: p.filters,
})

const errorCode = (f: () => unknown) => {
  try {
    f()
    return 'parsed'
  } catch (error) {
    return (error as AppError).code
  }
}

t.test('query syntax cases', async (t) => {
  const cases: [string, ReturnType<typeof view>][] = [
    ['综合查一次 执法', { required: [['word:综合查一次'], ['word:执法']], excluded: [], filters: {} }],
    ['"双随机一公开"', { required: [['phrase:双随机一公开']], excluded: [], filters: {} }],
    ['“双随机、一公开”', { required: [['phrase:双随机一公开']], excluded: [], filters: {} }],
    ['「放管服」', { required: [['phrase:放管服']], excluded: [], filters: {} }],
    ['执法 -培训', { required: [['word:执法']], excluded: ['word:培训'], filters: {} }],
    ['执法 -"专项培训"', { required: [['word:执法']], excluded: ['phrase:专项培训'], filters: {} }],
    ['普法 OR 宣传', { required: [['word:普法', 'word:宣传']], excluded: [], filters: {} }],
    [
      '执法 普法 OR 宣传 OR "法治讲座"',
      { required: [['word:执法'], ['word:普法', 'word:宣传', 'phrase:法治讲座']], excluded: [], filters: {} },
    ],
    ['普法 | 宣传', { required: [['word:普法', 'word:宣传']], excluded: [], filters: {} }],
    ['查一次', { required: [['word:查一次[查/一次]']], excluded: [], filters: {} }],
    ['执法培训', { required: [['word:执法培训[执法/培训]']], excluded: [], filters: {} }],
    [
      'bureau:兖州 province:山东 year:2025 part:problems 执法',
      {
        required: [['word:执法']],
        excluded: [],
        filters: { bureau: '兖州', province: '山东', year: 2025, part: 'problems' },
      },
    ],
    [
      'part:问题不足 单位：大足 普法',
      { required: [['word:普法']], excluded: [], filters: { part: 'problems', bureau: '大足' } },
    ],
    [
      'bureau:"兖州区卫生健康局" 执法',
      { required: [['word:执法']], excluded: [], filters: { bureau: '兖州区卫生健康局' } },
    ],
    ['bureau:兖州', { required: [], excluded: [], filters: { bureau: '兖州' } }],
    ['ＬＥＤ屏', { required: [['word:led屏[led/屏]']], excluded: [], filters: {} }],
    ['的', { required: [['word:的']], excluded: [], filters: {} }],
    ['http://x.cn 执法', { required: [['word:httpxcn'], ['word:执法']], excluded: [], filters: {} }],
    // Malformed input gets its best reading.
    ['"双随机一公开', { required: [['phrase:双随机一公开']], excluded: [], filters: {} }],
    ['执法 - 培训', { required: [['word:执法'], ['word:培训']], excluded: [], filters: {} }],
    ['OR 执法 OR', { required: [['word:执法']], excluded: [], filters: {} }],
    ['执法 ，。！ 培训', { required: [['word:执法'], ['word:培训']], excluded: [], filters: {} }],
    ['""" 执法', { required: [['phrase:执法']], excluded: [], filters: {} }],
    ['执法"普法"', { required: [['word:执法'], ['phrase:普法']], excluded: [], filters: {} }],
  ]
  for (const [q, expected] of cases) t.same(view(parseQuery(q)), expected, q)
})

t.test('queries with nothing to search are refused with a code', async (t) => {
  const cases: [string, string][] = [
    ['', 'QUERY_EMPTY'],
    ['   \u3000 ', 'QUERY_EMPTY'],
    ['，。！？、', 'QUERY_NO_TERMS'],
    ['-', 'QUERY_NO_TERMS'],
    ['""', 'QUERY_NO_TERMS'],
    // It has a word, and leaves it out: the page says to add a word to find.
    ['-培训', 'QUERY_ONLY_EXCLUSIONS'],
    ['-培训 -"专项培训"', 'QUERY_ONLY_EXCLUSIONS'],
    ['OR', 'QUERY_NO_TERMS'],
    ['year:20x5 执法', 'BAD_FILTER'],
    ['part:summary 执法', 'BAD_FILTER'],
    ['year:2025..2023 执法', 'BAD_FILTER'],
    ['year:.. 执法', 'BAD_FILTER'],
    ['date:2026-13 执法', 'BAD_FILTER'],
    ['date:2026-02-30 执法', 'BAD_FILTER'],
    ['date:2026-02..2026-01 执法', 'BAD_FILTER'],
    ['date:昨天 执法', 'BAD_FILTER'],
  ]
  for (const [q, code] of cases)
    t.equal(
      errorCode(() => parseQuery(q)),
      code,
      JSON.stringify(q),
    )
})

t.test('year ranges and signing dates, in the query syntax', async (t) => {
  const cases: [string, object][] = [
    ['year:2025 执法', { year: 2025 }],
    ['year:2023..2025 执法', { yearFrom: 2023, yearTo: 2025 }],
    ['年度:2023~2025 执法', { yearFrom: 2023, yearTo: 2025 }],
    ['年度:2023至2025 执法', { yearFrom: 2023, yearTo: 2025 }],
    ['year:2024.. 执法', { yearFrom: 2024 }],
    ['year:..2024 执法', { yearTo: 2024 }],
    ['date:2026 执法', { dateFrom: '2026-01-01', dateTo: '2026-12-31' }],
    ['date:2026-01 执法', { dateFrom: '2026-01-01', dateTo: '2026-01-31' }],
    ['date:2024-2 执法', { dateFrom: '2024-02-01', dateTo: '2024-02-29' }],
    ['成文日期:2025-12-01..2026-01-12 执法', { dateFrom: '2025-12-01', dateTo: '2026-01-12' }],
    ['日期:2025年12月..2026年1月12日 执法', { dateFrom: '2025-12-01', dateTo: '2026-01-12' }],
    ['date:2026-01.. 执法', { dateFrom: '2026-01-01' }],
    ['date:..2025 执法', { dateTo: '2025-12-31' }],
    ['date:2026/1/5 执法', { dateFrom: '2026-01-05', dateTo: '2026-01-05' }],
  ]
  for (const [q, filters] of cases) t.same(parseQuery(q).filters, filters, q)
  t.same(parseQuery('date:2026', { bureau: '大足' }).filters, {
    bureau: '大足',
    dateFrom: '2026-01-01',
    dateTo: '2026-12-31',
  })
})

t.test('filter values', async (t) => {
  t.equal(filterValue('dateFrom', '2026-01'), '2026-01-01')
  t.equal(filterValue('dateTo', '2026-01'), '2026-01-31')
  t.equal(filterValue('dateTo', '2025'), '2025-12-31')
  t.equal(filterValue('yearFrom', '2023'), 2023)
  t.equal(filterValue('report', '037702a21ec7'), '037702a21ec7')
  for (const [field, value] of [
    ['report', '037702A21EC7'],
    ['report', 'x'],
    ['dateFrom', '2026-00'],
    ['dateTo', '26-01-01'],
    ['yearTo', '二〇二五'],
  ] as const)
    t.equal(
      errorCode(() => filterValue(field, value)),
      'BAD_FILTER',
      `${field}=${value}`,
    )
  t.equal(filterValue('year', ' 2025 '), 2025)
  t.equal(filterValue('part', 'PLANS'), 'plans')
  t.equal(filterValue('part', '工作安排'), 'plans')
  t.equal(
    errorCode(() => filterValue('bureau', '  ')),
    'BAD_FILTER',
  )
  t.equal(
    errorCode(() => filterValue('year', '25')),
    'BAD_FILTER',
  )
})

t.test(
  'what a snippet marks: phrases, words as typed and their words of two characters or more',
  async (t) => {
    t.same(highlights(parseQuery('查一次 "双随机、一公开" -培训')), ['双随机一公开', '查一次', '一次'])
  },
)
