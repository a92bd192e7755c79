import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import t, { type Test } from 'tap'
import { normalize } from '../index/text/normalize.js'
import { buildIndex } from '../indexer/build.js'
import { saveIndex } from '../indexer/save.js'
import { SearchEngine } from '../server/search/engine.js'
import { matchQuery } from '../server/search/match.js'
import { parseQuery } from '../server/search/query-parser.js'
import { appFor, shippedCorpusIndex } from './helpers/app.js'
import { tempDir } from './helpers/corpus.js'

const short: Record<string, string> = {
  济宁市兖州区卫生健康局: '兖州',
  合作市卫生健康局: '合作',
  西宁市湟中区卫生健康局: '湟中',
  重庆市大足区卫生健康委员会: '大足',
  梨树县卫生健康局: '梨树',
}
type Result = { report: { bureau: string }; hits: { snippet: string; sectionId: string; part: string }[] }

async function search(t: Test, q: string, extra = '') {
  const app = await appFor(t)
  const res = await app.inject(`/api/search?q=${encodeURIComponent(q)}&size=100${extra}`)
  t.equal(res.statusCode, 200, `${q}: ${res.body.slice(0, 200)}`)
  return res.json()
}
const bureausOf = (body: { results: Result[] }) => body.results.map((r) => short[r.report.bureau]).sort()

// The answers are read off the reports' text (grep the corpus for each phrase).
t.test('"综合查一次" is in exactly 兖州, 合作 and 大足', async (t) => {
  const body = await search(t, '"综合查一次"')
  t.same(bureausOf(body), ['兖州', '合作', '大足'].sort())
  t.equal(body.total, 3)
  t.equal(body.sectionsTotal, 5, '兖州 1, 合作 1, 大足 3 sections')
  for (const r of body.results as Result[])
    for (const h of r.hits) t.match(h.snippet, '<mark>综合查一次</mark>')
})

t.test('"双随机一公开" is in exactly 大足 and 梨树, written “双随机、一公开”', async (t) => {
  const body = await search(t, '"双随机一公开"')
  t.same(bureausOf(body), ['大足', '梨树'].sort())
  for (const r of body.results as Result[])
    for (const h of r.hits) t.match(h.snippet, '<mark>双随机、一公开</mark>')
})

t.test('首违不罚 is in 合作 only', async (t) => {
  t.same(bureausOf(await search(t, '首违不罚')), ['合作'])
})

t.test('谁执法谁普法 is in every report but 大足', async (t) => {
  t.same(bureausOf(await search(t, '谁执法谁普法')), ['兖州', '合作', '湟中', '梨树'].sort())
})

t.test('phrases that cut across jieba words, and a single character', async (t) => {
  // 查一次 stands only inside 综合查一次; 次办 inside 一次办 (湟中, 大足, 梨树); 政府建 in every report.
  t.same(bureausOf(await search(t, '"查一次"')), ['兖州', '合作', '大足'].sort())
  t.same(bureausOf(await search(t, '"次办"')), ['湟中', '大足', '梨树'].sort())
  t.same(bureausOf(await search(t, '"政府建"')), ['兖州', '合作', '湟中', '大足', '梨树'].sort())
  t.same(bureausOf(await search(t, '"蚊"')), ['兖州'], '蚊 (蚊虫耐药性) only in 兖州')
})

t.test('a word typed without quotes ranks the exact sequence first', async (t) => {
  const engine = new SearchEngine(await shippedCorpusIndex(t))
  const query = parseQuery('执法培训')
  const matches = matchQuery(engine.index, query)
  const ranked = [...matches.ids].map((s, i) => ({
    exact: engine.text.folded[s]?.includes('执法培训'),
    score: matches.scores[i] as number,
  }))
  ranked.sort((a, b) => b.score - a.score)
  const firstScattered = ranked.findIndex((r) => !r.exact)
  t.ok(ranked.filter((r) => r.exact).length > 0, 'some sections hold 执法培训')
  t.ok(
    ranked.slice(firstScattered).every((r) => !r.exact),
    'every exact section ranks above every scattered one',
  )
  t.ok(firstScattered > 0)
})

t.test('OR, exclusion and filters', async (t) => {
  const either = await search(t, '首违不罚 OR 四张清单')
  t.same(bureausOf(either), ['合作'])
  const without = await search(t, '"综合查一次" -制度')
  t.same(bureausOf(without), ['兖州', '大足'].sort(), '合作 writes 推行“综合查一次”制度')
  const filtered = await search(t, '"综合查一次"', '&province=%E9%87%8D%E5%BA%86')
  t.same(bureausOf(filtered), ['大足'])
  const inQuery = await search(t, '"综合查一次" part:plans')
  t.same(bureausOf(inQuery), ['兖州'], 'only 兖州 puts it in its plans')
  const byYear = await search(t, '普法 year:2024')
  t.equal(byYear.total, 0)
  const onlyFilter = await search(t, 'bureau:梨树')
  t.same(bureausOf(onlyFilter), ['梨树'])
  t.equal(onlyFilter.sectionsTotal, 19)
})

t.test('results: grouped by report, best first, facets over all matches, pages', async (t) => {
  const all = await search(t, '执法')
  t.equal(all.total, 5)
  const sum = (facet: { count: number }[]) => facet.reduce((n, f) => n + f.count, 0)
  t.equal(sum(all.facets.bureau), 5)
  t.equal(sum(all.facets.part), all.sectionsTotal, 'part facet counts sections')
  t.same(all.facets.year, [{ value: '2025', count: 5 }])
  const scores = all.results.map((r: { score: number }) => r.score)
  t.same(
    scores,
    [...scores].sort((a, b) => b - a),
    'best report first',
  )
  const app = await appFor(t)
  const page1 = (await app.inject('/api/search?q=%E6%89%A7%E6%B3%95&size=2&page=1')).json()
  const page3 = (await app.inject('/api/search?q=%E6%89%A7%E6%B3%95&size=2&page=3')).json()
  const page9 = (await app.inject('/api/search?q=%E6%89%A7%E6%B3%95&size=2&page=9')).json()
  t.equal(page1.results.length, 2)
  t.equal(page3.results.length, 1)
  t.equal(page9.results.length, 0)
  t.same(page1.facets, all.facets, 'facets do not depend on the page')
  t.equal(page1.results[0].report.id, all.results[0].report.id)
  for (const r of all.results as Result[]) t.ok(r.hits.length <= 3 && r.hits.length > 0)
})

t.test('/api/bureaus answers which bureaus report a practice, most sections first, and as CSV', async (t) => {
  const app = await appFor(t)
  const res = await app.inject(`/api/bureaus?q=${encodeURIComponent('综合查一次')}`)
  const body = res.json()
  t.equal(body.total, 3)
  const rows = body.bureaus.map((b: { bureau: string; matches: number }) => [short[b.bureau], b.matches])
  t.same(rows[0], ['大足', 3], '大足 names it in three sections')
  t.same(rows.slice(1).sort(), [
    ['兖州', 1],
    ['合作', 1],
  ])
  for (const b of body.bureaus) t.match(b.snippet, '<mark>综合查一次</mark>')
  const csv = await app.inject(`/api/bureaus.csv?q=${encodeURIComponent('综合查一次')}`)
  t.equal(csv.statusCode, 200)
  t.match(csv.headers['content-type'], /text\/csv; charset=utf-8/)
  t.match(csv.headers['content-disposition'], /attachment/)
  t.equal(csv.rawPayload.subarray(0, 3).toString('hex'), 'efbbbf', 'UTF-8 BOM for Excel')
  const lines = csv.body
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\n')
  t.equal(lines[0], '单位,省,市,县区,年度,匹配段落数,报告标题,报告ID,摘录')
  t.equal(lines.length, 4)
  t.notMatch(csv.body, /<mark>/)
})

t.test('/api/suggest completes from the vocabulary and the quoted practices', async (t) => {
  const app = await appFor(t)
  const suggest = async (q: string) =>
    (await app.inject(`/api/suggest?q=${encodeURIComponent(q)}`)).json().suggestions
  t.ok((await suggest('综合')).includes('综合查一次'), '综合 → 综合查一次')
  t.ok((await suggest('双随')).includes('双随机一公开'))
  t.same(await suggest(''), [])
  t.same(await suggest('，。'), [])
  t.same(await suggest('zzzz'), [])
})

t.test('errors users can cause get a 4xx with a code, never a 500', async (t) => {
  const app = await appFor(t)
  const cases: [string, number, string][] = [
    [`/api/search?q=${'执'.repeat(201)}`, 400, 'QUERY_TOO_LONG'],
    ['/api/search?q=', 400, 'QUERY_EMPTY'],
    ['/api/search', 400, 'QUERY_EMPTY'],
    ['/api/search?q=%EF%BC%8C%E3%80%82', 400, 'QUERY_NO_TERMS'],
    ['/api/search?q=-', 400, 'QUERY_NO_TERMS'],
    ['/api/search?q=x&size=0', 400, 'BAD_PARAMETER'],
    ['/api/search?q=x&size=101', 400, 'BAD_PARAMETER'],
    ['/api/search?q=x&page=0', 400, 'BAD_PARAMETER'],
    ['/api/search?q=x&page=abc', 400, 'BAD_PARAMETER'],
    ['/api/search?q=x&year=twenty', 400, 'BAD_FILTER'],
    ['/api/search?q=x&part=nothing', 400, 'BAD_FILTER'],
    ['/api/search?q=x&bureau=', 400, 'BAD_FILTER'],
    ['/api/bureaus?q=', 400, 'QUERY_EMPTY'],
    ['/api/bureaus.csv?q=%22', 400, 'QUERY_NO_TERMS'],
  ]
  for (const [url, status, code] of cases) {
    const res = await app.inject(url)
    t.equal(res.statusCode, status, url.slice(0, 60))
    t.equal(res.json().error.code, code, url.slice(0, 60))
  }
  const unbalanced = await app.inject(`/api/search?q=${encodeURIComponent('"综合查一次')}`)
  t.equal(unbalanced.json().total, 3, 'an unclosed quote runs to the end')
  const repeated = await app.inject('/api/search?q=a&q=b')
  t.ok(repeated.statusCode < 500)
})

t.test('snippets are escaped: text from a report never becomes markup', async (t) => {
  const corpus = await tempDir(t)
  const evil = '推行<script>alert(1)</script>与<img src=x onerror=alert(2)>综合查一次&"\''
  await writeFile(
    join(corpus, 'evil.txt'),
    `某某县司法局关于2025年度法治政府建设情况的报告\n${evil}\n一、主要举措和成效\n（一）加强领导。`,
  )
  const index = await saveIndex(await tempDir(t), await buildIndex({ corpusDir: corpus, maxFileBytes: 1e6 }))
  const engine = new SearchEngine(index)
  const hit = engine.search({ q: '综合查一次' }).results[0]?.hits[0]
  t.ok(hit)
  t.match(hit?.snippet, '&lt;script&gt;alert(1)&lt;/script&gt;')
  t.match(hit?.snippet, '&lt;img src=x onerror=alert(2)&gt;')
  t.match(hit?.snippet, '<mark>综合查一次</mark>&amp;&quot;&#39;')
  t.notMatch(hit?.snippet.replace(/<\/?mark>/g, ''), /[<>]/)
})

t.test('property: every exact phrase answer equals a plain scan of the folded text', async (t) => {
  const index = await shippedCorpusIndex(t)
  const sections = index.reports.flatMap((r) => r.sections.map((_, i) => index.sectionText(r, i)))
  const scan = sections.map((text) => normalize(text))
  const pick = fc.record({
    section: fc.nat({ max: sections.length - 1 }),
    at: fc.nat({ max: 10_000 }),
    length: fc.integer({ min: 1, max: 14 }),
  })
  let checked = 0
  fc.assert(
    fc.property(pick, ({ section, at, length }) => {
      const text = sections[section] as string
      const start = at % text.length
      const raw = text.slice(start, start + length)
      const folded = normalize(raw)
      fc.pre(folded.length > 0)
      checked++
      const expected = scan.flatMap((s, i) => (s.includes(folded) ? [i] : []))
      const actual = [...matchQuery(index, parseQuery(`"${folded}"`)).ids]
      return JSON.stringify(actual) === JSON.stringify(expected)
    }),
    { numRuns: 600, seed: 20261123 },
  )
  t.ok(checked >= 400, `${checked} random substrings compared with the scan`)
  // The same through the raw text, punctuation and all, as a user would paste it.
  for (const raw of [
    '“双随机、一公开”监管',
    '(一)强化政治引领,压实',
    '2025年1-11月',
    '“放管服”改革',
    'ＬＥＤ屏',
  ]) {
    const folded = normalize(raw)
    const expected = scan.flatMap((s, i) => (s.includes(folded) ? [i] : []))
    const actual = [...matchQuery(index, parseQuery(`"${raw.replace(/["“”]/g, '')}"`)).ids]
    t.same(actual, expected, raw)
  }
})
