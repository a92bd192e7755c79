import t from 'tap'
import { AppError } from '../common/errors.js'
import { buildIndex } from '../indexer/build.js'
import { decode, readBytes, stripMarkdown } from '../indexer/readers/index.js'
import { parseReport } from '../indexer/report.js'
import { shipped, shippedBytes, shippedText, tempDir } from './helpers/corpus.js'
import { docx, encodings, repeated, webPage, writeFixture } from './helpers/fixtures.js'

const code = async (promise: Promise<unknown>) => {
  try {
    await promise
    return 'resolved'
  } catch (error) {
    return error instanceof AppError ? error.code : String(error)
  }
}

t.test('every encoding is detected and reads to the same report', async (t) => {
  const text = await shippedText('大足')
  const reference = await parseReport(shipped.大足, await shippedBytes('大足'))
  const expectedEncoding = {
    'utf8-bom': 'UTF-8',
    'utf16le-bom': 'UTF-16LE',
    'utf16be-bom': 'UTF-16BE',
    gb18030: 'GB18030',
    crlf: 'UTF-8',
  }
  // GBK cannot encode the page's no-break spaces: 梨树, below, has none.
  for (const [name, encode] of Object.entries(encodings).filter(([name]) => name !== 'gbk')) {
    const report = await parseReport(shipped.大足, encode(text))
    t.equal(report.encoding, expectedEncoding[name as keyof typeof expectedEncoding], `${name} detected`)
    t.same(report.meta, reference.meta, `${name}: same metadata`)
    t.equal(report.body, reference.body, `${name}: same text`)
    t.same(report.sections, reference.sections, `${name}: same outline`)
  }
})

t.test('GBK text is detected, not assumed', async (t) => {
  const text = await shippedText('梨树')
  const { text: decoded, encoding } = decode(encodings.gbk(text))
  t.equal(encoding, 'GB18030')
  t.equal(decoded, text)
})

t.test('GBK text longer than the part its encoding is guessed from is decoded whole', async (t) => {
  // 30 reports in a row: about 190 KB, where the guess reads the first 64 KB.
  const text = repeated(await shippedText('梨树'), 30)
  const { text: decoded, encoding } = decode(encodings.gbk(text))
  t.equal(encoding, 'GB18030')
  t.equal(decoded, text)
})

t.test('a .docx report reads like its text', async (t) => {
  const reference = await parseReport(shipped.梨树, await shippedBytes('梨树'))
  const report = await parseReport('梨树县卫生健康局_2025.docx', await docx(await shippedText('梨树')))
  t.equal(report.format, 'docx')
  t.match(report.meta, {
    bureau: '梨树县卫生健康局',
    county: '梨树县',
    year: 2025,
    title: reference.meta.title,
  })
  t.equal(report.body, reference.body)
  t.same(
    report.sections.map((s) => [s.path, s.part]),
    reference.sections.map((s) => [s.path, s.part]),
  )
  t.equal(await code(readBytes('broken.docx', Buffer.from('PK not really a zip'))), 'FILE_UNREADABLE')
})

t.test('a web page: header fields read, chrome stripped, scripts ignored', async (t) => {
  const text = await shippedText('湟中')
  const lines = text.split('\n').filter((l) => l.trim())
  const title = '西宁市湟中区卫生健康局关于2025年法治政府建设情况报告'
  const page = webPage(title, lines.slice(2), {
    索引号: '11630122MB1234567X/2026-00012',
    发布机构: '湟中区卫生健康局',
    成文日期: '2026-01-20',
    发布日期: '2026-01-22',
  })
  const report = await parseReport('湟中.html', Buffer.from(page))
  t.equal(report.format, 'html')
  t.match(report.meta, {
    title,
    bureau: '西宁市湟中区卫生健康局',
    province: '青海省',
    county: '湟中区',
    indexNo: '11630122MB1234567X/2026-00012',
    date: '2026-01-20',
    year: 2025,
  })
  for (const chrome of [
    '首页',
    '您当前位置',
    '打印本页',
    '扫一扫',
    '主办单位',
    'var nav',
    'color:red',
    '索引号',
  ]) {
    t.notOk(report.body.includes(chrome), `no ${chrome}`)
  }
  t.ok(report.body.startsWith('2025年，区卫生健康局以习近平'))
  const reference = await parseReport(shipped.湟中, await shippedBytes('湟中'))
  t.same(
    report.sections.map((s) => s.path),
    reference.sections.map((s) => s.path),
  )
})

t.test('a GBK web page that declares its charset', async (t) => {
  const page = webPage('某某县司法局关于2024年度法治政府建设情况的报告', ['2024年，我局坚持依法行政。'], {})
  const report = await parseReport('gbk.htm', encodings.gbk(page.replace('charset="utf-8"', 'charset="gbk"')))
  t.match(report.meta, { bureau: '某某县司法局', year: 2024 })
})

t.test('Markdown marks are taken off', async (t) => {
  t.equal(
    stripMarkdown('# 一、主要举措\n**加强**领导，见[链接](http://x)。\n- 一是*学习*'),
    '一、主要举措\n加强领导，见链接。\n一是学习',
  )
  const report = await parseReport(
    'r.md',
    Buffer.from(
      '# 某某市教育局2024年法治政府建设年度报告\n\n2024年，我局推进依法治校。\n\n## 一、主要举措和成效\n\n（一）**加强领导**。成立领导小组。',
    ),
  )
  t.equal(report.format, 'md')
  t.match(report.meta, { bureau: '某某市教育局', year: 2024 })
  t.same(
    report.sections.map((s) => s.path),
    [[], ['一、主要举措和成效'], ['一、主要举措和成效', '（一）加强领导']],
  )
})

t.test('files that are not reports are refused with a reason', async (t) => {
  const cases: [string, Uint8Array, string][] = [
    ['empty.txt', Buffer.alloc(0), 'FILE_EMPTY'],
    ['spaces.txt', Buffer.from(' \n\t\n'), 'FILE_EMPTY'],
    [
      'image.txt',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, ...Array(200).fill(0)]),
      'FILE_BINARY',
    ],
    ['english.txt', Buffer.from('Annual report on the rule of law. Nothing in Chinese.'), 'FILE_NO_CHINESE'],
    ['report.xls', Buffer.from('<?xml version="1.0"?><Workbook/>'), 'FILE_UNSUPPORTED'],
    ['report.pdf', Buffer.from('%PDF-1.7'), 'FILE_UNREADABLE'],
    [
      'chrome-only.html',
      Buffer.from('<html><body><nav>首页</nav><div>扫一扫在手机打开当前页</div></body></html>'),
      'FILE_NO_CHINESE',
    ],
  ]
  for (const [name, bytes, expected] of cases) t.equal(await code(parseReport(name, bytes)), expected, name)
})

t.test('bad files are reported and skipped; the others are indexed', async (t) => {
  const dir = await tempDir(t)
  await writeFixture(dir, shipped.梨树, await shippedBytes('梨树'))
  await writeFixture(dir, 'empty.txt', '')
  await writeFixture(dir, 'binary.txt', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)))
  await writeFixture(dir, 'english.md', 'No Chinese here.')
  await writeFixture(dir, 'sheet.xlsx', 'PK')
  await writeFixture(dir, '.hidden.txt', '隐藏文件')
  const index = await buildIndex({ corpusDir: dir, maxFileBytes: 1e7 })
  t.same(
    index.reports.map((r) => r.meta.source),
    [shipped.梨树],
  )
  t.same(Object.fromEntries(index.files.map((f) => [f.source, f.error?.code ?? 'indexed'])), {
    'binary.txt': 'FILE_BINARY',
    'empty.txt': 'FILE_EMPTY',
    'english.md': 'FILE_NO_CHINESE',
    'sheet.xlsx': 'FILE_UNSUPPORTED',
    [shipped.梨树]: 'indexed',
  })
  const big = await buildIndex({ corpusDir: dir, maxFileBytes: 100 })
  t.equal(big.files.find((f) => f.source === shipped.梨树)?.error?.code, 'FILE_TOO_LARGE')
})
