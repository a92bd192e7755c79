// Sections matched by their report's metadata: a place or a bureau named in the query finds the
// reports placed there or issued by such a bureau, whose own text may never name it (梨树's report
// never writes 梨树县), and ranks them first.

import type { TextIndex } from '../../index/postings.js'
import { normalize } from '../../index/text/normalize.js'
import type { ReportRecord } from '../../index/types.js'
import type { Matches } from './match.js'
import type { Term } from './query-parser.js'
import { EXACT_TIER } from './scoring.js'

/** What a metadata match adds to a section's score: as much as a word standing whole, so they rank first. */
export const META_TIER = EXACT_TIER

interface Columns {
  /** Each report's first section, and one past the last report's last: sections of a report are consecutive. */
  first: Uint32Array
  bureau: string[]
}
const columnsOf = new WeakMap<TextIndex, Columns>()

function columns(reports: ReportRecord[], text: TextIndex): Columns {
  let found = columnsOf.get(text)
  if (!found) {
    const first = new Uint32Array(reports.length + 1).fill(text.size)
    for (let s = text.size - 1; s >= 0; s--) first[text.reportOf[s] as number] = s
    for (let r = reports.length - 1; r >= 0; r--)
      if ((first[r] as number) > (first[r + 1] as number)) first[r] = first[r + 1] as number
    found = { first, bureau: reports.map((r) => normalize(r.meta.bureau)) }
    columnsOf.set(text, found)
  }
  return found
}

/** True when the report is placed in one of `places` (full names) or issued by a bureau holding one of `bureaus`. */
export function metaHolds(meta: ReportRecord['meta'], bureau: string, term: Term): boolean {
  const { places, bureaus } = term
  if (places?.some((p) => p === meta.province || p === meta.city || p === meta.county)) return true
  return bureaus?.some((b) => bureau.includes(b)) ?? false
}

/** Every section of the reports the term's metadata names, each scored META_TIER; null for a term without metadata. */
export function metaMatches(index: { reports: ReportRecord[]; text: TextIndex }, term: Term): Matches | null {
  if (!term.places && !term.bureaus) return null
  const { first, bureau } = columns(index.reports, index.text)
  const ranges: number[] = []
  let n = 0
  index.reports.forEach((report, r) => {
    if (!metaHolds(report.meta, bureau[r] as string, term)) return
    ranges.push(first[r] as number, first[r + 1] as number)
    n += (first[r + 1] as number) - (first[r] as number)
  })
  const ids = new Uint32Array(n)
  let k = 0
  for (let i = 0; i < ranges.length; i += 2)
    for (let s = ranges[i] as number; s < (ranges[i + 1] as number); s++) ids[k++] = s
  return { ids, scores: new Float64Array(n).fill(META_TIER) }
}

/**
 * The hits a report shows: those with something marked, when it has any. A report found by its
 * metadata (梨树县 names no section of 梨树's report) shows its best sections unmarked only when
 * none holds a searched word.
 */
export function preferMarked<T extends { snippet: string }>(hits: T[]): T[] {
  const marked = hits.filter((h) => h.snippet.includes('<mark>'))
  return marked.length > 0 ? marked : hits
}
