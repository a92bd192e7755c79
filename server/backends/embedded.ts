// The embedded engine behind the SearchBackend interface: the index in use, searched in this process.

import type { Config } from '../../common/config.js'
import type { LoadedIndex } from '../../index/load.js'
import { sectionId } from '../../index/types.js'
import type { SearchBackend, SearchRequest } from '../backend.js'
import type { PracticeFilter, ReportDetail } from '../schemas.js'
import { compareReports, listPractices } from '../search/atlas.js'
import { bureauReports } from '../search/bureau.js'
import { feedOf } from '../search/feed.js'
import { markSections } from '../search/report-marks.js'
import { SearchThreads } from '../search/search-threads.js'
import { bureauYears } from '../search/years.js'
import { LiveIndex, type Log } from './live-index.js'

/**
 * The files an index skipped, and why: listed once per index, since /health is asked every few
 * seconds and the list walks every file of the corpus (2 ms at 100,000).
 */
const skippedOf = new WeakMap<LoadedIndex, { source: string; code: string; message: string }[]>()
function skippedFiles(index: LoadedIndex) {
  let skipped = skippedOf.get(index)
  if (!skipped) {
    skipped = index.files.flatMap((f) => (f.error ? [{ source: f.source, ...f.error }] : []))
    skippedOf.set(index, skipped)
  }
  return skipped
}

export class EmbeddedBackend implements SearchBackend {
  readonly kind = 'embedded' as const

  constructor(
    /** The index in use, its rebuilds and its watcher. */
    readonly live: LiveIndex,
    private readonly config: Pick<Config, 'maxReportMarks' | 'snippetLength'>,
    /** Threads that answer searches beside this one (SEARCH_THREADS); none answers them all here. */
    private readonly threads: Pick<SearchThreads, 'search' | 'prepare' | 'close'> | null = null,
  ) {}

  /** The backend over the corpus' index, reused or rebuilt (see LiveIndex.open). */
  static async open(config: Config, log: Log): Promise<EmbeddedBackend> {
    const live = await LiveIndex.open(config, log)
    const threads =
      config.searchThreads > 0
        ? new SearchThreads(config.searchThreads, config, (details, message) => log.warn(details, message))
        : null
    const backend = new EmbeddedBackend(live, config, threads)
    // The threads load the index now, while the server starts listening: the first searches are
    // answered here until they hold it.
    threads?.prepare(live.engine)
    return backend
  }

  /** The backend over an index already loaded (tests, the benchmark). */
  static over(index: LoadedIndex, config: Config, log: Log): EmbeddedBackend {
    return new EmbeddedBackend(new LiveIndex(index, config, log), config)
  }

  async search(request: SearchRequest) {
    // One engine for the whole answer, wherever it is found: a thread answers from the same index.
    const { engine } = this.live
    const threaded = this.threads?.search(engine, request)
    if (threaded) {
      try {
        return await threaded
      } catch {
        // The thread stopped or failed on this request: this thread answers it, as it would have.
      }
    }
    return engine.search(request)
  }

  async bureaus(request: SearchRequest) {
    return this.live.engine.bureaus(request)
  }

  async feed(request: SearchRequest, limit: number) {
    const { engine } = this.live
    return feedOf(engine.index, engine.parse(request), limit, this.config.snippetLength)
  }

  async suggest(prefix: string) {
    return this.live.engine.suggest(prefix)
  }

  async reports() {
    return this.live.index.reports.map((r) => r.meta)
  }

  async bureauYears(name: string) {
    return bureauYears(name, bureauReports(this.live.index, name))
  }

  async report(id: string, q?: string): Promise<ReportDetail | null> {
    // One engine for the whole answer, even if another is swapped in meanwhile.
    const { engine } = this.live
    const report = engine.report(id)
    if (!report) return null
    const sections = report.sections.map((s, i) => ({
      id: sectionId(report, i),
      path: s.path,
      part: s.part,
      text: engine.index.sectionText(report, i),
    }))
    return {
      ...report.meta,
      sections: markSections(sections, q, engine.index.segmenter, this.config.maxReportMarks, engine.lexicon),
    }
  }

  async practices(filter: PracticeFilter) {
    return listPractices(this.live.index, filter)
  }

  async compare(ids: string[]) {
    return compareReports(this.live.index, ids)
  }

  async health() {
    const { index, status } = this.live
    return {
      backend: this.kind,
      reports: index.reports.length,
      sections: index.text.size,
      indexedAt: index.builtAt,
      skipped: skippedFiles(index),
      indexing: status.indexing,
      watching: status.watching,
      lastError: status.lastError,
    }
  }

  reindex(force = false) {
    return this.live.reindex(force)
  }

  watch() {
    return this.live.watch()
  }

  async close() {
    await this.threads?.close()
    return this.live.close()
  }
}
