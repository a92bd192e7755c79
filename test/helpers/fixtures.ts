// Makes test fixtures out of the shipped reports: other encodings, line ends and formats.

import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Document, Packer, Paragraph } from 'docx'
import iconv from 'iconv-lite'

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
