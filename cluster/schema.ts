// The cluster's indexes and the one rule that makes a Sphinx phrase equal a substring of the folded text.
//
// Every folded character is its own token (ngram_len = 1 over every code point a fold can leave,
// ASCII letters and digits included), so a quoted phrase of a term's folded characters matches
// exactly where the folded term stands in the folded section text: "ed屏" inside "led屏", 12345
// inside 2012345. Sphinx 2.2.11 cannot take a code point above U+2FFFF in ngram_chars (searchd
// crashes at start with one there), so those few (CJK extension G and later) are written as two
// private-use tokens each: a pair no fold ever leaves, since private-use characters fold away.

import { createHash } from 'node:crypto'

/** Highest code point Sphinx 2.2.11 accepts in ngram_chars. */
export const SPHINX_MAX_CHAR = 0x2ffff
const HIGH_BASE = 0xe000
const LOW_BASE = 0xe100

/** The token characters of a folded string: the string itself, but for code points above U+2FFFF. */
export function tokenText(folded: string): string {
  let out = ''
  for (const ch of folded) {
    const cp = ch.codePointAt(0) as number
    if (cp <= SPHINX_MAX_CHAR) out += ch
    else
      out +=
        String.fromCharCode(HIGH_BASE + ((cp - SPHINX_MAX_CHAR - 1) >> 12)) +
        String.fromCharCode(LOW_BASE + (cp & 0xfff))
  }
  return out
}

/** ngram_chars: ASCII digits and lower-case letters, and everything from U+00AA (ª, the first
 * letter above ASCII) to the highest code point Sphinx takes. Folded text holds letters and digits
 * only, lower-cased, so nothing else ever reaches the tokenizer. */
export const ngramChars = 'U+0030..U+0039, U+0061..U+007A, U+00AA..U+2FFFF'

/** A quoted phrase of a folded string's tokens, for MATCH(); `start` anchors it at the field start. */
export function phrase(folded: string, start = false): string {
  const tokens = [...tokenText(folded)]
  return `"${start ? '^' : ''}${tokens.join(' ')}"`
}

/** The index names, the same on every node: shard nodes hold RT indexes, the aggregator distributed ones. */
export const indexes = {
  sections: 'sections',
  reports: 'reports',
  atlas: 'atlas',
  vocabulary: 'vocabulary',
  info: 'info',
} as const

export type IndexName = keyof typeof indexes

/** Full-text fields and attributes of each RT index, as searchd's config declares them. */
export const schema: Record<IndexName, { fields: string[]; attrs: [kind: string, name: string][] }> = {
  sections: {
    // The folded text; the folded bureau and province (substring filters); `every` holds one token in
    // every section, the positive term a query of exclusions and filters alone needs; `placef` the
    // report's province, city and county, each between two markers (placeMarks), for place words.
    fields: ['body', 'bureauf', 'provincef', 'every', 'placef'],
    attrs: [
      ['bigint', 'rid'],
      ['uint', 'ordinal'],
      ['uint', 'part'],
      ['uint', 'year'],
      ['uint', 'date'],
      ['string', 'bureau'],
      ['string', 'province'],
      ['bigint', 'bureau_h'],
      ['bigint', 'province_h'],
      ['bigint', 'rhash'],
      ['string', 'path'],
      ['string', 'text'],
    ],
  },
  reports: {
    fields: ['bureauf', 'provincef'],
    attrs: [
      ['uint', 'pos'],
      ['uint', 'shard'],
      ['uint', 'sections'],
      ['bigint', 'rhash'],
      ['bigint', 'h'],
      ['string', 'bureau'],
      ['string', 'province'],
      ['bigint', 'bureau_h'],
      ['bigint', 'province_h'],
      // When the report, as its file now reads, was first indexed (ms since 1970): the feeds' order.
      ['bigint', 'indexed'],
      ['string', 'meta'],
    ],
  },
  atlas: {
    fields: ['keyf'],
    attrs: [
      ['uint', 'kind'],
      ['uint', 'nreports'],
      ['bigint', 'h'],
      ['multi_64', 'rids'],
      ['string', 'entry'],
    ],
  },
  vocabulary: {
    // The folded word; its pinyin run together and its initials, for suggestions typed in pinyin.
    fields: ['termf', 'pyf', 'inif'],
    attrs: [
      ['uint', 'df'],
      ['uint', 'practice'],
      ['bigint', 'h'],
      ['string', 'term'],
      ['string', 'py'],
    ],
  },
  info: {
    fields: ['every'],
    attrs: [
      ['bigint', 'h'],
      ['string', 'data'],
    ],
  },
}

/**
 * A division's full name as the `placef` field holds it: between two Latin letters, which no
 * Chinese place name holds, so that a phrase of the marked name matches that whole name only.
 */
export const placeMarks = (name: string) => `x${name}y`

/** The row of the info table that holds the place names a query may use (index/types.ts PlaceTable). */
export const PLACES_ROW = 2

/** The atlas' kinds as the atlas table's `kind` attribute stores them. */
export const kindCode = (kind: 'practice' | 'law' | 'document') =>
  ['practice', 'law', 'document'].indexOf(kind)

/** The token of the `every` field. */
export const EVERY = 'e'

/** A year attribute for a report with none: no four-digit year filter can equal it. */
export const NO_YEAR = 0xffffffff
/** Above every four-digit year, below NO_YEAR: the open end of a year range. */
export const MAX_YEAR = 9999

/** The signing date as the attribute holds it: 2026-01-12 is 20260112, and a report with none 0. */
export const dateNumber = (date: string | null) => (date ? Number(date.replaceAll('-', '')) : 0)
/** Above every date: the open end of a date range. */
export const MAX_DATE = 99991231

/** Bits of a section's document id that hold its ordinal: a report may have 32,767 sections. */
export const ORDINAL_BITS = 15n
export const MAX_SECTIONS = 2 ** Number(ORDINAL_BITS) - 1

/** A report id (12 hex digits, 48 bits) as the number the cluster stores. */
export function ridOf(reportId: string): number {
  if (!/^[0-9a-f]{12}$/.test(reportId)) throw new Error(`not a report id: ${reportId}`)
  return Number.parseInt(reportId, 16)
}

export const reportIdOf = (rid: number | string | bigint) => BigInt(rid).toString(16).padStart(12, '0')

/** A section's document id: unique across the cluster, so that the aggregator never merges two. */
export function sectionDocId(rid: number, ordinal: number): string {
  return ((BigInt(rid) << ORDINAL_BITS) | BigInt(ordinal)).toString()
}

/** A 48-bit hash as a number: content hashes and the hashes of bureau and province names. */
export function hash48(text: string): number {
  return Number.parseInt(createHash('sha256').update(text).digest('hex').slice(0, 12), 16)
}

/**
 * The shard a report lives on: jump consistent hash (Lamping and Veach) of its id's sha256, so that
 * every writer agrees, and growing from N to N+1 shards moves only a 1/(N+1) share of the reports.
 */
export function shardOf(reportId: string, shards: number): number {
  let key = BigInt(`0x${createHash('sha256').update(reportId).digest('hex').slice(0, 16)}`)
  let bucket = -1
  for (let next = 0; next < shards; ) {
    bucket = next
    key = (key * 2862933555777941757n + 1n) & 0xffffffffffffffffn
    next = Math.floor((bucket + 1) * (2 ** 31 / (Number(key >> 33n) + 1)))
  }
  return bucket
}
