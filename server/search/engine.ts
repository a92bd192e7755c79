// The search engine over one loaded index: search results grouped by report, which bureaus, suggestions.

import { performance } from 'node:perf_hooks'
import { type Config, defaults } from '../../common/config.js'
import type { StoredReport } from '../../index/format.js'
import type { LoadedIndex } from '../../index/load.js'
import { parts } from '../../index/parts.js'
import { normalize } from '../../index/text/normalize.js'
import { type ReportMeta, sectionId, type VocabularyTerm } from '../../index/types.js'
import type { SearchRequest } from '../backend.js'
import type { BureauEntry, Facet, Hit, SearchResponse } from '../schemas.js'
import { AnswerCache } from './cache.js'
import { type Matches, matchQuery } from './match.js'
import { preferMarked } from './meta-match.js'
import { type Candidate, correctedQuery, nearest } from './near-miss.js'
import {
  filtersOf,
  highlights,
  type Lexicon,
  type ParsedQuery,
  parseQuery,
  type Term,
} from './query-parser.js'
import { reportScore } from './scoring.js'
import { markedText, snippet } from './snippet.js'
import { loadSynonyms, type Synonyms, shippedSynonymsPath } from './synonyms.js'

/** The matching sections of each report: ranges of the (sorted) match list, and each report's score. */
interface Groups {
  report: Uint32Array
  from: Uint32Array
  to: Uint32Array
  score: Float64Array
  count: number
}

/** A facet's values as small integers per report, so that counting is a loop over an array. */
class FacetColumn {
  readonly values: string[] = []
  readonly ofReport: Int32Array
  /** The value ids in the order of their names: ties in a count are broken by name without a sort. */
  readonly byName: Uint32Array
  constructor(reports: StoredReport[], get: (meta: ReportMeta) => string | number | null) {
    const ids = new Map<string, number>()
    this.ofReport = Int32Array.from(reports, ({ meta }) => {
      const value = get(meta)
      if (value === null) return -1
      const key = String(value)
      let id = ids.get(key)
      if (id === undefined) {
        id = this.values.length
        ids.set(key, id)
        this.values.push(key)
      }
      return id
    })
    this.byName = Uint32Array.from(this.values.keys()).sort((a, b) =>
      (this.values[a] as string) < (this.values[b] as string) ? -1 : 1,
    )
  }
}

/**
 * The `limit` values with the most counts, ties by name: the same as sorting them all by count and
 * name, for a column of thousands of values (bureaus) at the cost of a numeric sort and one pass.
 */
export function topFacet(
  values: string[],
  byName: ArrayLike<number>,
  counts: Uint32Array,
  limit: number,
): Facet[] {
  // Only the values counted at all are sorted: an answer of few reports (or none) counts a few of
  // the thousands of bureaus, and sorting them all was a sixth of such an answer's time.
  let n = 0
  for (let id = 0; id < counts.length; id++) if (counts[id] !== 0) n++
  if (n === 0) return []
  const counted = new Uint32Array(n)
  n = 0
  for (let id = 0; id < counts.length; id++) {
    const count = counts[id] as number
    if (count !== 0) counted[n++] = count
  }
  const threshold = counted.sort()[Math.max(0, n - limit)] as number
  const above: Facet[] = []
  for (let id = 0; id < counts.length; id++) {
    const count = counts[id] as number
    if (count > threshold) above.push({ value: values[id] as string, count })
  }
  above.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
  for (let i = 0; i < byName.length && above.length < limit; i++) {
    const id = byName[i] as number
    if (counts[id] === threshold) above.push({ value: values[id] as string, count: threshold })
  }
  return above
}

/** The parts' ids in the order of their names. */
const partsByName = Uint32Array.from(parts.keys()).sort((a, b) =>
  (parts[a] as string) < (parts[b] as string) ? -1 : 1,
)

export class SearchEngine {
  private readonly config: Config
  private readonly facetColumns: { bureau: FacetColumn; province: FacetColumn; year: FacetColumn }
  private readonly reportsById: Map<string, StoredReport>
  /** Answers already given by this engine: a new index is a new engine, with an empty cache. */
  private readonly answers: AnswerCache<Omit<SearchResponse, 'query' | 'tookMs'> | BureauEntry[]>
  /** What unquoted words are expanded with: the synonym list and the index's place names. */
  readonly lexicon: Lexicon

  constructor(
    readonly index: LoadedIndex,
    config: Partial<Config> = {},
    /** The synonym list in force: a new list is a new engine, with an empty cache. */
    readonly synonyms: Synonyms = shippedSynonyms(),
  ) {
    this.config = { ...defaults, ...config }
    this.lexicon = { synonyms, places: index.places }
    this.facetColumns = {
      bureau: new FacetColumn(index.reports, (m) => m.bureau),
      province: new FacetColumn(index.reports, (m) => m.province),
      year: new FacetColumn(index.reports, (m) => m.year),
    }
    this.reportsById = new Map(index.reports.map((r) => [r.meta.id, r]))
    this.answers = new AnswerCache(this.config.cacheSize)
  }

  get text() {
    return this.index.text
  }

  report(id: string): StoredReport | undefined {
    return this.reportsById.get(id)
  }

  /** Splits the sorted matches into reports (a report's sections are consecutive), best report first. */
  private groups(matches: Matches): Groups {
    const { reportOf } = this.index.text
    const n = matches.ids.length
    const report = new Uint32Array(Math.min(n, this.index.reports.length))
    const from = new Uint32Array(report.length)
    const to = new Uint32Array(report.length)
    const score = new Float64Array(report.length)
    let g = -1
    let best = 0
    for (let i = 0; i < n; i++) {
      const r = reportOf[matches.ids[i] as number] as number
      if (g < 0 || report[g] !== r) {
        if (g >= 0) score[g] = reportScore(best, (to[g] as number) - (from[g] as number))
        g++
        report[g] = r
        from[g] = i
        best = Number.NEGATIVE_INFINITY
      }
      to[g] = i + 1
      best = Math.max(best, matches.scores[i] as number)
    }
    if (g >= 0) score[g] = reportScore(best, (to[g] as number) - (from[g] as number))
    const count = g + 1
    return { report: report.subarray(0, count), from, to, score: score.subarray(0, count), count }
  }

  /** Ranks of groups: best report first, then more matching sections, then corpus order. */
  private compare(groups: Groups) {
    const { score, from, to, report } = groups
    return (a: number, b: number) =>
      (score[b] as number) - (score[a] as number) ||
      (to[b] as number) - (from[b] as number) - ((to[a] as number) - (from[a] as number)) ||
      (report[a] as number) - (report[b] as number)
  }

  /**
   * The best `k` groups in order, without sorting them all: the k-th best score is found by a native
   * numeric sort of the scores, and only the groups at or above it are ranked with the comparator.
   */
  private top(groups: Groups, k: number): number[] {
    if (k <= 0 || groups.count === 0) return []
    const sorted = Float64Array.from(groups.score).sort()
    const threshold = sorted[Math.max(0, sorted.length - k)] as number
    const chosen: number[] = []
    for (let g = 0; g < groups.count; g++) if ((groups.score[g] as number) >= threshold) chosen.push(g)
    return chosen.sort(this.compare(groups)).slice(0, k)
  }

  /** Hits for sections of one report; with `whole`, each section's whole text marked. */
  private hits(sections: number[], marks: string[], whole = false): Hit[] {
    const { text } = this.index
    const first = sections[0]
    if (first === undefined) return []
    const report = this.index.reports[text.reportOf[first] as number] as StoredReport
    return sections.map((s) => {
      const ordinal = text.ordinal[s] as number
      const section = report.sections[ordinal] as StoredReport['sections'][number]
      return {
        sectionId: sectionId(report, ordinal),
        path: section.path,
        part: section.part,
        snippet: whole
          ? markedText(this.index.sectionText(report, ordinal), marks)
          : snippet(this.index.sectionText(report, ordinal), marks, this.config.snippetLength),
      }
    })
  }

  /** The best-scoring sections of group g, best first. */
  private bestSections(matches: Matches, groups: Groups, g: number, limit: number): number[] {
    const best: number[] = []
    for (let i = groups.from[g] as number; i < (groups.to[g] as number); i++) best.push(i)
    return best
      .sort((a, b) => (matches.scores[b] as number) - (matches.scores[a] as number) || a - b)
      .slice(0, limit)
      .map((i) => matches.ids[i] as number)
  }

  private facets(groups: Groups, matches: Matches): SearchResponse['facets'] {
    // Nothing matched: nothing to count (a column's counts are as long as its values, 2,000 bureaus).
    if (groups.count === 0) return { bureau: [], province: [], year: [], part: [] }
    const limit = this.config.facetLimit
    const column = (c: FacetColumn) => {
      const counts = new Uint32Array(c.values.length)
      for (const r of groups.report) {
        const id = c.ofReport[r] as number
        if (id >= 0) counts[id] = (counts[id] as number) + 1
      }
      return topFacet(c.values, c.byName, counts, limit)
    }
    const partCounts = new Uint32Array(parts.length)
    const { partCode } = this.index.text
    for (const s of matches.ids)
      partCounts[partCode[s] as number] = (partCounts[partCode[s] as number] as number) + 1
    return {
      bureau: column(this.facetColumns.bureau),
      province: column(this.facetColumns.province),
      year: column(this.facetColumns.year),
      part: topFacet([...parts], partsByName, partCounts, limit),
    }
  }

  parse(request: SearchRequest): ParsedQuery {
    return parseQuery(request.q ?? '', filtersOf(request), this.index.segmenter, this.lexicon)
  }

  /** Reports matching the request, best first, with their marked sections and the facets. */
  search(request: SearchRequest): SearchResponse {
    const started = performance.now()
    const page = request.page ?? 1
    const size = request.size ?? this.config.pageSize
    const query = this.parse(request)
    const shown = { hits: request.hits ?? this.config.hitsPerReport, whole: request.whole === true }
    // The key is the parsed query written out: not made where no answer is kept.
    const key = this.answers.enabled
      ? `search\t${page}\t${size}\t${JSON.stringify(shown)}\t${JSON.stringify(query)}`
      : ''
    let answer = this.answers.get(key) as Omit<SearchResponse, 'query' | 'tookMs'> | undefined
    if (!answer) {
      answer = this.answer(request.q ?? '', query, page, size, shown)
      this.answers.set(key, answer)
    }
    return { query: request.q, ...answer, tookMs: Math.round((performance.now() - started) * 100) / 100 }
  }

  /**
   * The query with each word that finds nothing by itself replaced by the nearest word of the corpus.
   * `groupsFound` (from the query's matches) says which of its groups find something alone.
   */
  private didYouMean(q: string, query: ParsedQuery, groupsFound: boolean[]): string | null {
    const corrections = new Map<Term, string | null>()
    const candidates = (): Candidate[] =>
      this.index.pinyin.entries.map(([term, syllables, df, practice]) => ({
        term,
        syllables,
        df,
        practice: practice === 1,
      }))
    for (const [g, group] of query.required.entries()) {
      if (groupsFound[g]) continue
      for (const term of group) corrections.set(term, nearest(term.folded, candidates()))
    }
    return correctedQuery(q, corrections)
  }

  private answer(
    q: string,
    query: ParsedQuery,
    page: number,
    size: number,
    shown: { hits: number; whole: boolean },
  ): Omit<SearchResponse, 'query' | 'tookMs'> {
    const groupsFound: boolean[] = []
    const matches = matchQuery(this.index, query, groupsFound)
    const groups = this.groups(matches)
    const marks = highlights(query)
    const results = this.top(groups, page * size)
      .slice((page - 1) * size)
      .map((g) => ({
        report: (this.index.reports[groups.report[g] as number] as StoredReport).meta,
        score: Math.round((groups.score[g] as number) * 1000) / 1000,
        matches: (groups.to[g] as number) - (groups.from[g] as number),
        hits: preferMarked(this.hits(this.bestSections(matches, groups, g, shown.hits), marks, shown.whole)),
      }))
    const didYouMean = groups.count === 0 ? this.didYouMean(q, query, groupsFound) : null
    return {
      total: groups.count,
      sectionsTotal: matches.ids.length,
      page,
      size,
      results,
      facets: this.facets(groups, matches),
      ...(query.expanded.length > 0 ? { expanded: query.expanded } : {}),
      ...(didYouMean ? { didYouMean } : {}),
    }
  }

  /** Which bureaus report what the query finds: one entry per report, most matching sections first. */
  bureaus(request: SearchRequest): BureauEntry[] {
    const query = this.parse(request)
    const key = `bureaus\t${JSON.stringify(query)}`
    const cached = this.answers.get(key) as BureauEntry[] | undefined
    if (cached) return cached
    const matches = matchQuery(this.index, query)
    const groups = this.groups(matches)
    const marks = highlights(query)
    const count = (g: number) => (groups.to[g] as number) - (groups.from[g] as number)
    const rank = this.compare(groups)
    const entries = Array.from({ length: groups.count }, (_, g) => g)
      .sort((a, b) => count(b) - count(a) || rank(a, b))
      .map((g) => {
        const { meta } = this.index.reports[groups.report[g] as number] as StoredReport
        return {
          bureau: meta.bureau,
          province: meta.province,
          city: meta.city,
          county: meta.county,
          year: meta.year,
          reportId: meta.id,
          title: meta.title,
          matches: count(g),
          snippet: (this.hits(this.bestSections(matches, groups, g, 1), marks)[0] as Hit).snippet,
        }
      })
    this.answers.set(key, entries)
    return entries
  }

  /** Words of the corpus that start with `prefix`: quoted practices first, then by how many sections use them. */
  suggest(prefix: string, limit = this.config.suggestLimit): string[] {
    const folded = normalize(prefix)
    if (!folded) return []
    const found = this.index.vocabularyIndex.search(folded, { prefix: true }) as unknown as VocabularyTerm[]
    const words = found
      .filter((t) => t.term !== folded && t.term.startsWith(folded))
      .sort((a, b) => Number(b.practice) - Number(a.practice) || b.df - a.df || (a.term < b.term ? -1 : 1))
      .slice(0, limit)
      .map((t) => t.term)
    // Letters may be pinyin (zonghe, zhcyc): its words come after the words that start with the letters.
    if (words.length >= limit || !/^[a-z]+$/.test(folded)) return words
    const more = this.index.pinyin.complete(folded, limit).filter((w) => !words.includes(w))
    return [...words, ...more].slice(0, limit)
  }
}

let shipped: Synonyms | null = null
/** The shipped synonym list, read once: what an engine made without one uses. */
function shippedSynonyms(): Synonyms {
  shipped ??= loadSynonyms(shippedSynonymsPath)
  return shipped
}
