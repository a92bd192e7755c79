// Reads .html/.htm pages: the text of the page as lines, with the fields its meta tags and title give.

import { type ChildNode, isTag, isText } from 'domhandler'
import { DomUtils, parseDocument } from 'htmlparser2'
import { decode } from './decode.js'
import { unifyLines } from './text.js'
import type { RawDocument } from './types.js'

const skipped = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'nav',
  'footer',
  'iframe',
  'svg',
  'button',
  'select',
])
const blocks = new Set([
  'p',
  'div',
  'br',
  'li',
  'ul',
  'ol',
  'tr',
  'table',
  'section',
  'article',
  'header',
  'main',
  'aside',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'pre',
  'dd',
  'dt',
  'dl',
  'form',
  'hr',
  'center',
])

export function readHtml(bytes: Uint8Array): RawDocument {
  const { text: html, encoding } = decode(bytes, declaredCharset(bytes))
  const doc = parseDocument(html, { decodeEntities: true, lowerCaseTags: true })
  const meta: Record<string, string> = {}
  const out: string[] = []
  const walk = (nodes: ChildNode[]): void => {
    for (const node of nodes) {
      if (isText(node)) {
        out.push(node.data.replace(/[ \t\r\n]+/g, ' '))
        continue
      }
      if (!isTag(node)) continue
      const name = node.name
      if (name === 'title') meta.title = DomUtils.textContent(node).trim()
      if (name === 'meta') {
        const key = node.attribs.name ?? node.attribs.property
        if (key && node.attribs.content) meta[key] = node.attribs.content.trim()
      }
      if (skipped.has(name) && name !== 'head') continue
      if (name === 'head') {
        walk(node.children)
        continue
      }
      if (name === 'td' || name === 'th') out.push(' ')
      if (blocks.has(name)) out.push('\n')
      walk(node.children)
      if (blocks.has(name)) out.push('\n')
    }
  }
  walk(doc.children)
  const lines = unifyLines(out.join(''))
    .split('\n')
    .map((line) => line.replace(/\u00a0/g, ' ').trim())
  return {
    format: 'html',
    encoding,
    text: lines.join('\n').replace(/\n{3,}/g, '\n\n'),
    meta: headFields(meta),
  }
}

/** The charset a page declares in its first bytes, when it declares one. */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1')
  return /<meta[^>]+charset=["']?([\w-]+)/i.exec(head)?.[1]
}

/** Maps the meta tags Chinese government sites use to the header fields the metadata reader knows. */
function headFields(meta: Record<string, string>): Record<string, string> {
  const fields: Record<string, string> = {}
  const title = meta.ArticleTitle ?? meta.title?.split(/\s*[_|]\s*|\s+-\s+/)[0]
  if (title) fields.title = title
  if (meta.PubDate) fields.发布日期 = meta.PubDate
  if (meta.ContentSource) fields.发布机构 = meta.ContentSource
  return fields
}
