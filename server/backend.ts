// The one seam between the HTTP API and the engine that answers it: the embedded engine or a cluster.

import type { Part } from '../index/parts.js'
import type { ReportMeta } from '../index/types.js'
import type {
  BureauEntry,
  Comparison,
  Health,
  Hit,
  Practice,
  PracticeFilter,
  ReportDetail,
  SearchResponse,
} from './schemas.js'
import type { BureauYears } from './schemas-years.js'

/** The filters of a search, checked and normalised (query-parser.ts `filterValue`). */
export interface Filters {
  bureau?: string
  province?: string
  year?: number
  part?: Part
  /** Years the report covers, both ends included. */
  yearFrom?: number
  yearTo?: number
  /** The signing date (成文日期), YYYY-MM-DD, both ends included: a report with no date is left out. */
  dateFrom?: string
  dateTo?: string
  /** One report only, by id: every hit in it (a result list's "more", the reader's table of contents). */
  report?: string
}

/** A search as a backend takes it: the query as typed, the filters of the query string, a page. */
export interface SearchRequest extends Filters {
  q: string
  page?: number
  size?: number
  /** Sections shown per report (config.hitsPerReport when not given). */
  hits?: number
  /** Each hit's snippet is the section's whole text, marked (the spreadsheet export). */
  whole?: boolean
}

/** A report a saved search finds, as its feed lists it. */
export interface FeedEntry {
  report: ReportMeta
  /** When the report, as its file now reads, was first indexed (ISO 8601). */
  indexedAt: string
  /** Its matching sections. */
  matches: number
  /** Its best matching section. */
  hit: Hit
}

export interface FeedAnswer {
  /** Reports the query finds; the feed lists the newest `limit` of them. */
  total: number
  /** When the index answering was built. */
  updated: string
  entries: FeedEntry[]
}

/**
 * Everything the routes ask of an engine. Every method may be answered over the network, so every
 * one is asynchronous; an error a user can cause is an AppError with a catalogued code.
 */
export interface SearchBackend {
  readonly kind: 'embedded' | 'cluster'
  search(request: SearchRequest): Promise<SearchResponse>
  /** Which bureaus report what the query finds: one entry per report, most matching sections first. */
  bureaus(request: SearchRequest): Promise<BureauEntry[]>
  /** A saved search's feed: the `limit` newest indexed of the reports the query finds, each with its best section. */
  feed(request: SearchRequest, limit: number): Promise<FeedAnswer>
  /** Words and practices of the corpus that complete `prefix`. */
  suggest(prefix: string): Promise<string[]>
  reports(): Promise<ReportMeta[]>
  /** One bureau's reports by year and what changed from year to year; BUREAU_NOT_FOUND when it has none. */
  bureauYears(name: string): Promise<BureauYears>
  /** One report with its sections, the query's words marked when `q` is given; null when unknown. */
  report(id: string, q?: string): Promise<ReportDetail | null>
  practices(filter: PracticeFilter): Promise<Practice[]>
  /** Two to five reports side by side; a 400 or 404 AppError for ids that are not two to five known, different reports. */
  compare(ids: string[]): Promise<Comparison>
  health(): Promise<Omit<Health, 'status'>>
  /** Rebuilds from the corpus folder (everything with `force`); settles when the new index answers. */
  reindex(force?: boolean): Promise<void>
  /** Starts watching the corpus folder: a change is indexed in the background. */
  watch(): Promise<void>
  /** Stops watching and lets a rebuild under way finish. */
  close(): Promise<void>
}
