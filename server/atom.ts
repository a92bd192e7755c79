// Atom 1.0 (RFC 4287) for a saved search: the feed a reader polls, each report an entry. Pure: the
// feed's parts in, the XML out, every text escaped.

import { partLabels } from '../index/parts.js'
import type { FeedAnswer } from './backend.js'

/** Text for XML content and attributes: the five markup characters escaped, characters XML 1.0
 * forbids (controls, lone surrogates, U+FFFE/U+FFFF) dropped. */
export function xmlText(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(
      /[&<>"']/g,
      (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] as string,
    )
}

export interface FeedLinks {
  /** The server's origin as the request reached it: http://host:3000. */
  origin: string
  /** The feed's own path and query, as requested: its id and its rel="self". */
  self: string
  /** The search page for the same query: rel="alternate". */
  page: string
  /** The query, for the reader's marks. */
  q: string
}

const element = (name: string, text: string, attrs = '') => `<${name}${attrs}>${xmlText(text)}</${name}>`

/** A report's signing date as an instant: midnight in China (UTC+8). */
const signed = (date: string) => `${date}T00:00:00+08:00`

/** The Atom document of a saved search's answer. */
export function atomFeed(answer: FeedAnswer, links: FeedLinks): string {
  const { origin } = links
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="zh-CN">',
    element('id', origin + links.self),
    element('title', `法治政府建设报告检索：${links.q}`),
    element('subtitle', `检索“${links.q}”找到的报告，按收录时间从新到旧；共 ${answer.total} 份。`),
    element('updated', answer.entries[0]?.indexedAt ?? answer.updated),
    `<link rel="self" type="application/atom+xml" href="${xmlText(origin + links.self)}"/>`,
    `<link rel="alternate" type="text/html" href="${xmlText(origin + links.page)}"/>`,
    `<author>${element('name', '法治政府建设报告检索')}${element('uri', `${origin}/`)}</author>`,
    element('generator', 'report-search'),
  ]
  for (const { report, indexedAt, matches, hit } of answer.entries) {
    const reader = `${origin}/reports/${encodeURIComponent(report.id)}?q=${encodeURIComponent(links.q)}#${encodeURIComponent(hit.sectionId)}`
    const where = [
      report.date ? `成文日期 ${report.date}` : report.year ? `${report.year} 年度` : '',
      partLabels[hit.part],
      hit.path.join(' › '),
      matches > 1 ? `本报告 ${matches} 个段落匹配` : '',
    ]
      .filter(Boolean)
      .join(' · ')
    // The snippet is HTML already (escaped text, matches in <mark>): type="html" carries it escaped once more.
    const summary = `<p>${xmlText(report.bureau)} · ${xmlText(where)}</p><p>${hit.snippet}</p>`
    lines.push(
      '<entry>',
      element('id', `${origin}/reports/${report.id}`),
      element('title', report.title),
      element('updated', indexedAt),
      ...(report.date ? [element('published', signed(report.date))] : []),
      `<author>${element('name', report.bureau)}</author>`,
      `<link rel="alternate" type="text/html" href="${xmlText(reader)}"/>`,
      ...(report.year ? [`<category term="${report.year}" label="${report.year} 年度"/>`] : []),
      ...(report.province ? [`<category term="${xmlText(report.province)}"/>`] : []),
      element('summary', summary, ' type="html"'),
      '</entry>',
    )
  }
  lines.push('</feed>', '')
  return lines.join('\n')
}
