// Evaluates a parsed query over the text index: which sections match, and how well.

import type { LoadedIndex } from '../../indexer/store.js'
import { countOccurrences, findFolded } from './phrase.js'
import type { Filters, ParsedQuery, Term } from './query-parser.js'
import { EXACT_TIER, idf, termWeight } from './scoring.js'
import type { Postings, TextIndex } from './text-index.js'

/** Matching sections, ascending, with their scores. */
export interface Matches {
  ids: Uint32Array
  scores: Float64Array
}

/** Sections (and scores) holding one term: every piece somewhere in the section. */
function termScores(text: TextIndex, term: Term, cache: Map<string, Postings>): Map<number, number> {
  const find = (piece: string) => {
    let postings = cache.get(piece)
    if (!postings) {
      postings = findFolded(text, piece)
      cache.set(piece, postings)
    }
    return postings
  }
  let scores: Map<number, number> | null = null
  for (const piece of term.pieces) {
    const postings = find(piece)
    const inverse = idf(text.size, postings.ids.length)
    const next = new Map<number, number>()
    postings.ids.forEach((s, i) => {
      if (scores && !scores.has(s)) return
      const weight = termWeight(
        postings.tf[i] as number,
        (text.folded[s] as string).length,
        text.averageLength,
        inverse,
      )
      next.set(s, (scores?.get(s) ?? 0) + weight)
    })
    scores = next
  }
  const result = scores ?? new Map<number, number>()
  if (term.kind === 'word' && term.pieces.length > 1) {
    for (const [s, score] of result) {
      if (countOccurrences(text.folded[s] as string, term.folded) > 0) result.set(s, score + EXACT_TIER)
    }
  }
  return result
}

/** Which reports pass the report-level filters. */
function reportFilter(index: Pick<LoadedIndex, 'reports'>, filters: Filters): (r: number) => boolean {
  const { bureau, province, year } = filters
  if (bureau === undefined && province === undefined && year === undefined) return () => true
  const allowed = index.reports.map(
    ({ meta }) =>
      (bureau === undefined || meta.bureau.includes(bureau)) &&
      (province === undefined || (meta.province ?? '').includes(province)) &&
      (year === undefined || meta.year === year),
  )
  return (r) => allowed[r] === true
}

export function matchQuery(
  index: Pick<LoadedIndex, 'reports'>,
  text: TextIndex,
  query: ParsedQuery,
): Matches {
  const cache = new Map<string, Postings>()
  const allowedReport = reportFilter(index, query.filters)
  const allowed = (s: number) =>
    allowedReport(text.reportOf[s] as number) &&
    (query.filters.part === undefined || text.part[s] === query.filters.part)

  let scores: Map<number, number> | null = null
  for (const group of query.required) {
    const groupScores = new Map<number, number>()
    for (const term of group) {
      for (const [s, score] of termScores(text, term, cache)) {
        if (scores && !scores.has(s)) continue
        groupScores.set(s, Math.max(groupScores.get(s) ?? 0, score))
      }
    }
    for (const [s, score] of groupScores) groupScores.set(s, score + (scores?.get(s) ?? 0))
    scores = groupScores
  }
  if (scores === null) {
    // Filters alone: every section of the reports they allow.
    scores = new Map()
    for (let s = 0; s < text.size; s++) scores.set(s, 0)
  }
  for (const term of query.excluded) {
    for (const s of termScores(text, term, cache).keys()) scores.delete(s)
  }
  const ids = [...scores.keys()].filter(allowed).sort((a, b) => a - b)
  return { ids: Uint32Array.from(ids), scores: Float64Array.from(ids, (s) => scores.get(s) as number) }
}
