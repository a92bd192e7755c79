import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import t from 'tap'
import type { IndexedReport } from '../index/types.js'
import { buildIndex } from '../indexer/build.js'
import { saveIndex } from '../indexer/save.js'
import { TextSpill } from '../indexer/text-spill.js'
import { corpusDir, tempDir } from './helpers/corpus.js'

const report = (body: string) =>
  ({ body, sections: [{ start: 0, end: body.length }] }) as unknown as IndexedReport

t.test('texts moved to the spill read back as they were, and leave no file behind', async (t) => {
  const dir = await tempDir(t)
  const spill = TextSpill.inFolder(dir)
  // The first is longer than a batch of writes: it goes to the file at once.
  const texts = ['执'.repeat(400_000), '综合查一次', '', '首违不罚、轻微免罚\n第二段', '𠀋 beyond the BMP']
  const reports = texts.map(report)
  for (const r of reports) spill.take(r, [r.body])
  t.equal(typeof Object.getOwnPropertyDescriptor(reports[0], 'body')?.get, 'function', 'written at once')
  t.equal(Object.getOwnPropertyDescriptor(reports[1], 'body')?.value, '综合查一次', 'in memory till written')
  t.ok(spill.bodies(), 'the texts written')
  t.ok(
    reports.every((r) => typeof Object.getOwnPropertyDescriptor(r, 'body')?.get === 'function'),
    'every text read back from the file',
  )
  t.same(
    reports.map((r) => r.body),
    texts,
  )
  t.same(
    reports.map((r) => r.body),
    texts,
    'read again',
  )
  t.same(await readdir(dir), [], 'the file is unlinked as soon as it is made')
})

t.test('a spill that cannot write (the disk full) leaves the texts in memory', async (t) => {
  const spill = TextSpill.onFile('/dev/full')
  const reports = ['执法培训', '行政复议'].map(report)
  for (const r of reports) spill.take(r, [r.body])
  t.same(
    reports.map((r) => r.body),
    ['执法培训', '行政复议'],
  )
  t.same(Object.getOwnPropertyDescriptor(reports[1], 'body')?.value, '行政复议', 'still a plain value')
  t.equal(spill.bodies(), null, 'nothing for the save to copy')
  t.equal(spill.sections(), null, 'nor sections')
  t.equal(spill.folded(), null, 'nor folded texts')
})

t.test(
  'a spill whose sections cannot be written gives the save neither texts nor sections to copy',
  async (t) => {
    const dir = await tempDir(t)
    const texts = join(dir, 'texts')
    await writeFile(texts, '')
    const spill = TextSpill.onFile(texts, '/dev/full')
    const reports = ['执法培训', '行政复议'].map(report)
    for (const r of reports) spill.take(r, [r.body])
    t.same(
      reports.map((r) => r.body),
      ['执法培训', '行政复议'],
    )
    t.equal(spill.bodies(), null, 'the save encodes the texts itself')
    t.equal(spill.sections(), null, 'and the sections, at the places it gives them')
    t.equal(spill.folded(), null, 'and the folded texts')
  },
)

t.test('a build that spills its texts indexes exactly what one that keeps them does', async (t) => {
  const dir = await tempDir(t)
  const kept = await buildIndex({ corpusDir, maxFileBytes: 1e7 })
  const spilled = await buildIndex({ corpusDir, maxFileBytes: 1e7, spillDir: dir })
  t.same(
    spilled.reports.map((r) => r.body),
    kept.reports.map((r) => r.body),
  )
  t.same(spilled.atlas, kept.atlas)
  t.same(spilled.vocabulary, kept.vocabulary)
  t.same(await readdir(dir), [])
  // Saved, the copied spill is the texts file the kept texts make, and every report's places agree.
  const [fromKept, fromSpill] = [await saveIndex(await tempDir(t), kept), await saveIndex(dir, spilled)]
  t.ok(spilled.bodies, 'the spill is copied')
  t.ok(spilled.sections, 'and its sections')
  t.ok(spilled.folded, 'and its folded texts')
  for (const file of ['bodies.bin', 'sections.bin', 'folded.bin'])
    t.ok(
      (await readFile(join(fromSpill.dir, file))).equals(await readFile(join(fromKept.dir, file))),
      `${file} byte for byte`,
    )
  const shard = async (dir: string) =>
    (JSON.parse(await readFile(join(dir, 'reports-0000.json'), 'utf8')) as { sectionsAt: number[] }[]).map(
      (r) => r.sectionsAt,
    )
  t.same(await shard(fromSpill.dir), await shard(fromKept.dir), 'each report’s range in sections.bin')
  t.same(
    fromSpill.reports.map((r) => r.sections),
    kept.reports.map((r) => r.sections),
  )
  t.same(
    fromSpill.reports.map((r) => [r.bodyAt, r.sectionAt]),
    fromKept.reports.map((r) => [r.bodyAt, r.sectionAt]),
  )
  t.same(
    fromSpill.reports.map((r) => fromSpill.body(r)),
    kept.reports.map((r) => r.body),
  )
  t.same(
    fromSpill.reports.flatMap((r) => r.sections.map((_, i) => fromSpill.sectionText(r, i))),
    kept.reports.flatMap((r) => r.sections.map((s) => r.body.slice(s.start, s.end))),
    'every section decodes alone',
  )
})
