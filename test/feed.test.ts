// The Atom feeds of saved searches, on the multi-year fixture corpus: read with a real XML parser and
// checked against RFC 4287; expected answers read off the fixture's files (grep them).

import { copyFile, cp } from 'node:fs/promises'
import { join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import t from 'tap'
import { ensureIndex } from '../indexer/ensure.js'
import { buildApp } from '../server/app.js'
import { xmlText } from '../server/atom.js'
import { liveOf } from './helpers/app.js'
import { readAtom } from './helpers/atom.js'
import { corpusDir, shipped, tempDir } from './helpers/corpus.js'
import { type YearsName, yearsCorpusDir, yearsIndex, yearsNameOf } from './helpers/years.js'

const feed = async (app: FastifyInstance, query: string) => {
  const res = await app.inject(`/api/search.atom?${query}`)
  t.equal(res.statusCode, 200, query)
  t.match(res.headers['content-type'], /^application\/atom\+xml; charset=utf-8$/)
  return readAtom(res.body)
}

t.test('text for XML: markup escaped, what XML forbids dropped', async (t) => {
  const cases: [string, string][] = [
    ['综合查一次', '综合查一次'],
    ['<mark>a & b</mark>', '&lt;mark&gt;a &amp; b&lt;/mark&gt;'],
    [`"'`, '&quot;&apos;'],
    ['a\u0000b\u0008c\u001fd', 'abcd'],
    ['tab\tand\nline', 'tab\tand\nline'],
    ['\uD800lone', 'lone'],
    ['\uFFFE\uFFFF', ''],
    ['𠀀', '𠀀'],
  ]
  for (const [text, xml] of cases) t.equal(xmlText(text), xml, JSON.stringify(text))
})

t.test('the validator refuses what Atom does not allow', async (t) => {
  const head = '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
  const feedParts =
    '<id>http://x/feed</id><title>t</title><updated>2026-01-01T00:00:00Z</updated><author><name>a</name></author>'
  const entry = (inner: string) => `${head}${feedParts}<entry>${inner}</entry></feed>`
  const good =
    '<id>http://x/1</id><title>e</title><updated>2026-01-01T00:00:00Z</updated><link href="http://x/1"/><summary>s</summary>'
  t.equal(readAtom(entry(good)).entries.length, 1, 'a minimal valid feed')
  const bad: [string, string, RegExp][] = [
    ['not well-formed', `${head}${feedParts}<entry></feed>`, /not well-formed/],
    ['a bare ampersand', `${head}${feedParts.replace('>t<', '>a & b<')}</feed>`, /not well-formed/],
    ['a control character', `${head}${feedParts.replace('>t<', '>\u0001<')}</feed>`, /not well-formed/],
    [
      'Atom without its namespace',
      `<?xml version="1.0" encoding="utf-8"?>\n<feed>${feedParts}</feed>`,
      /not atom:feed/,
    ],
    ['no declaration', `<feed xmlns="http://www.w3.org/2005/Atom">${feedParts}</feed>`, /no XML declaration/],
    ['not Atom', '<?xml version="1.0" encoding="utf-8"?>\n<rss/>', /not atom:feed/],
    [
      'no feed id',
      `${head}<title>t</title><updated>2026-01-01T00:00:00Z</updated></feed>`,
      /atom:id, not one/,
    ],
    ['a relative id', entry(good.replace('http://x/1', '/reports/1')), /absolute IRI/],
    ['a bad date', entry(good.replace('2026-01-01T00:00:00Z', '2026-01-01')), /RFC 3339/],
    ['a bad published', entry(`${good}<published>yesterday</published>`), /published is not RFC 3339/],
    ['two titles', entry(`${good}<title>f</title>`), /2 atom:title/],
    ['no link and no content', entry(good.replace('<link href="http://x/1"/>', '')), /needs a link/],
    ['two alternates of a type', entry(`${good}<link href="http://x/2"/>`), /two alternate links/],
    [
      'no author anywhere',
      `${head}${feedParts.replace('<author><name>a</name></author>', '')}<entry>${good}</entry></feed>`,
      /no author/,
    ],
  ]
  for (const [what, xml, reason] of bad) t.throws(() => readAtom(xml), reason, what)
})

t.test(
  'a saved search’s feed: every report it finds, newest first, each with its best section',
  async (t) => {
    const index = await yearsIndex(t)
    const app = await buildApp({ index })
    t.teardown(() => app.close())
    const nameOf = yearsNameOf(index)
    const names = (entries: { id: string }[]) => entries.map((e) => nameOf(e.id.split('/').pop() ?? ''))

    // 综合查一次 stands in 合作's two editions, 大足's 2025 and 兖州's (大足 2024's edition has it taken out).
    // One build indexed them all at once: the latest signed first.
    const atom = await feed(app, 'q=%E7%BB%BC%E5%90%88%E6%9F%A5%E4%B8%80%E6%AC%A1')
    t.same(names(atom.entries), ['兖州2025', '大足2025', '合作2025', '合作2024'] satisfies YearsName[])
    t.equal(atom.title, '法治政府建设报告检索：综合查一次')
    t.match(atom.self, /^http:\/\/localhost(?::80)?\/api\/search\.atom\?q=%E7/)
    t.match(atom.alternate, /\/\?q=%E7%BB%BC/, 'the search page for the same query')
    t.equal(atom.updated, atom.entries[0]?.updated)
    for (const entry of atom.entries) {
      const id = entry.id.split('/').pop() as string
      const report = (await app.inject(`/api/reports/${id}`)).json()
      t.equal(entry.author, report.bureau, 'the bureau is the author')
      t.equal(entry.title, report.title)
      t.equal(entry.published, `${report.date}T00:00:00+08:00`, 'published: the signing date')
      t.equal(entry.updated, index.reports.find((r) => r.meta.id === id)?.indexedAt)
      t.ok(entry.categories.includes(String(report.year)))
      const link = new URL(entry.link)
      t.equal(link.pathname, `/reports/${id}`)
      t.equal(link.searchParams.get('q'), '综合查一次')
      const section = report.sections.find((s: { id: string }) => `#${s.id}` === link.hash)
      t.match(section?.text, /综合查一次/, 'the link opens the reader at a section that holds it')
      t.match(entry.summary, '<mark>综合查一次</mark>', 'the snippet, as HTML')
      t.match(entry.summary, report.bureau)
      t.match(entry.summary, `成文日期 ${report.date}`)
    }

    const filtered = await feed(app, 'q=%E7%BB%BC%E5%90%88%E6%9F%A5%E4%B8%80%E6%AC%A1&year=2024')
    t.same(names(filtered.entries), ['合作2024'], 'filters as the search takes them')
    t.match(filtered.alternate, /year=2024/)
    const two = await feed(app, 'q=%E7%BB%BC%E5%90%88%E6%9F%A5%E4%B8%80%E6%AC%A1&size=2')
    t.same(names(two.entries), ['兖州2025', '大足2025'], 'size: the newest few')

    const nothing = await feed(app, `q=${encodeURIComponent('"没有这个做法"')}`)
    t.same(nothing.entries, [], 'a query that finds nothing: a valid feed with no entries')
    t.equal(nothing.updated, index.builtAt, 'updated: when the index was built')

    const bad: [string, number, string][] = [
      ['q=', 400, 'QUERY_EMPTY'],
      ['q=%EF%BC%8C', 400, 'QUERY_NO_TERMS'],
      [`q=${'执'.repeat(201)}`, 400, 'QUERY_TOO_LONG'],
      ['q=x&size=0', 400, 'BAD_PARAMETER'],
      ['q=x&size=101', 400, 'BAD_PARAMETER'],
      ['q=x&year=twenty', 400, 'BAD_FILTER'],
    ]
    for (const [query, status, code] of bad) {
      const res = await app.inject(`/api/search.atom?${query}`)
      t.equal(res.statusCode, status, query.slice(0, 40))
      t.equal(res.json().error.code, code, query.slice(0, 40))
    }
  },
)

t.test('a report dropped into the corpus tops the feeds it matches after the next rebuild', async (t) => {
  const corpus = await tempDir(t)
  const data = await tempDir(t)
  await cp(yearsCorpusDir, corpus, { recursive: true })
  const { index } = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
  const app = await buildApp({ index, config: { corpusDir: corpus, dataDir: data, rateLimitMax: 0 } })
  t.teardown(() => app.close())
  // 谁执法谁普法: 合作 (both editions), 兖州 and 梨树; 湟中's report names it too.
  const query = `q=${encodeURIComponent('谁执法谁普法')}`
  const before = await feed(app, query)
  t.equal(before.entries.length, 4)
  t.notOk(before.entries.some((e) => e.author === '西宁市湟中区卫生健康局'))

  await copyFile(join(corpusDir, shipped.湟中), join(corpus, shipped.湟中))
  await liveOf(app).reindex()
  const after = await feed(app, query)
  t.equal(after.entries.length, 5)
  t.equal(after.entries[0]?.author, '西宁市湟中区卫生健康局', 'the new report comes first')
  t.ok((after.entries[0]?.updated ?? '') > before.updated, 'indexed after the others')
  t.same(
    after.entries.slice(1).map((e) => [e.id, e.updated]),
    before.entries.map((e) => [e.id, e.updated]),
    'the others keep the time they were first indexed',
  )
  t.equal(after.updated, after.entries[0]?.updated)
})
