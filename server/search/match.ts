// Evaluates a parsed query over the text index: which sections match, and how well.
//
// Everything runs on sorted typed arrays of section numbers: a term's sections come from its
// postings, OR merges lists keeping the best score, AND intersects them adding scores. No Map, no
// object per match: a common word matches tens of thousands of sections.

import { partCode } from '../../index/parts.js'
import { findFolded, type Postings, type TextIndex } from '../../index/postings.js'
import type { ReportRecord } from '../../index/types.js'
import { metaMatches } from './meta-match.js'
import type { Filters, ParsedQuery, Term } from './query-parser.js'
import { EXACT_TIER, idf, termWeight } from './scoring.js'

/** Matching sections, ascending, with their scores. */
export interface Matches {
  ids: Uint32Array
  scores: Float64Array
}

const empty: Matches = { ids: new Uint32Array(0), scores: new Float64Array(0) }

/** Section lengths, for BM25's length normalisation; computed once per text index. */
const lengthsOf = new WeakMap<TextIndex, Uint32Array>()
function lengths(text: TextIndex): Uint32Array {
  let out = lengthsOf.get(text)
  if (!out) {
    out = new Uint32Array(text.size)
    for (let s = 0; s < text.size; s++) out[s] = (text.folded[s] as string).length
    lengthsOf.set(text, out)
  }
  return out
}

/** BM25 weights of one piece's postings. */
function weigh(text: TextIndex, postings: Postings): Matches {
  const len = lengths(text)
  const inverse = idf(text.size, postings.ids.length)
  const scores = new Float64Array(postings.ids.length)
  for (let i = 0; i < scores.length; i++) {
    scores[i] = termWeight(
      postings.tf[i] as number,
      len[postings.ids[i] as number] as number,
      text.averageLength,
      inverse,
    )
  }
  return { ids: postings.ids, scores }
}

/**
 * The sections both hold, with their scores added (a's first). Either side is matches already
 * weighed, or postings weighed here where the two meet, never whole: 执法 培训 at 20,000 reports
 * meets in 126,000 of 培训's entries and 264,000 of 执法's, and two lists that never meet (the
 * commonest answer to two fragments) weigh nothing. The same sums in the same order as weighing
 * each side whole first.
 */
export function intersect(text: TextIndex, a: Matches | Postings, b: Matches | Postings): Matches {
  const len = lengths(text)
  const average = text.averageLength
  const aScores = 'scores' in a ? a.scores : null
  const bScores = 'scores' in b ? b.scores : null
  const aTf = aScores ? null : (a as Postings).tf
  const bTf = bScores ? null : (b as Postings).tf
  const aInverse = idf(text.size, a.ids.length)
  const bInverse = idf(text.size, b.ids.length)
  const n = Math.min(a.ids.length, b.ids.length)
  const ids = new Uint32Array(n)
  const scores = new Float64Array(n)
  let k = 0
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length; ) {
    const x = a.ids[i] as number
    const y = b.ids[j] as number
    if (x === y) {
      ids[k] = x
      const first = aScores
        ? (aScores[i] as number)
        : termWeight((aTf as Uint8Array)[i] as number, len[x] as number, average, aInverse)
      const second = bScores
        ? (bScores[j] as number)
        : termWeight((bTf as Uint8Array)[j] as number, len[y] as number, average, bInverse)
      scores[k++] = first + second
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return { ids: ids.subarray(0, k), scores: scores.subarray(0, k) }
}

/** Matches or postings as matches: postings weighed whole. */
const weighed = (text: TextIndex, m: Matches | Postings): Matches => ('scores' in m ? m : weigh(text, m))

/** Sections in either; a section in both gets `both` of its two scores (by default the better). */
export function union(a: Matches, b: Matches, both: (x: number, y: number) => number = Math.max): Matches {
  const ids = new Uint32Array(a.ids.length + b.ids.length)
  const scores = new Float64Array(ids.length)
  let k = 0
  let i = 0
  let j = 0
  while (i < a.ids.length || j < b.ids.length) {
    const x = i < a.ids.length ? (a.ids[i] as number) : Number.POSITIVE_INFINITY
    const y = j < b.ids.length ? (b.ids[j] as number) : Number.POSITIVE_INFINITY
    if (x === y) {
      ids[k] = x
      scores[k++] = both(a.scores[i++] as number, b.scores[j++] as number)
    } else if (x < y) {
      ids[k] = x
      scores[k++] = a.scores[i++] as number
    } else {
      ids[k] = y
      scores[k++] = b.scores[j++] as number
    }
  }
  return { ids: ids.subarray(0, k), scores: scores.subarray(0, k) }
}

/** A term's text matches with its metadata matches added: a section whose text and whose report both match ranks above either alone. */
function withMetadata(
  index: { reports: ReportRecord[]; text: TextIndex },
  term: Term,
  text: Matches,
): Matches {
  const meta = metaMatches(index, term)
  return meta ? union(text, meta, (x, y) => x + y) : text
}

/** Keeps the matches `keep` says yes to. */
function filter(m: Matches, keep: (s: number, i: number) => boolean): Matches {
  const ids = new Uint32Array(m.ids.length)
  const scores = new Float64Array(m.ids.length)
  let k = 0
  for (let i = 0; i < m.ids.length; i++) {
    const s = m.ids[i] as number
    if (keep(s, i)) {
      ids[k] = s
      scores[k++] = m.scores[i] as number
    }
  }
  return { ids: ids.subarray(0, k), scores: scores.subarray(0, k) }
}

/** A piece's postings, found once per query: a piece may stand in several terms. */
function findCached(text: TextIndex, cache: Map<string, Postings>, piece: string): Postings {
  let postings = cache.get(piece)
  if (!postings) {
    postings = findFolded(text, piece)
    cache.set(piece, postings)
  }
  return postings
}

/** Sections holding one term: every piece somewhere in the section; a word typed whole ranks higher. */
function termMatches(text: TextIndex, term: Term, cache: Map<string, Postings>): Matches {
  const pieces = term.pieces
    .map((piece) => findCached(text, cache, piece))
    .sort((a, b) => a.ids.length - b.ids.length)
  let met: Matches | Postings = pieces[0] as Postings
  for (const postings of pieces.slice(1)) {
    if (met.ids.length === 0) return empty
    met = intersect(text, met, postings)
  }
  const matches = weighed(text, met)
  if (term.kind === 'word' && term.pieces.length > 1) {
    const { ids, scores } = matches
    for (let i = 0; i < ids.length; i++) {
      if ((text.folded[ids[i] as number] as string).includes(term.folded))
        scores[i] = (scores[i] as number) + EXACT_TIER
    }
  }
  return matches
}

/** Where each report's sections start (its sections are consecutive), made once per text index. */
const reportStarts = new WeakMap<TextIndex, Uint32Array>()
function startsOf(text: TextIndex, reports: number): Uint32Array {
  let starts = reportStarts.get(text)
  if (!starts) {
    starts = new Uint32Array(reports + 1).fill(text.size)
    for (let s = text.size - 1; s >= 0; s--) starts[text.reportOf[s] as number] = s
    for (let r = reports - 1; r >= 0; r--) starts[r] = Math.min(starts[r] as number, starts[r + 1] as number)
    reportStarts.set(text, starts)
  }
  return starts
}

/** Every section, or those of the reports `mask` allows, with no score. */
function allSections(text: TextIndex, mask: Uint8Array | null): Matches {
  if (!mask)
    return { ids: Uint32Array.from({ length: text.size }, (_, s) => s), scores: new Float64Array(text.size) }
  const starts = startsOf(text, mask.length)
  let count = 0
  for (let r = 0; r < mask.length; r++)
    if (mask[r]) count += (starts[r + 1] as number) - (starts[r] as number)
  const ids = new Uint32Array(count)
  let k = 0
  for (let r = 0; r < mask.length; r++)
    if (mask[r]) for (let s = starts[r] as number; s < (starts[r + 1] as number); s++) ids[k++] = s
  return { ids, scores: new Float64Array(count) }
}

/** Which reports pass the report-level filters: null when there are none. */
function reportMask(reports: ReportRecord[], filters: Filters): Uint8Array | null {
  const { bureau, province, year, yearFrom, yearTo, dateFrom, dateTo, report } = filters
  if ([bureau, province, year, yearFrom, yearTo, dateFrom, dateTo, report].every((f) => f === undefined))
    return null
  return Uint8Array.from(
    reports,
    ({ meta }) =>
      +(
        (bureau === undefined || meta.bureau.includes(bureau)) &&
        (province === undefined || (meta.province ?? '').includes(province)) &&
        (year === undefined || meta.year === year) &&
        (yearFrom === undefined || (meta.year !== null && meta.year >= yearFrom)) &&
        (yearTo === undefined || (meta.year !== null && meta.year <= yearTo)) &&
        // Dates are YYYY-MM-DD: their order is the strings' order.
        (dateFrom === undefined || (meta.date !== null && meta.date >= dateFrom)) &&
        (dateTo === undefined || (meta.date !== null && meta.date <= dateTo)) &&
        (report === undefined || meta.id === report)
      ),
  )
}

/**
 * The sections a query matches, with their scores. `groupsFound`, where given, is filled with
 * whether each required group, in the query's order, matches a section with no other group, no
 * filter and no exclusion (what "did you mean" asks before it corrects a word): known here for free.
 * (A list to fill rather than a field of the answer: matches keep one shape everywhere they go.)
 */
export function matchQuery(
  index: { reports: ReportRecord[]; text: TextIndex },
  query: ParsedQuery,
  groupsFound: boolean[] = [],
): Matches {
  const { text } = index
  const cache = new Map<string, Postings>()
  let matches: Matches | null = null
  // Rarest group first: every later intersection is then bounded by the smallest list. A group of
  // one word of one piece, with no place or bureau in it, is its postings: weighed where it meets the
  // groups before it, not whole.
  const groups = query.required.map((group): Matches | Postings => {
    const [term] = group
    if (group.length === 1 && term && term.pieces.length === 1 && !term.places && !term.bureaus)
      return findCached(text, cache, term.pieces[0] as string)
    return group
      .map((term) => withMetadata(index, term, termMatches(text, term, cache)))
      .reduce((a, b) => union(a, b))
  })
  // Each group is matched whole before any is intersected.
  for (const group of groups) groupsFound.push(group.ids.length > 0)
  groups.sort((a, b) => a.ids.length - b.ids.length)
  // Postings stay unweighed until they meet another group: only the entries that meet are weighed.
  let met: Matches | Postings | null = null
  for (const group of groups) met = met ? intersect(text, met, group) : group
  if (met) matches = weighed(text, met)
  const mask = reportMask(index.reports, query.filters)
  // Filters alone: every section of the reports they allow, a report's sections being consecutive.
  if (matches === null) matches = allSections(text, mask)
  if (query.excluded.length > 0) {
    const out = new Uint8Array(text.size)
    for (const term of query.excluded)
      for (const s of withMetadata(index, term, termMatches(text, term, cache)).ids) out[s] = 1
    matches = filter(matches, (s) => out[s] === 0)
  }
  const part = query.filters.part === undefined ? -1 : partCode(query.filters.part)
  if (mask || part >= 0) {
    matches = filter(
      matches,
      (s) => (!mask || mask[text.reportOf[s] as number] === 1) && (part < 0 || text.partCode[s] === part),
    )
  }
  return matches
}
