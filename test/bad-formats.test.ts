import t from 'tap'
import { buildIndex } from '../indexer/build.js'
import { saveIndex } from '../indexer/save.js'
import { buildApp } from '../server/app.js'
import { tempDir } from './helpers/corpus.js'
import { formatFixture, slowPdf, writeFixture, zipBombOfd } from './helpers/fixtures.js'

// PDF, OFD and Word files that cannot be read: each is skipped with its reason, the rest indexed.

/** Each file of a build, with its error code or 'indexed'. */
const outcomes = (index: Pick<Awaited<ReturnType<typeof buildIndex>>, 'files'>) =>
  Object.fromEntries(index.files.map((f) => [f.source, f.error?.code ?? 'indexed']))

t.test(
  'bad PDF, OFD and Word files are skipped, each with its reason; the good ones are indexed',
  async (t) => {
    const dir = await tempDir(t)
    const half = (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))
    await writeFixture(dir, 'dazu.pdf', await formatFixture('dazu.pdf'))
    await writeFixture(dir, 'lishu.ofd', await formatFixture('lishu.ofd'))
    await writeFixture(dir, 'lishu.wps', await formatFixture('lishu.doc'))
    await writeFixture(dir, 'scanned.pdf', await formatFixture('scanned.pdf'))
    await writeFixture(dir, 'encrypted.pdf', await formatFixture('encrypted.pdf'))
    await writeFixture(dir, 'truncated.pdf', half(await formatFixture('lishu.pdf')))
    await writeFixture(dir, 'truncated.ofd', half(await formatFixture('lishu.ofd')))
    await writeFixture(dir, 'truncated.doc', half(await formatFixture('lishu.doc')))
    await writeFixture(dir, 'bomb.ofd', await zipBombOfd(12 * 1024 * 1024))
    await writeFixture(dir, 'not-a-pdf.pdf', '梨树县卫生健康局关于2025年度法治政府建设情况的报告')
    await writeFixture(dir, 'rich-text.doc', '{\\rtf1\\ansi 梨树县卫生健康局}')
    await writeFixture(dir, 'empty.pdf', '')
    // A lower unzip cap than the default keeps the bomb small (the .docx bomb meets the default one).
    const index = await saveIndex(
      await tempDir(t),
      await buildIndex({ corpusDir: dir, maxUnzipBytes: 8 * 1024 * 1024 }),
    )
    t.same(outcomes(index), {
      'dazu.pdf': 'indexed',
      'lishu.ofd': 'indexed',
      'lishu.wps': 'indexed',
      'scanned.pdf': 'FILE_NO_TEXT_LAYER',
      'encrypted.pdf': 'FILE_ENCRYPTED',
      'truncated.pdf': 'FILE_UNREADABLE',
      'truncated.ofd': 'FILE_UNREADABLE',
      'truncated.doc': 'FILE_UNREADABLE',
      'bomb.ofd': 'FILE_UNZIP_TOO_LARGE',
      'not-a-pdf.pdf': 'FILE_UNREADABLE',
      'rich-text.doc': 'FILE_UNSUPPORTED',
      'empty.pdf': 'FILE_EMPTY',
    })
    const reason = (source: string) => index.files.find((f) => f.source === source)?.error?.message
    t.match(reason('scanned.pdf'), /no text layer: scanned\?/)
    t.match(reason('encrypted.pdf'), /password/)
    t.match(reason('truncated.doc'), /damaged/)
    t.match(reason('rich-text.doc'), /RTF/)
    t.same(
      index.reports.map((r) => [r.meta.source, r.meta.bureau]),
      [
        ['dazu.pdf', '重庆市大足区卫生健康委员会'],
        ['lishu.ofd', '梨树县卫生健康局'],
        ['lishu.wps', '梨树县卫生健康局'],
      ],
    )
    const app = await buildApp({ index, config: { rateLimitMax: 0 } })
    t.teardown(() => app.close())
    const health = (await app.inject('/health')).json()
    t.equal(health.reports, 3)
    t.match(
      health.skipped.find((s: { source: string }) => s.source === 'scanned.pdf'),
      { code: 'FILE_NO_TEXT_LAYER', message: /no text layer: scanned\?/ },
      '/health says which file was skipped and why',
    )
  },
)

t.test(
  'a PDF that keeps its reader busy is stopped at the time budget; the others are indexed',
  async (t) => {
    const dir = await tempDir(t)
    // 31 KB on disk, 10 MB of text operators once inflated: seconds of pdf.js, against one second.
    await writeFixture(dir, 'slow.pdf', slowPdf(10))
    await writeFixture(dir, 'lishu.ofd', await formatFixture('lishu.ofd'))
    const index = await buildIndex({ corpusDir: dir, fileTimeoutMs: 1000 })
    t.same(outcomes(index), { 'slow.pdf': 'FILE_TIMEOUT', 'lishu.ofd': 'indexed' })
  },
)
