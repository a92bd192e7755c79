import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import t from 'tap'
import { normalize } from '../index/text/normalize.js'
import { buildIndex } from '../indexer/build.js'
import { saveIndex } from '../indexer/save.js'
import { SearchEngine } from '../server/search/engine.js'
import { matchQuery } from '../server/search/match.js'
import { parseQuery } from '../server/search/query-parser.js'
import { shippedCorpusIndex } from './helpers/app.js'
import { tempDir } from './helpers/corpus.js'

// The HTTP answers every backend must give are in test/contract/suite.ts; these are the embedded
// engine's own.

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

t.test('a facet’s top values are those a full sort by count, then name, gives', async (t) => {
  const { topFacet } = await import('../server/search/engine.js')
  const values = ['丙', '乙', '甲', '丁', 'b', 'a', '戊', '己']
  const byName = Uint32Array.from(values.keys()).sort((a, b) =>
    (values[a] as string) < (values[b] as string) ? -1 : 1,
  )
  const sorted = (counts: number[], limit: number) =>
    counts
      .map((count, id) => ({ value: values[id] as string, count }))
      .filter((f) => f.count > 0)
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, limit)
  fc.assert(
    fc.property(
      fc.array(fc.nat({ max: 4 }), { minLength: 8, maxLength: 8 }),
      fc.integer({ min: 1, max: 9 }),
      (counts, limit) => {
        t.same(topFacet(values, byName, Uint32Array.from(counts), limit), sorted(counts, limit))
      },
    ),
    { numRuns: 300, seed: 7 },
  )
})
