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
    ['-培训', 'QUERY_NO_TERMS'],
    ['OR', 'QUERY_NO_TERMS'],
    ['year:20x5 执法', 'BAD_FILTER'],
    ['part:summary 执法', 'BAD_FILTER'],
  ]
  for (const [q, code] of cases)
    t.equal(
      errorCode(() => parseQuery(q)),
      code,
      JSON.stringify(q),
    )
})

t.test('filter values', async (t) => {
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
