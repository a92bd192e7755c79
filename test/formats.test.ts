import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { normalize } from '../index/text/normalize.js'
import { buildIndex } from '../indexer/build.js'
import { saveIndex } from '../indexer/save.js'
import { SearchEngine } from '../server/search/engine.js'
import { tempDir } from './helpers/corpus.js'
import { docx, webPage, writeFixture } from './helpers/fixtures.js'

// Two shipped reports as their bureaus would publish them (test/fixtures/, made by
// scripts/make-fixtures.ts): text, a web page, .docx, .doc, PDF and OFD, in simplified and
// traditional characters. Every one must read to the same report.

const fixtures = fileURLToPath(new URL('./fixtures/', import.meta.url))
const families = ['dazu', 'lishu'] as const
const scripts = ['', '-hant'] as const
const formats = ['txt', 'html', 'docx', 'doc', 'pdf', 'ofd'] as const

// Read off the reports: the title line, the signature, the divisions the bureau's name holds.
const expected = {
  dazu: {
    title: '重庆市大足区卫生健康委员会关于2025年法治政府建设情况的报告',
    titleDerived: false,
    bureau: '重庆市大足区卫生健康委员会',
    province: '重庆市',
    city: null,
    county: '大足区',
    year: 2025,
    date: '2026-01-12',
    indexNo: null,
  },
  lishu: {
    title: '梨树县卫生健康局关于2025年度法治政府建设情况的报告',
    titleDerived: false,
    bureau: '梨树县卫生健康局',
    province: '吉林省',
    city: '四平市',
    county: '梨树县',
    year: 2025,
    date: null,
    indexNo: null,
  },
}

/** The fixture's file for a variant; the text, web page and .docx are made here from its text. */
async function variant(family: string, script: string, format: (typeof formats)[number]): Promise<Buffer> {
  const base = `${fixtures}${family}${script}`
  if (format === 'doc' || format === 'pdf' || format === 'ofd' || format === 'txt')
    return readFile(`${base}.${format}`)
  const text = (await readFile(`${base}.txt`, 'utf8')).trimEnd()
  if (format === 'docx') return docx(text)
  const lines = text.split('\n')
  const titleLines = family === 'lishu' ? 2 : 1
  return Buffer.from(webPage(lines.slice(0, titleLines).join(''), lines.slice(titleLines), {}))
}

const corpus = await (async () => {
  const dir = await tempDir(t)
  for (const family of families)
    for (const script of scripts)
      for (const format of formats)
        await writeFixture(dir, `${family}${script}.${format}`, await variant(family, script, format))
  return saveIndex(await tempDir(t), await buildIndex({ corpusDir: dir }))
})()
const engine = new SearchEngine(corpus, { cacheSize: 0 })
const familyOf = (source: string) => source.replace(/(-hant)?\.\w+$/, '')

t.test('every format and script is read', async (t) => {
  t.same(
    corpus.files.filter((f) => f.error),
    [],
    'nothing skipped',
  )
  t.equal(corpus.reports.length, families.length * scripts.length * formats.length)
  t.same([...new Set(corpus.reports.map((r) => r.format))].sort(), [...formats].sort())
})

t.test('the same metadata from every format, in either script', async (t) => {
  for (const report of corpus.reports) {
    const { id: _id, source, ...meta } = report.meta
    t.same(meta, expected[familyOf(source) as keyof typeof expected], source)
  }
})

t.test('the same outline from every format: paths (folded) and parts', async (t) => {
  const outline = (source: string) =>
    corpus.reports.find((r) => r.meta.source === source)?.sections.map((s) => [s.path.map(normalize), s.part])
  for (const family of families) {
    const reference = outline(`${family}.txt`)
    t.ok((reference?.length ?? 0) > 15, `${family}: ${reference?.length} sections`)
    for (const script of scripts)
      for (const format of formats) {
        const source = `${family}${script}.${format}`
        t.same(outline(source), reference, source)
      }
  }
})

t.test('the same search answers from every format, in either script', async (t) => {
  /** For each report found: how many of its sections match, and the best ones' paths (folded). */
  const answers = (q: string) =>
    new Map(
      engine
        .search({ q, size: 100 })
        .results.map((result) => [
          result.report.source,
          { matches: result.matches, paths: result.hits.map((hit) => hit.path.map(normalize)) },
        ]),
    )
  // Read off the reports' text: 综合查一次 is in 大足 (three sections) and not in 梨树; 执法 and
  // 双随机、一公开 are in both.
  const cases: [string, string[], number | null][] = [
    ['"综合查一次"', ['dazu'], 3],
    ['綜合查一次', ['dazu'], 3],
    ['执法', ['dazu', 'lishu'], null],
    ['執法', ['dazu', 'lishu'], null],
    ['"双随机一公开"', ['dazu', 'lishu'], null],
  ]
  for (const [q, expectedFamilies, sections] of cases) {
    const found = answers(q)
    const variants = expectedFamilies.flatMap((family) =>
      scripts.flatMap((script) => formats.map((format) => `${family}${script}.${format}`)),
    )
    t.same([...found.keys()].sort(), variants.sort(), `${q}: every variant of ${expectedFamilies}`)
    for (const family of expectedFamilies) {
      const reference = found.get(`${family}.txt`)
      if (sections !== null) t.equal(reference?.matches, sections, `${q}: ${sections} sections of ${family}`)
      for (const source of variants.filter((v) => familyOf(v) === family))
        t.same(found.get(source), reference, `${q}: ${source} like ${family}.txt`)
    }
  }
})

t.test('snippets mark the characters each variant wrote', async (t) => {
  const response = engine.search({ q: '执法', size: 100 })
  const snippets = new Map(response.results.map((r) => [r.report.source, r.hits[0]?.snippet ?? '']))
  t.match(snippets.get('dazu.pdf'), /<mark>执法<\/mark>/)
  t.match(snippets.get('dazu-hant.pdf'), /<mark>執法<\/mark>/)
  t.match(snippets.get('lishu-hant.ofd'), /<mark>執法<\/mark>/)
})
