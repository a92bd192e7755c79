// Makes test fixtures out of the shipped reports: other encodings, line ends and formats.

import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'
import { Document, Packer, Paragraph } from 'docx'
import iconv from 'iconv-lite'
import JSZip from 'jszip'

export const encodings = {
  'utf8-bom': (text: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]),
  'utf16le-bom': (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf16le')]),
  'utf16be-bom': (text: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(text, 'utf16be')]),
  gb18030: (text: string) => iconv.encode(text, 'gb18030'),
  gbk: (text: string) => iconv.encode(text, 'gbk'),
  crlf: (text: string) => Buffer.from(text.replace(/\n/g, '\r\n')),
} as const

/** A .docx with one paragraph per line of `text`. */
export async function docx(text: string): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: text.split('\n').map((line) => new Paragraph(line)) }] })
  return Packer.toBuffer(doc)
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A government web page around a report: navigation, a metadata table, scripts, the text, a footer. */
export function webPage(title: string, paragraphs: string[], fields: Record<string, string>): string {
  const rows = Object.entries(fields)
    .map(([k, v]) => `<tr><td>${k}：</td><td>${escapeHtml(v)}</td></tr>`)
    .join('\n')
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}_某某区人民政府</title>
<meta name="ArticleTitle" content="${escapeHtml(title)}"><script>var nav = "首页 政务公开";</script>
<style>.x{color:red}</style></head><body>
<nav><a href="/">首页</a> | <a href="/gk">政务公开</a> | <a href="/hd">互动交流</a></nav>
<div class="crumb">您当前位置：首页 &gt; 政务公开 &gt; 法治政府建设年度报告</div>
<table class="xxgk">${rows}</table>
<h1>${escapeHtml(title)}</h1>
<div class="content">${paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}</div>
<div class="tools">【打印本页】【关闭窗口】</div><div>扫一扫在手机打开当前页</div>
<footer>主办单位：某某区人民政府办公室 版权所有</footer></body></html>`
}

export async function writeFixture(dir: string, name: string, data: string | Uint8Array): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, data)
  return path
}

/**
 * A .docx whose document.xml unpacks to about `bytes` bytes of one repeated character: what a zip
 * bomb does to an indexer, in a file of a few hundred kilobytes.
 */
export async function zipBombDocx(bytes: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await docx('某某局2025年法治政府建设情况报告'))
  const xml = (await zip.file('word/document.xml')?.async('string')) as string
  const at = xml.indexOf('<w:p>')
  const filler = '法'.repeat(Math.ceil(bytes / 3))
  zip.file(
    'word/document.xml',
    `${xml.slice(0, at)}<w:p><w:r><w:t>${filler}</w:t></w:r></w:p></w:body></w:document>`,
  )
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } })
}

/** One report's text `times` over: a file big enough that reading it takes seconds and memory. */
export const repeated = (text: string, times: number) => Array.from({ length: times }, () => text).join('\n')

/** The format fixtures made by scripts/make-fixtures.ts. */
export const formatFixtures = fileURLToPath(new URL('../fixtures/', import.meta.url))

export const formatFixture = (name: string) => readFile(join(formatFixtures, name))

/** An OFD whose first page unpacks to about `bytes` bytes: a zip bomb in the national format. */
export async function zipBombOfd(bytes: number): Promise<Buffer> {
  const zip = await JSZip.loadAsync(await formatFixture('lishu.ofd'))
  const filler = '法'.repeat(Math.ceil(bytes / 3))
  zip.file(
    'Doc_0/Pages/Page_0/Content.xml',
    `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer><ofd:TextObject Boundary="0 0 10 10" Size="5"><ofd:TextCode X="0" Y="5">${filler}</ofd:TextCode></ofd:TextObject></ofd:Layer></ofd:Content></ofd:Page>`,
  )
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } })
}

/**
 * A small PDF whose one page's content stream inflates to `megabytes` of text operators: pdf.js
 * works through them for many seconds, as it would through a pathological file.
 */
export function slowPdf(megabytes: number): Buffer {
  const op = 'BT /F1 12 Tf 72 720 Td (x) Tj ET\n'
  const stream = deflateSync(Buffer.from(op.repeat(Math.ceil((megabytes * 1024 * 1024) / op.length))))
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} /Filter /FlateDecode >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ]
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')]
  const offsets: number[] = []
  let at = parts[0]?.length ?? 0
  objects.forEach((body, i) => {
    const chunk =
      i === 3
        ? Buffer.concat([
            Buffer.from(`${i + 1} 0 obj\n${body}\nstream\n`),
            stream,
            Buffer.from('\nendstream\nendobj\n'),
          ])
        : Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`)
    offsets.push(at)
    parts.push(chunk)
    at += chunk.length
  })
  const xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`
  parts.push(
    Buffer.from(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`),
  )
  return Buffer.concat(parts)
}
