import JSZip from 'jszip'
import t from 'tap'
import { AppError } from '../common/errors.js'
import { isSupported, readBytes } from '../indexer/readers/index.js'
import { numbers, readOfd } from '../indexer/readers/ofd.js'
import { pdfError } from '../indexer/readers/pdf.js'
import { docx, formatFixture } from './helpers/fixtures.js'

const code = (promise: Promise<unknown>) =>
  promise.then(
    () => 'resolved',
    (error) => (error instanceof AppError ? error.code : String(error)),
  )

const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
const sentence =
  '我局坚持以习近平法治思想为指导，全面推进依法行政，严格规范公正文明执法，各项工作取得新成效。'

/** An OFD of the given files, with an OFD.xml pointing at Doc_0/Document.xml unless one is given. */
async function ofd(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip()
  zip.file(
    'OFD.xml',
    `<ofd:OFD ${ns}><ofd:DocBody><ofd:DocRoot>/Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
  )
  for (const [name, text] of Object.entries(files)) zip.file(name, text)
  return zip.generateAsync({ type: 'nodebuffer' })
}

const page = (objects: string) =>
  `<ofd:Page ${ns}><ofd:Content><ofd:Layer><ofd:PageBlock>${objects}</ofd:PageBlock></ofd:Layer></ofd:Content></ofd:Page>`
const documentXml = (...locations: string[]) =>
  `<ofd:Document ${ns}><ofd:Pages>${locations.map((loc, i) => `<ofd:Page ID="${i}" BaseLoc="${loc}"/>`).join('')}<ofd:Page ID="x"/></ofd:Pages></ofd:Document>`

t.test("OFD's number lists, with the g shorthand", async (t) => {
  t.same(numbers('g 3 5.6 1 g 2 0.5'), [5.6, 5.6, 5.6, 1, 0.5, 0.5])
  t.same(numbers(' 1  x 2 '), [1, 0, 2])
  t.same(numbers(undefined), [])
})

t.test(
  'an OFD: pages in Document.xml order, objects placed by coordinates, transforms applied',
  async (t) => {
    const bytes = await ofd({
      'Doc_0/Document.xml': documentXml('Pages/Page_0/Content.xml', '/Doc_0/Pages/Page_1/Content.xml'),
      // The lower line first in the file: the coordinates, not the file, give the order.
      'Doc_0/Pages/Page_0/Content.xml': page(
        `<ofd:TextObject Boundary="20 40 150 10" Size="5"><ofd:TextCode X="0" Y="5">${sentence.slice(20)}</ofd:TextCode></ofd:TextObject>` +
          `<ofd:TextObject Boundary="20 30 150 10" Size="5"><ofd:TextCode X="0" Y="5" DeltaX="g ${19} 5">${sentence.slice(0, 20)}</ofd:TextCode></ofd:TextObject>` +
          // Half size, scaled back by its CTM; then one character a line, DeltaY down the page.
          '<ofd:TextObject Boundary="0 100 150 20" Size="10" CTM="0.5 0 0 0.5 20 0"><ofd:TextCode X="0" Y="10">一、主要举措</ofd:TextCode></ofd:TextObject>',
      ),
      'Doc_0/Pages/Page_1/Content.xml': page(
        `<ofd:TextObject Boundary="20 30 150 10" Size="5"><ofd:TextCode X="0" Y="5">${sentence}</ofd:TextCode><ofd:TextCode>延续</ofd:TextCode></ofd:TextObject>` +
          '<ofd:TextObject Boundary="20 60 10 40" Size="5"><ofd:TextCode X="0" Y="5" DeltaY="g 3 6">竖排文字</ofd:TextCode></ofd:TextObject>',
      ),
    })
    const doc = await readOfd(bytes, 1e7)
    t.equal(doc.format, 'ofd')
    const lines = doc.text.split('\n')
    t.same(
      lines.slice(0, 2),
      [sentence.slice(0, 20), sentence.slice(20)],
      'top to bottom, whatever the file order',
    )
    t.ok(lines.includes('一、主要举措'))
    t.ok(doc.text.includes(`${sentence}延续`), 'a TextCode without X/Y follows the one before')
    t.ok(doc.text.includes('竖\n排\n文\n字'), 'DeltaY moves each character down')
  },
)

t.test('OFDs that cannot be read say why', async (t) => {
  const read = async (files: Record<string, string>, root?: string) => {
    const zip = await JSZip.loadAsync(await ofd(files))
    if (root !== undefined) zip.file('OFD.xml', root)
    return code(readOfd(await zip.generateAsync({ type: 'nodebuffer' }), 1e7))
  }
  t.equal(await read({ 'Doc_0/Document.xml': documentXml() }), 'FILE_UNREADABLE', 'no pages')
  t.equal(await read({}, `<ofd:OFD ${ns}><ofd:DocBody/></ofd:OFD>`), 'FILE_UNREADABLE', 'no DocRoot')
  t.equal(await read({ 'Doc_0/Document.xml': documentXml('Pages/Page_9/Content.xml') }), 'FILE_UNREADABLE')
  t.equal(await read({ 'Doc_0/Document.xml': documentXml(), 'Encryptions.xml': '<x/>' }), 'FILE_ENCRYPTED')
  t.equal(
    await read({ 'Doc_0/Document.xml': documentXml('P.xml'), 'Doc_0/P.xml': page('') }),
    'FILE_NO_TEXT_LAYER',
    'an OFD of scanned pages',
  )
})

t.test('a .doc that is really something else is read as what it is', async (t) => {
  const docxBytes = await docx(
    '梨树县卫生健康局关于2025年度法治政府建设情况的报告\n2025年，我局坚持依法行政。',
  )
  const renamed = await readBytes('renamed.doc', docxBytes)
  t.equal(renamed.format, 'docx', 'a .docx named .doc')
  const page = await readBytes(
    'saved-as-web-page.doc',
    Buffer.from(
      '<html><head><meta charset="utf-8"></head><body><p>2025年，我局坚持依法行政。</p></body></html>',
    ),
  )
  t.equal(page.format, 'html', "Word's web page named .doc")
  t.equal(await code(readBytes('x.doc', Buffer.from('plain words'))), 'FILE_UNREADABLE')
  const whole = await formatFixture('lishu.doc')
  t.equal(
    await code(readBytes('cut.doc', whole.subarray(0, whole.length / 2))),
    'FILE_UNREADABLE',
    'truncated',
  )
  const wps = await readBytes('x.wps', await formatFixture('lishu-hant.doc'))
  t.equal(wps.format, 'doc')
  t.match(wps.text, /^梨樹縣衛生健康局\n/)
  t.notOk(wps.text.includes('"'), 'quotation marks as written, not turned into ASCII')
})

t.test('every format the SPEC lists is supported', async (t) => {
  for (const ext of ['.txt', '.md', '.html', '.htm', '.docx', '.doc', '.wps', '.pdf', '.ofd'])
    t.ok(isSupported(`report${ext.toUpperCase()}`), ext)
  t.notOk(isSupported('report.xls'))
  t.equal(
    await code(readBytes('report.xls', Buffer.alloc(0))),
    'FILE_UNSUPPORTED',
    'an empty file of another type',
  )
})

t.test('a PDF is read without touching the caller’s bytes', async (t) => {
  const bytes = await formatFixture('lishu.pdf')
  const copy = Buffer.from(bytes)
  const doc = await readBytes('lishu.pdf', bytes)
  t.equal(doc.format, 'pdf')
  t.same(bytes, copy)
  t.notOk(/— \d+ —|法治政府建设情况报告\n梨树/.test(doc.text), 'no page numbers, no running header')
})

t.test("what pdf.js's failures mean for the file", async (t) => {
  const named = (name: string) => Object.assign(new Error('x'), { name })
  t.match(pdfError(named('PasswordException')), { code: 'FILE_ENCRYPTED' })
  t.match(pdfError(named('InvalidPDFException')), { code: 'FILE_UNREADABLE', message: /not a valid PDF/ })
  t.match(pdfError(named('UnknownErrorException')), {
    code: 'FILE_UNREADABLE',
    message: /the PDF is damaged/,
  })
})
