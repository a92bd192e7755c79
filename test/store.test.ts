import { readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { INDEX_VERSION } from '../index/format.js'
import { foldedTexts, IndexLoadError, loadIndex, readManifest } from '../index/load.js'
import { pipelineHash } from '../index/text/segment.js'
import { packWords, unpackWords, wordsOf } from '../index/words.js'
import { buildIndex } from '../indexer/build.js'
import { ensureIndex } from '../indexer/ensure.js'
import { reusableFiles } from '../indexer/reuse.js'
import { saveIndex } from '../indexer/save.js'
import { shipped, shippedBytes, tempDir } from './helpers/corpus.js'
import { writeFixture } from './helpers/fixtures.js'

async function corpusOf(t: Test, ...names: (keyof typeof shipped)[]) {
  const dir = await tempDir(t)
  for (const name of names) await writeFixture(dir, shipped[name], await shippedBytes(name))
  return dir
}

t.test('an index saved and loaded is the same index', async (t) => {
  const corpus = await corpusOf(t, '合作', '大足')
  const data = await tempDir(t)
  const built = await buildIndex({ corpusDir: corpus, maxFileBytes: 1e7 })
  await saveIndex(data, built)
  const loaded = await loadIndex(data)
  // A report's sections are read from sections.bin when first used, whichever is asked first.
  const [first, second] = loaded?.reports ?? []
  const parsed = (r: object | undefined) => Object.getOwnPropertyDescriptor(r, 'sections')?.get === undefined
  t.notOk(parsed(first), 'sections not parsed at load')
  t.same(first?.sectionAt.length, 2 * (built.reports[0]?.sections.length ?? 0))
  t.same(second?.sections, built.reports[1]?.sections)
  t.ok(parsed(first) && parsed(second), 'parsed once used, and kept')
  t.same(
    loaded?.reports.map((r) => {
      const { bodyAt: _, sectionAt: __, ...report } = r
      return { ...report, body: loaded.body(r) }
    }),
    built.reports,
    'reports, their texts read from bodies.bin',
  )
  t.same(
    loaded?.reports.flatMap((r) => r.sections.map((_, i) => loaded.sectionText(r, i))),
    built.reports.flatMap((r) => r.sections.map((s) => r.body.slice(s.start, s.end))),
    'each section’s text read from its own bytes',
  )
  t.same(loaded?.files, built.files)
  t.equal(loaded?.fingerprint, built.fingerprint)
  const suggestions = loaded?.vocabularyIndex.search('综合', { prefix: true }).map((r) => r.id)
  t.ok(suggestions?.includes('综合查一次'), 'the vocabulary index completes 综合 to 综合查一次')
  t.equal(await loadIndex(await tempDir(t)), null, 'no index: null')
})

t.test(
  'the saved index is reused while the corpus is unchanged, rebuilt when a file is added, changed or removed',
  async (t) => {
    const corpus = await corpusOf(t, '合作', '梨树')
    const data = await tempDir(t)
    const first = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
    t.equal(first.rebuilt, true)
    t.equal(first.index.reports.length, 2)
    const again = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
    t.equal(again.rebuilt, false)
    t.equal(again.index.fingerprint, first.index.fingerprint)
    // Read while the corpus is listed, as a start does: kept when the corpus is as it was.
    const ahead = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7, readAhead: true })
    t.match(ahead, { rebuilt: false, reason: 'corpus unchanged' })

    await writeFixture(corpus, shipped.湟中, await shippedBytes('湟中'))
    // Read ahead and called off when the corpus turns out to have changed.
    const added = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7, readAhead: true })
    t.equal(added.rebuilt, true, 'added')
    t.match(added.reason, /changed/)
    t.equal(added.index.reports.length, 3)

    await writeFile(
      join(corpus, shipped.梨树),
      `${(await shippedBytes('梨树')).toString()}\n新增一段：推行“综合查一次”。`,
    )
    const changed = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
    t.equal(changed.rebuilt, true, 'changed')
    const changedReport = changed.index.reports.find((r) => r.meta.source === shipped.梨树)
    t.ok(changedReport && changed.index.body(changedReport).includes('新增一段'))

    await rm(join(corpus, shipped.合作))
    const removed = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
    t.equal(removed.rebuilt, true, 'removed')
    t.same(removed.index.reports.map((r) => r.meta.source).sort(), [shipped.梨树, shipped.湟中].sort())
    t.same(
      (await readdir(data)).filter((f) => f.startsWith('index-')).length,
      1,
      'older index folders are cleared away',
    )
  },
)

t.test('a crash while writing leaves the previous index usable', async (t) => {
  const corpus = await corpusOf(t, '大足')
  const data = await tempDir(t)
  await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
  const before = await readManifest(data)
  // What a crash leaves: a half-written folder and a half-written pointer, never a renamed one.
  await writeFile(join(data, 'CURRENT.tmp'), 'index-half')
  await writeFixture(data, '.tmp-index-half', '')
  const loaded = await loadIndex(data)
  t.equal(loaded?.dir, before?.dir)
  t.equal(loaded?.reports.length, 1)
})

t.test('a damaged index is detected by its checksum and rebuilt', async (t) => {
  const corpus = await corpusOf(t, '大足')
  await writeFixture(corpus, 'notes.xls', 'PK')
  const data = await tempDir(t)
  const { index } = await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
  const shard = join(index.dir, 'reports-0000.json')
  const bytes = await readFile(shard)
  await writeFile(shard, bytes.subarray(0, bytes.length - 10))
  await t.rejects(loadIndex(data), IndexLoadError)
  const logged: string[] = []
  const repaired = await ensureIndex({
    corpusDir: corpus,
    dataDir: data,
    maxFileBytes: 1e7,
    log: (m) => logged.push(m),
  })
  t.equal(repaired.rebuilt, true)
  t.match(logged[0], /unusable: reports-0000.json is damaged/)
  t.match(logged[1], /skipped notes.xls: the file type is not one the indexer reads/)
  t.equal(repaired.index.reports.length, 1)

  await writeFile(join(repaired.index.dir, 'manifest.json'), '{"version": 999, "shards": []}')
  await t.rejects(loadIndex(data), /version 999/)
  await rm(join(repaired.index.dir, 'vocabulary.json'))
  await writeFile(
    join(repaired.index.dir, 'manifest.json'),
    JSON.stringify({ version: INDEX_VERSION, shards: [{ name: 'vocabulary.json', crc32: 0, bytes: 0 }] }),
  )
  await t.rejects(loadIndex(data), /cannot be read/)
  await writeFile(
    join(repaired.index.dir, 'manifest.json'),
    JSON.stringify({ version: INDEX_VERSION, shards: [] }),
  )
  await t.rejects(loadIndex(data), /is missing from the index/)
  await writeFile(join(data, 'CURRENT'), '../../etc')
  t.equal(await loadIndex(data), null, 'a pointer outside the data folder is ignored')
})

t.test('a rebuild reads only the files that changed, and gives the index a full build gives', async (t) => {
  const corpus = await corpusOf(t, '兖州', '合作', '湟中', '大足', '梨树')
  const data = await tempDir(t)
  await ensureIndex({ corpusDir: corpus, dataDir: data, maxFileBytes: 1e7 })
  const 梨树 = (await shippedBytes('梨树')).toString('utf8')
  await writeFixture(corpus, '东丰县卫生健康局_2025.txt', 梨树.replace('梨树县', '东丰县'))
  await writeFixture(
    corpus,
    shipped.合作,
    `${(await shippedBytes('合作')).toString('utf8')}\n推行“首问到底”。`,
  )
  const previous = await reusableFiles(data, pipelineHash)
  t.equal(previous?.size, 5, 'the five reports of the index in use')
  const read: string[] = []
  const reused = await buildIndex({
    corpusDir: corpus,
    maxFileBytes: 1e7,
    previous,
    onFile: (_done, _total, record) => read.push(record.source),
  })
  t.same(read.sort(), ['东丰县卫生健康局_2025.txt', shipped.合作].sort(), 'the new file and the changed one')
  const full = await buildIndex({ corpusDir: corpus, maxFileBytes: 1e7 })
  t.same(
    reused.reports.map((r) => [r.meta, r.body, r.sections]),
    full.reports.map((r) => [r.meta, r.body, r.sections]),
  )
  t.same(reused.text.folded, full.text.folded)
  t.same([...reused.text.keys], [...full.text.keys])
  t.same([...reused.text.idBytes], [...full.text.idBytes])
  t.same([...reused.text.tf], [...full.text.tf])
  t.same(reused.vocabulary, full.vocabulary)
  t.same(
    reused.reports.map((_, r) => wordsOf(reused.words, r)),
    full.reports.map((_, r) => wordsOf(full.words, r)),
    'each report keeps its words',
  )
  t.same(reused.atlas, full.atlas)
  t.equal(reused.fingerprint, full.fingerprint)
  t.same(
    reused.files.map(({ mtimeMs: _, ...f }) => f),
    full.files.map(({ mtimeMs: _, ...f }) => f),
  )

  t.equal(await reusableFiles(data, 'another dictionary'), null, 'words cut otherwise are not reused')
  await writeFile(join(data, 'CURRENT'), 'index-gone')
  t.equal(await reusableFiles(data, pipelineHash), null, 'nothing to reuse without an index')
})

t.test("each report's words are saved once as numbers and read back as they were", async (t) => {
  const words = {
    list: ['执法', '培训', '首违不罚'],
    byReport: [Uint32Array.of(0, 1), Uint32Array.of(), Uint32Array.of(2, 0)],
  }
  const back = unpackWords(packWords(words))
  t.same(back.list, words.list)
  t.same(
    back.byReport.map((ids) => [...ids]),
    [[0, 1], [], [2, 0]],
  )
  t.same(wordsOf(back, 2), ['首违不罚', '执法'])
  t.same(wordsOf(back, 3), [], 'a report past the last has none')
  t.throws(() => unpackWords(Buffer.from('not a words file')), /not a words file/)
})

t.test('folded texts come back whole, each its own string, read a chunk at a time', async (t) => {
  const sections = ['执法培训', '', '首违不罚', 'ab', '综合查一次', '法']
  const starts = new Uint32Array(sections.length + 1)
  for (const [s, text] of sections.entries()) starts[s + 1] = (starts[s] as number) + text.length
  const path = join(await tempDir(t), 'folded.bin')
  await writeFile(path, Buffer.from(sections.join(''), 'utf16le'))
  t.same(await foldedTexts(path, starts, sections.length), sections)
  // Chunks of 8 bytes: sections shared out across chunks, and ones longer than a chunk.
  t.same(await foldedTexts(path, starts, sections.length, 8), sections, 'small chunks')
  t.same(await foldedTexts(path, starts, 0), [], 'no sections, no texts')
  const short = { name: 'IndexLoadError', message: 'folded.bin is shorter than its sections' }
  // Starts past the end (a damaged postings file): refused before any chunk is made.
  await t.rejects(foldedTexts(path, Uint32Array.from([0, 2 ** 31]), 1), short)
  // A file that shrinks while it is read.
  const shrinking = join(await tempDir(t), 'folded.bin')
  await writeFile(shrinking, Buffer.from(sections.join(''), 'utf16le'))
  const reading = foldedTexts(shrinking, starts, sections.length, 8)
  await truncate(shrinking, 4)
  await t.rejects(reading, short)
})
