import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { mkdir, readFile, symlink } from 'node:fs/promises'
import { join } from 'node:path'
import JSZip from 'jszip'
import t from 'tap'
import { defaults, readLimits } from '../common/config.js'
import { readManifest } from '../index/load.js'
import { buildIndex } from '../indexer/build.js'
import { buildInChildProcess } from '../indexer/child-build.js'
import { corpusState } from '../indexer/corpus.js'
import { capSections, outline } from '../indexer/outline.js'
import { FilePool } from '../indexer/pool.js'
import { processFile } from '../indexer/process-file.js'
import { parseReport } from '../indexer/report.js'
import { saveIndex } from '../indexer/save.js'
import { spellWords } from '../indexer/words.js'
import { buildApp } from '../server/app.js'
import { shipped, shippedBytes, shippedText, tempDir } from './helpers/corpus.js'
import { encodings, repeated, writeFixture, zipBombDocx } from './helpers/fixtures.js'

/** Each file of a build, with its error code or 'indexed'. */
const outcomes = (index: Awaited<ReturnType<typeof buildIndex>>) =>
  Object.fromEntries(index.files.map((f) => [f.source, f.error?.code ?? 'indexed']))

t.test('a zip bomb is skipped at the unzip cap; the report beside it is indexed', async (t) => {
  const dir = await tempDir(t)
  // 130 MB of one character in a .docx of about 140 KB: over the default cap of 100 MB.
  const bomb = await zipBombDocx(130 * 1024 * 1024)
  t.ok(bomb.length < 1024 * 1024, `the bomb is ${bomb.length} bytes on disk`)
  await writeFixture(dir, 'bomb.docx', bomb)
  await writeFixture(dir, shipped.梨树, await shippedBytes('梨树'))
  const index = await buildIndex({ corpusDir: dir })
  t.same(outcomes(index), { 'bomb.docx': 'FILE_UNZIP_TOO_LARGE', [shipped.梨树]: 'indexed' })
  t.match(index.files.find((f) => f.source === 'bomb.docx')?.error?.message, /MAX_UNZIP_BYTES/)
  t.equal(index.reports.length, 1)
})

t.test('a bomb under a lower cap, and a .docx that is no zip, are told apart', async (t) => {
  const small = await zipBombDocx(3 * 1024 * 1024)
  const code = (source: string, bytes: Uint8Array, maxUnzipBytes: number) =>
    parseReport(source, bytes, { maxUnzipBytes }).then(
      () => 'indexed',
      (error) => error.code,
    )
  t.equal(await code('small.docx', small, 1024 * 1024), 'FILE_UNZIP_TOO_LARGE')
  t.equal(await code('fine.docx', small, 10 * 1024 * 1024), 'indexed', 'under the cap it is read')
  const notWord = await new JSZip().file('hello.txt', '你好').generateAsync({ type: 'nodebuffer' })
  t.equal(
    await code('not-word.docx', notWord, 10 * 1024 * 1024),
    'FILE_UNREADABLE',
    'a zip, but no Word file',
  )
  const cut = small.subarray(0, Math.floor(small.length / 2))
  t.equal(await code('truncated.docx', cut, 10 * 1024 * 1024), 'FILE_UNREADABLE')
})

/**
 * The largest file a build reads (just under its 20 MB), in the encoding slowest to read: GB18030,
 * guessed and decoded before it is cleaned, outlined, folded and cut, 1.3 s of a reader on this
 * machine and more than 64 MB of heap. A report of a few kilobytes takes 30 ms and 8 MB.
 */
const hugeGb18030 = async () => encodings.gb18030(repeated(await shippedText('梨树'), 4600))

t.test('a file over the time budget is skipped with FILE_TIMEOUT; the others are indexed', async (t) => {
  const dir = await tempDir(t)
  // Half a second: under half the huge file's time, over ten times a small report's.
  await writeFixture(dir, 'huge.txt', await hugeGb18030())
  await writeFixture(dir, shipped.大足, await shippedBytes('大足'))
  await writeFixture(dir, shipped.合作, await shippedBytes('合作'))
  const index = await buildIndex({ corpusDir: dir, fileTimeoutMs: 500 })
  t.same(outcomes(index), {
    'huge.txt': 'FILE_TIMEOUT',
    [shipped.大足]: 'indexed',
    [shipped.合作]: 'indexed',
  })
  t.match(index.files.find((f) => f.source === 'huge.txt')?.error?.message, /FILE_TIMEOUT_MS/)
})

t.test(
  'a file over the memory budget is skipped with FILE_OUT_OF_MEMORY; the others are indexed',
  async (t) => {
    const dir = await tempDir(t)
    // A heap of 96 MB: a reader run from the sources (as here) needs more than 64 MB to start; a small
    // report needs 8 more, the huge file more than 64.
    await writeFixture(dir, 'huge.txt', await hugeGb18030())
    await writeFixture(dir, shipped.大足, await shippedBytes('大足'))
    const index = await buildIndex({ corpusDir: dir, fileMemoryMb: 96, workers: 1 })
    t.same(outcomes(index), { 'huge.txt': 'FILE_OUT_OF_MEMORY', [shipped.大足]: 'indexed' })
  },
)

t.test('a build that releases its readers leaves none running once the files are read', async (t) => {
  const dir = await tempDir(t)
  await writeFixture(dir, shipped.梨树, await shippedBytes('梨树'))
  // A memory budget of its own: a pool no other test's build shares.
  const index = await buildIndex({ corpusDir: dir, fileMemoryMb: 333, releaseReaders: true })
  t.same(outcomes(index), { [shipped.梨树]: 'indexed' })
  const readers = () =>
    execFileSync('ps', ['-o', 'stat=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
      .split('\n')
      .filter((line) => line.includes('reader-main') && line.includes('--max-old-space-size=333'))
      .filter((line) => !line.trim().startsWith('Z'))
  // Killed at once; gone from the process table as soon as the system says so.
  for (let tries = 0; readers().length > 0 && tries < 50; tries++)
    await new Promise((r) => setTimeout(r, 100))
  t.same(readers(), [])
})

t.test('every file is fingerprinted by its content, whether a reader read it or not', async (t) => {
  const dir = await tempDir(t)
  await writeFixture(dir, shipped.梨树, await shippedBytes('梨树'))
  await writeFixture(dir, 'notes.xyz', '不是报告')
  await writeFixture(dir, 'broken.docx', 'not a zip')
  await writeFixture(dir, 'huge.txt', repeated(await shippedText('大足'), 50))
  const index = await buildIndex({ corpusDir: dir, maxFileBytes: 100_000 })
  t.same(outcomes(index), {
    'broken.docx': 'FILE_UNREADABLE',
    'huge.txt': 'FILE_TOO_LARGE',
    'notes.xyz': 'FILE_UNSUPPORTED',
    [shipped.梨树]: 'indexed',
  })
  for (const file of index.files)
    t.equal(
      file.hash,
      createHash('sha256')
        .update(await readFile(join(dir, file.source)))
        .digest('hex'),
      file.source,
    )
  t.equal(index.fingerprint, (await corpusState(dir)).fingerprint, 'the fingerprint a start compares with')
})

t.test('one giant paragraph becomes sections of at most MAX_SECTION_CHARS', async (t) => {
  const body = `某某县卫生健康局2025年法治政府建设情况报告\n${'法'.repeat(50_000)}\n${'执法检查。'.repeat(1000)}`
  const sections = outline(body)
  t.ok(sections.length > 25, `${sections.length} sections`)
  t.ok(
    sections.every((s) => s.end - s.start <= defaults.maxSectionChars),
    'none longer than the cap',
  )
  t.same(
    sections.map((s) => s.n),
    sections.map((_, i) => i + 1),
    'numbered in order',
  )
  t.equal(
    sections.map((s) => body.slice(s.start, s.end)).join(''),
    body.slice(sections[0]?.start),
    'nothing lost',
  )
  const cut = sections.filter((s) => body.slice(s.start, s.end).startsWith('执法'))
  t.ok(
    cut.length > 0 && cut.every((s) => body[s.end - 1] === '。'),
    'a piece ends at a sentence end where one is near',
  )
  const astral = `${'𠀀'.repeat(30)}`
  const pieces = capSections([{ n: 1, path: [], part: 'intro', start: 0, end: astral.length }], astral, 7)
  t.ok(
    pieces.every((s) => !/[\uD800-\uDBFF]$/.test(astral.slice(s.start, s.end))),
    'never between the halves of a character',
  )
  t.equal(capSections(sections, body, 1e9), sections, 'sections under the cap are kept as they are')
})

t.test('a build process that fails says why, and the server’s index is untouched', async (t) => {
  const data = await tempDir(t)
  const logged: string[] = []
  await t.rejects(
    buildInChildProcess({ corpusDir: join(data, 'no-such-folder'), dataDir: data, ...readLimits() }, (line) =>
      logged.push(line),
    ),
    { message: /ENOENT/ },
  )
  t.equal(await readManifest(data), null, 'no index was made')
})

t.test('a file is read in this thread the same way a worker reads it', async (t) => {
  const dir = await tempDir(t)
  const path = await writeFixture(dir, shipped.梨树, await shippedBytes('梨树'))
  const limits = { ...defaults }
  const outcome = await processFile({ source: shipped.梨树, path, size: 10, limits })
  t.ok(outcome.ok)
  if (outcome.ok) {
    t.equal(outcome.value.report.meta.bureau, '梨树县卫生健康局')
    t.equal(outcome.value.folded.length, outcome.value.report.sections.length)
    t.ok(spellWords(outcome.value.words).includes('卫生'), 'its words, as jieba cuts them')
  }
  const missing = await processFile({ source: 'gone.txt', path: join(dir, 'gone.txt'), size: 1, limits })
  t.match(missing, { ok: false, code: 'FILE_UNREADABLE', message: /ENOENT/ })
  const crash = await processFile({ source: 'x.txt', path: dir, size: 1, limits })
  t.match(crash, { ok: false, code: 'FILE_UNREADABLE' }, 'a folder where a file should be')
})

t.test('a memory budget too small for a reader to start fails the build, saying so', async (t) => {
  const dir = await tempDir(t)
  await writeFixture(dir, shipped.梨树, await shippedBytes('梨树'))
  await t.rejects(buildIndex({ corpusDir: dir, fileMemoryMb: 2 }), {
    message: /a reader process could not start/,
  })
})

/** The processes this one has started and not yet reaped. */
const children = () =>
  readFileSync(`/proc/${process.pid}/task/${process.pid}/children`, 'utf8').split(' ').filter(Boolean)

t.test('readers started ahead of a build read its files, whether ready or still starting', async (t) => {
  const dir = await tempDir(t)
  await writeFixture(dir, shipped.梨树, await shippedBytes('梨树'))
  const want = { [shipped.梨树]: 'indexed' }
  // Ready before the build asks: they wait with the idle readers.
  await FilePool.withMemory(1001).warm(2)
  t.same(outcomes(await buildIndex({ corpusDir: dir, fileMemoryMb: 1001 })), want)
  // Still starting when the build asks: it waits for one.
  const starting = FilePool.withMemory(1002).warm(1)
  t.same(outcomes(await buildIndex({ corpusDir: dir, fileMemoryMb: 1002 })), want)
  await starting
})

t.test(
  'a reader started ahead that cannot start fails only the build that takes it, saying so',
  async (t) => {
    const dir = await tempDir(t)
    await writeFixture(dir, shipped.梨树, await shippedBytes('梨树'))
    // Taken while starting: the build fails with the reader's reason.
    void FilePool.withMemory(3).warm(1)
    await t.rejects(buildIndex({ corpusDir: dir, fileMemoryMb: 3 }), {
      message: /a reader process could not start/,
    })
    // Failed before any build asked: dropped, and the next build starts its own (which fails alike).
    await FilePool.withMemory(4).warm(1)
    await t.rejects(buildIndex({ corpusDir: dir, fileMemoryMb: 4 }), {
      message: /a reader process could not start/,
    })
  },
)

t.test('readers let go while still starting do not outlive the release', async (t) => {
  const before = children().length
  const pool = FilePool.withMemory(1003)
  const started = pool.warm(2)
  pool.release()
  await started
  for (let i = 0; i < 100 && children().length > before; i++) await new Promise((r) => setTimeout(r, 50))
  t.equal(children().length, before)
})

t.test('symbolic links: followed inside the corpus, skipped with a reason when they lead out', async (t) => {
  const dir = await tempDir(t)
  const outside = await tempDir(t)
  await writeFixture(dir, shipped.梨树, await shippedBytes('梨树'))
  await mkdir(join(dir, '2025'))
  await writeFixture(outside, 'secret.txt', '外部文件，不应被索引。')
  await symlink(join(dir, shipped.梨树), join(dir, '2025', 'link-inside.txt'))
  await symlink(join(dir, '2025'), join(dir, 'folder-link'))
  await symlink(dir, join(dir, '2025', 'loop'))
  await symlink(join(outside, 'secret.txt'), join(dir, 'link-outside.txt'))
  await symlink(join(dir, 'nothing.txt'), join(dir, 'link-broken.txt'))
  const index = await buildIndex({ corpusDir: dir })
  t.same(outcomes(index), {
    [shipped.梨树]: 'indexed',
    '2025/link-inside.txt': 'indexed',
    '2025/loop': 'FILE_LINK_NOT_FOLLOWED',
    'folder-link': 'FILE_LINK_NOT_FOLLOWED',
    'link-outside.txt': 'FILE_LINK_NOT_FOLLOWED',
    'link-broken.txt': 'FILE_LINK_NOT_FOLLOWED',
  })
  const reason = (source: string) => index.files.find((f) => f.source === source)?.error?.message
  t.match(reason('link-outside.txt'), /out of the corpus folder: .*secret\.txt/)
  t.match(reason('link-broken.txt'), /leads nowhere/)
  t.match(reason('folder-link'), /a folder/)
  t.notOk(
    index.reports.some((r) => r.body.includes('外部文件')),
    'nothing outside the corpus is read',
  )
})

t.test('a file of one character, a megabyte long: every answer about it stays small', async (t) => {
  const dir = await tempDir(t)
  await writeFixture(
    dir,
    'one-character.txt',
    // 法 and a comma, a million characters: every 法 a match of its own.
    `某某县卫生健康局2025年法治政府建设情况报告\n${'法，'.repeat(500_000)}`,
  )
  await writeFixture(dir, shipped.梨树, await shippedBytes('梨树'))
  const index = await saveIndex(await tempDir(t), await buildIndex({ corpusDir: dir }))
  const app = await buildApp({ index, config: { rateLimitMax: 0 } })
  t.teardown(() => app.close())
  const giant = index.reports.find((r) => r.meta.source === 'one-character.txt')
  t.ok(giant && giant.sections.length >= 500, `${giant?.sections.length} sections`)
  const { results } = (await app.inject({ url: '/api/search', query: { q: '法' } })).json()
  const hits = results.flatMap((r: { hits: { snippet: string }[] }) => r.hits)
  t.ok(hits.length > 0)
  t.ok(
    hits.every(
      (h: { snippet: string }) => h.snippet.replace(/<\/?mark>/g, '').length <= 2 * defaults.snippetLength,
    ),
    'every snippet is about snippetLength characters',
  )
  const report = (await app.inject(`/api/reports/${giant?.meta.id}?q=法`)).json()
  const marked = report.sections
    .map((s: { marked?: string }) => s.marked?.match(/<mark>/g)?.length ?? 0)
    .reduce((a: number, b: number) => a + b, 0)
  t.ok(marked > 0 && marked <= defaults.maxReportMarks, `${marked} matches marked, at most maxReportMarks`)
})
