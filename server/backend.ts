// The one seam between the HTTP API and the engine that answers it: the embedded engine or a cluster.

import type { Part } from '../index/parts.js'
import type { ReportMeta } from '../index/types.js'
import type { Comparison, Practice, PracticeFilter } from './atlas.js'
import type { BureauEntry, SearchRequest, SearchResponse } from './search/engine.js'

/** One section of a report as the reader shows it; `marked` is the text with the query's words marked. */
export interface ReportSection {
  id: string
  path: string[]
  part: Part
  text: string
  /** With a query: the text HTML-escaped, every match in <mark>. */
  marked?: string
}

export type ReportDetail = ReportMeta & { sections: ReportSection[] }

/** A corpus file the index does not hold, and why. */
export interface SkippedFile {
  source: string
  code: string
  message: string
}

/** What /health says of the index in use. */
export interface BackendHealth {
  reports: number
  sections: number
  indexedAt: string
  skipped: SkippedFile[]
  /** A rebuild is running; answers come from the index in use. */
  indexing: boolean
  /** Changes in the corpus folder start a rebuild. */
  watching: boolean
  /** Why the last rebuild failed; null when it did not. */
  lastError: string | null
}

/**
 * Everything the routes ask of an engine. Every method may be answered over the network, so every
 * one is asynchronous; errors a user can cause are AppErrors with a catalogued code.
 */
export interface SearchBackend {
  readonly kind: 'embedded' | 'cluster'
  search(request: SearchRequest): Promise<SearchResponse>
  /** Which bureaus report what the query finds: one entry per report, most matching sections first. */
  bureaus(request: SearchRequest): Promise<BureauEntry[]>
  suggest(prefix: string, limit?: number): Promise<string[]>
  reports(): Promise<ReportMeta[]>
  /** One report with its sections, the query's words marked when `q` is given; null when unknown. */
  report(id: string, q?: string): Promise<ReportDetail | null>
  practices(filter: PracticeFilter): Promise<Practice[]>
  compare(ids: string[]): Promise<Comparison>
  health(): Promise<BackendHealth>
  /** Rebuilds from the corpus folder (everything with `force`); settles when the new index answers. */
  reindex(force?: boolean): Promise<void>
  close(): Promise<void>
}
