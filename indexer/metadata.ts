// Derives a report's metadata (SPEC's Report) from its title, signature, header fields and text.

import { createHash } from 'node:crypto'
import { simplify } from '../index/text/simplify.js'
import type { ReportMeta } from '../index/types.js'
import type { CleanDocument } from './clean.js'
import { dateLine, isOrgLine } from './clean.js'
import { resolvePlace } from './divisions.js'
import { headerDate, isoDate } from './header.js'

export interface MetadataResult {
  meta: ReportMeta
  warnings: string[]
}

/** A report's id: stable across re-indexing because it depends on the file's path alone. */
export function reportId(source: string): string {
  return createHash('sha256').update(source.normalize('NFC')).digest('hex').slice(0, 12)
}

const digits: Record<string, number> = {
  〇: 0,
  零: 0,
  '○': 0,
  Ｏ: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
}

/** 二〇二六 → 2026, 十二 → 12, 二十一 → 21, 12 → 12. */
function chineseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text)
  if (text.includes('十')) {
    const [tens, ones] = text.split('十') as [string, string]
    return (tens ? (digits[tens] ?? 0) : 1) * 10 + (ones ? (digits[ones] ?? 0) : 0)
  }
  return Number([...text].map((ch) => digits[ch] ?? 0).join(''))
}

/** The date of a signature line such as 2026年1月12日 or 二〇二五年十二月十七日. */
export function signatureDate(line: string): string | null {
  const m = dateLine.exec(line)
  if (!m) return null
  if (m[4]) return isoDate(Number(m[4]), Number(m[5]), Number(m[6]))
  return isoDate(chineseNumber(m[1] as string), chineseNumber(m[2] as string), chineseNumber(m[3] as string))
}

/** A year as titles write it: 2024年, 2024年度, 二〇二四年. */
const titleYear = /(?:\d{4}|[〇○零Ｏ一二三四五六七八九]{4})\s*年度?/
/** Where the body's name ends in a title: 关于, a year, or the report's subject. */
const afterName = new RegExp(`关于|[（(]?${titleYear.source}|法治政府建设|法治建设|依法行政`)

/**
 * The issuing body a title names: at its head (梨树县卫生健康局关于…, 济宁市兖州区卫生健康局2025年度…)
 * or after the year it opens with (2024年度北京市海淀区司法局法治政府建设工作情况报告).
 */
export function bureauFromTitle(title: string): string | null {
  const rest = title.replace(/\s+/g, '').replace(new RegExp(`^(?:关于)?${titleYear.source}`), '')
  const m = afterName.exec(rest)
  const head = m ? rest.slice(0, m.index) : null
  return head && isOrgLine(head) ? head : null
}

/** The year a report covers: the title's, else the first year the text speaks of, else the year before it was signed early in a year. */
export function reportYear(title: string | null, body: string, date: string | null): number | null {
  const fromTitle = title && /(20\d{2})\s*年/.exec(title)
  if (fromTitle) return Number(fromTitle[1])
  // Years inside 《》 and brackets name documents and plans (《纲要(2021-2025年)》), not the report's year.
  const plain = body.slice(0, 2000).replace(/《[^》]*》|（[^）]*）|\([^)]*\)/g, '')
  const fromText = /(20\d{2})\s*年/.exec(plain)
  if (fromText) return Number(fromText[1])
  if (date) {
    const year = Number(date.slice(0, 4))
    return Number(date.slice(5, 7)) <= 6 ? year - 1 : year
  }
  return null
}

export function extractMetadata(doc: CleanDocument, source: string): MetadataResult {
  const warnings: string[] = []
  const { fields } = doc
  // Candidates for the issuing body, most authoritative first; a longer name that ends with the
  // chosen one is the same body named in full (兖州区卫生健康局 → 济宁市兖州区卫生健康局).
  const candidates = [
    doc.title ? bureauFromTitle(doc.title) : null,
    doc.signedBy,
    fields.publisher?.replace(/\s+/g, '') ?? null,
    fields.source?.replace(/\s+/g, '') ?? null,
  ].filter((name): name is string => !!name && isOrgLine(name))
  let bureau = candidates[0] ?? ''
  for (const other of candidates) if (other.length > bureau.length && other.endsWith(bureau)) bureau = other
  if (!bureau) warnings.push('no issuing body found in the title, signature or page header')

  const date =
    (doc.signedOn ? signatureDate(doc.signedOn) : null) ??
    headerDate(fields.writtenDate) ??
    headerDate(fields.publishedDate)
  if (!date) warnings.push('no date: the report is not signed and the page gives none')
  // The body as written may be in traditional characters; places and years are read in simplified.
  const body = simplify(doc.body)
  const year = reportYear(doc.title, body, date)
  if (year === null) warnings.push('no year found')

  let title = doc.title ?? ''
  const titleDerived = !doc.title
  if (titleDerived) {
    title = `${bureau}${year ?? ''}${year ? '年度' : ''}法治政府建设情况报告`
    warnings.push('no title line: title derived from the bureau and the year')
  }

  const context = [doc.title, fields.publisher, fields.source, body].filter(Boolean).join('\n')
  const place =
    [bureau, doc.title ?? '', fields.publisher ?? '', fields.source ?? '']
      .map((name) => (name ? resolvePlace(name, context) : null))
      .find((p) => p !== null) ?? null
  if (!place) warnings.push('no administrative division found in the bureau name')
  if (place?.ambiguous) warnings.push(`ambiguous place settled by the text: ${place.ambiguous}`)

  return {
    meta: {
      id: reportId(source),
      title,
      titleDerived,
      bureau,
      province: place?.province ?? null,
      city: place?.city ?? null,
      county: place?.county ?? null,
      year,
      date,
      indexNo: fields.indexNo ?? null,
      source,
    },
    warnings,
  }
}
