// The search engine over one loaded index: search results grouped by report, which bureaus, suggestions.

import { performance } from 'node:perf_hooks'
import { type Config, defaults } from '../../common/config.js'
import type { ReportMeta } from '../../indexer/metadata.js'
import type { Part } from '../../indexer/parts.js'
import type { LoadedIndex } from '../../indexer/store.js'
import { normalize } from '../../indexer/text/normalize.js'
import { addWords } from '../../indexer/text/segment.js'
import type { IndexedReport, VocabularyTerm } from '../../indexer/types.js'
import { type Matches, matchQuery } from './match.js'
import { type Filters, highlights, type ParsedQuery, parseQuery } from './query-parser.js'
import { reportScore } from './scoring.js'
import { snippet } from './snippet.js'
import { buildTextIndex, type TextIndex } from './text-index.js'

export interface SearchRequest extends Filters {
  q: string
  page?: number
  size?: number
}

export interface Hit {
  sectionId: string
  path: string[]
  part: Part
  snippet: string
}

export interface Facet {
  value: string
  count: number
}

export interface SearchResponse {
  query: string
  total: number
  sectionsTotal: number
  page: number
  size: number
  tookMs: number
  results: { report: ReportMeta; score: number; matches: number; hits: Hit[] }[]
  facets: { bureau: Facet[]; province: Facet[]; year: Facet[]; part: Facet[] }
}

export interface BureauEntry {
  bureau: string
  province: string | null
  city: string | null
  county: string | null
  year: number | null
  reportId: string
  title: string
  matches: number
  snippet: string
}

/** The matching sections of one report, and the report's score. */
interface ReportGroup {
  report: number
  score: number
  sections: number[]
  scores: number[]
}

export const sectionId = (report: IndexedReport, ordinal: number) => `${report.meta.id}-${ordinal + 1}`

export class SearchEngine {
  readonly text: TextIndex
  private readonly config: Config

  constructor(
    readonly index: LoadedIndex,
    config: Partial<Config> = {},
  ) {
    this.config = { ...defaults, ...config }
    // Queries are cut with the words the corpus quotes, as the reports were.
    addWords(index.reports.flatMap((r) => r.quoted))
    this.text = buildTextIndex(index)
  }

  report(id: string): IndexedReport | undefined {
    return this.index.reports.find((r) => r.meta.id === id)
  }

  private groups(matches: Matches): ReportGroup[] {
    const groups: ReportGroup[] = []
    let current: ReportGroup | undefined
    matches.ids.forEach((s, i) => {
      const report = this.text.reportOf[s] as number
      if (current?.report !== report) {
        current = { report, score: 0, sections: [], scores: [] }
        groups.push(current)
      }
      current.sections.push(s)
      current.scores.push(matches.scores[i] as number)
    })
    for (const g of groups) g.score = reportScore(Math.max(...g.scores), g.sections.length)
    return groups.sort(
      (a, b) => b.score - a.score || b.sections.length - a.sections.length || a.report - b.report,
    )
  }

  private hit(s: number, marks: string[]): Hit {
    const report = this.index.reports[this.text.reportOf[s] as number] as IndexedReport
    const ordinal = this.text.ordinal[s] as number
    const section = report.sections[ordinal] as IndexedReport['sections'][number]
    return {
      sectionId: sectionId(report, ordinal),
      path: section.path,
      part: section.part,
      snippet: snippet(report.body.slice(section.start, section.end), marks, this.config.snippetLength),
    }
  }

  /** The best-scoring sections of a group, best first. */
  private bestSections(group: ReportGroup, limit: number): number[] {
    return group.sections
      .map((s, i) => [s, group.scores[i] as number] as const)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([s]) => s)
  }

  private facets(groups: ReportGroup[], matches: Matches): SearchResponse['facets'] {
    const count = (values: (string | number | null)[]) => {
      const counts = new Map<string, number>()
      for (const v of values) if (v !== null) counts.set(String(v), (counts.get(String(v)) ?? 0) + 1)
      return [...counts]
        .map(([value, n]) => ({ value, count: n }))
        .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
    }
    const metas = groups.map((g) => (this.index.reports[g.report] as IndexedReport).meta)
    return {
      bureau: count(metas.map((m) => m.bureau)),
      province: count(metas.map((m) => m.province)),
      year: count(metas.map((m) => m.year)),
      part: count([...matches.ids].map((s) => this.text.part[s] as Part)),
    }
  }

  parse(request: SearchRequest): ParsedQuery {
    const { bureau, province, year, part } = request
    const filters = Object.fromEntries(
      Object.entries({ bureau, province, year, part }).filter(([, v]) => v !== undefined),
    ) as Filters
    return parseQuery(request.q ?? '', filters)
  }

  search(request: SearchRequest): SearchResponse {
    const started = performance.now()
    const page = request.page ?? 1
    const size = request.size ?? this.config.pageSize
    const query = this.parse(request)
    const matches = matchQuery(this.index, this.text, query)
    const groups = this.groups(matches)
    const marks = highlights(query)
    const results = groups.slice((page - 1) * size, page * size).map((g) => ({
      report: (this.index.reports[g.report] as IndexedReport).meta,
      score: Math.round(g.score * 1000) / 1000,
      matches: g.sections.length,
      hits: this.bestSections(g, this.config.hitsPerReport).map((s) => this.hit(s, marks)),
    }))
    return {
      query: request.q,
      total: groups.length,
      sectionsTotal: matches.ids.length,
      page,
      size,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      results,
      facets: this.facets(groups, matches),
    }
  }

  /** Which bureaus report what the query finds: one entry per report, most matching sections first. */
  bureaus(request: SearchRequest): BureauEntry[] {
    const query = this.parse(request)
    const matches = matchQuery(this.index, this.text, query)
    const marks = highlights(query)
    return this.groups(matches)
      .sort((a, b) => b.sections.length - a.sections.length || b.score - a.score)
      .map((g) => {
        const { meta } = this.index.reports[g.report] as IndexedReport
        return {
          bureau: meta.bureau,
          province: meta.province,
          city: meta.city,
          county: meta.county,
          year: meta.year,
          reportId: meta.id,
          title: meta.title,
          matches: g.sections.length,
          snippet: this.hit(this.bestSections(g, 1)[0] as number, marks).snippet,
        }
      })
  }

  /** Words of the corpus that start with `prefix`: quoted practices first, then by how many sections use them. */
  suggest(prefix: string, limit = this.config.suggestLimit): string[] {
    const folded = normalize(prefix)
    if (!folded) return []
    const found = this.index.vocabularyIndex.search(folded, { prefix: true }) as unknown as VocabularyTerm[]
    return found
      .filter((t) => t.term !== folded && t.term.startsWith(folded))
      .sort((a, b) => Number(b.practice) - Number(a.practice) || b.df - a.df || (a.term < b.term ? -1 : 1))
      .slice(0, limit)
      .map((t) => t.term)
  }
}
