// Makes the format fixtures under test/fixtures/ from two shipped reports, so that the tests can hold a
// PDF, an OFD and a Word 97 file of the same report as its text, in simplified and traditional
// characters, plus the bad files a corpus meets (a scan, an encrypted PDF).
//
// Run by hand when the fixtures are to change: `npx tsx scripts/make-fixtures.ts`. It needs
// LibreOffice (PDF and .doc), pdftoppm (poppler-utils: the scan) and qpdf (the encrypted PDF); the
// tests read only what it wrote.

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
} from 'docx'
import * as OpenCC from 'opencc-js'
import { cleanDocument } from '../indexer/clean.js'
import { makeOfd } from './ofd-writer.js'

const root = fileURLToPath(new URL('../', import.meta.url))
const out = join(root, 'test/fixtures')
const work = mkdtempSync(join(tmpdir(), 'fixtures-'))
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' })

/** The reports made into fixtures, by the name their files get. */
const reports = {
  dazu: '重庆市大足区卫生健康委员会_2025.txt',
  lishu: '梨树县卫生健康局_2025.txt',
} as const

/** The report as its bureau would publish it as a document: title lines, body, signature, no web page. */
function documentLines(source: string): { title: string[]; body: string[]; signature: string[] } {
  const doc = cleanDocument(readFileSync(join(root, 'corpus', source), 'utf8'))
  const title = doc.title ?? ''
  // A title that opens with the body's name and 关于 is set on two lines, as 公文 are; others on one.
  const about = title.indexOf('关于')
  const lines = about > 0 && source.startsWith('梨树') ? [title.slice(0, about), title.slice(about)] : [title]
  const signature = [doc.signedBy, doc.signedOn].filter((line): line is string => !!line)
  return { title: lines, body: doc.body.split('\n'), signature }
}

const font = { eastAsia: 'Noto Serif CJK SC', ascii: 'Noto Serif CJK SC', hAnsi: 'Noto Serif CJK SC' }
const heading = /^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)])/

/** A .docx laid out like a 公文: centred title, indented paragraphs, a running header, — N — below. */
async function formattedDocx(
  lines: ReturnType<typeof documentLines>,
  runningHeader: string,
): Promise<Buffer> {
  const run = (text: string, size: number, bold = false) => new TextRun({ text, size, bold, font })
  const title = lines.title.map(
    (text) => new Paragraph({ alignment: AlignmentType.CENTER, children: [run(text, 44, true)] }),
  )
  const body = lines.body.map(
    (text) =>
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        indent: { firstLine: 640 },
        spacing: { line: 560, lineRule: 'exact' },
        children: [run(text, 32, heading.test(text))],
      }),
  )
  const signature = lines.signature.map(
    (text) => new Paragraph({ alignment: AlignmentType.RIGHT, children: [run(text, 32)] }),
  )
  const doc = new Document({
    sections: [
      {
        properties: { page: { margin: { top: 2098, bottom: 1984, left: 1588, right: 1474 } } },
        headers: {
          default: new Header({
            children: [
              new Paragraph({ alignment: AlignmentType.CENTER, children: [run(runningHeader, 21)] }),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], size: 28, font })],
              }),
            ],
          }),
        },
        children: [...title, new Paragraph(''), ...body, new Paragraph(''), ...signature],
      },
    ],
  })
  return Packer.toBuffer(doc)
}

/** Converts a file with LibreOffice, headless; returns the converted file's path. */
function libreoffice(path: string, to: string): string {
  execFileSync('libreoffice', ['--headless', '--convert-to', to, '--outdir', work, path], { stdio: 'ignore' })
  return path.replace(/\.[^.]+$/, `.${to.split(':')[0]}`)
}

async function makeReport(name: string, source: string, convert: (text: string) => string): Promise<void> {
  const plain = documentLines(source)
  const lines = {
    title: plain.title.map(convert),
    body: plain.body.map(convert),
    signature: plain.signature.map(convert),
  }
  const text = [...lines.title, ...lines.body, ...lines.signature].join('\n')
  writeFileSync(join(out, `${name}.txt`), `${text}\n`)
  const docxPath = join(work, `${name}.docx`)
  const runningHeader = convert(`${plain.signature[0] ?? plain.title[0]}  法治政府建设情况报告`)
  writeFileSync(docxPath, await formattedDocx(lines, runningHeader))
  writeFileSync(join(out, `${name}.pdf`), readFileSync(libreoffice(docxPath, 'pdf')))
  writeFileSync(join(out, `${name}.doc`), readFileSync(libreoffice(docxPath, 'doc:MS Word 97')))
  writeFileSync(join(out, `${name}.ofd`), await makeOfd(lines))
}

for (const [name, source] of Object.entries(reports)) {
  await makeReport(name, source, (text) => text)
  await makeReport(`${name}-hant`, source, toTraditional)
}

// A scan: the first page of a report as a picture, in a PDF with no text layer.
execFileSync('pdftoppm', [
  '-r',
  '40',
  '-gray',
  '-png',
  '-f',
  '1',
  '-l',
  '1',
  join(out, 'lishu.pdf'),
  join(work, 'scan'),
])
const scan = new Document({
  sections: [
    {
      children: [
        new Paragraph({
          children: [
            new ImageRun({
              type: 'png',
              data: readFileSync(join(work, 'scan-1.png')),
              transformation: { width: 595, height: 842 },
            }),
          ],
        }),
      ],
    },
  ],
})
writeFileSync(join(work, 'scanned.docx'), await Packer.toBuffer(scan))
writeFileSync(join(out, 'scanned.pdf'), readFileSync(libreoffice(join(work, 'scanned.docx'), 'pdf')))
// An encrypted PDF: a password is needed to open it.
execFileSync('qpdf', [
  join(out, 'lishu.pdf'),
  '--pages',
  '.',
  '1',
  '--',
  '--encrypt',
  'user-password',
  'owner-password',
  '256',
  '--',
  join(out, 'encrypted.pdf'),
])
rmSync(work, { recursive: true, force: true })
console.log(`fixtures written to ${out}`)
