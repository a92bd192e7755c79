// The search backend on a Sphinx/Manticore cluster: the embedded engine's answers, from shards that
// any number of API nodes share, each node keeping nothing of the corpus but jieba's added words.

import { resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { ClusterReader, type ReaderOptions } from '../../cluster/client.js'
import { indexes, phrase } from '../../cluster/schema.js'
import { quote } from '../../cluster/sql.js'
import { type Layout, readState } from '../../cluster/topology.js'
import { type Config, defaults, readLimits } from '../../common/config.js'
import { AppError } from '../../common/errors.js'
import { normalize } from '../../index/text/normalize.js'
import { queryDictionary, Segmenter } from '../../index/text/segment.js'
import type { ReportMeta } from '../../index/types.js'
// The cluster's door into the build pipeline, as live-index.ts is the embedded engine's.
import { type ClusterInfo, corpusState, indexIntoCluster } from '../../indexer/index.js'
import type { FeedAnswer, SearchBackend, SearchRequest } from '../backend.js'
import type {
  BureauEntry,
  Comparison,
  Health,
  Practice,
  PracticeFilter,
  ReportDetail,
  SearchResponse,
} from '../schemas.js'
import type { BureauYears } from '../schemas-years.js'
import { allowedEdits, type Candidate, correctedQuery, nearest } from '../search/near-miss.js'
import { filtersOf, type Lexicon, type ParsedQuery, parseQuery, type Term } from '../search/query-parser.js'
import { markSections } from '../search/report-marks.js'
import { loadSynonyms, type Synonyms, synonymsPath } from '../search/synonyms.js'
import { clusterCompare, clusterPractices } from './cluster-atlas.js'
import { limit, readInfo, readPlaces, readReport } from './cluster-data.js'
import { clusterFeed } from './cluster-feed.js'
import { foldsToItself, scopedGroup, type TextFilter, textFilter } from './cluster-query.js'
import { clusterBureaus, clusterSearch, type SearchContext } from './cluster-search.js'
import { clusterBureauYears } from './cluster-years.js'
import { CorpusWatcher } from './corpus-watcher.js'
import { type Log, StartError } from './live-index.js'

export interface ClusterBackendOptions {
  config?: Partial<Config>
  reader?: ReaderOptions
  /** How long a read of the cluster's info row (its size, its quoted words) is trusted, in ms. */
  refreshMs?: number
  /** Rebuilds the cluster from the corpus; by default, the pipeline in this process (indexIntoCluster). */
  rebuild?: (force: boolean) => Promise<void>
  /** Told of rebuilds the watcher starts, and of their failures. */
  log?: Log
}

/** The filters of a request, without the ones it does not set; the words cut by `segmenter`, expanded with `lexicon`. */
function parse(request: SearchRequest, segmenter: Segmenter, lexicon: Lexicon): ParsedQuery {
  return parseQuery(request.q ?? '', filtersOf(request), segmenter, lexicon)
}

export class ClusterBackend implements SearchBackend {
  readonly kind = 'cluster' as const
  readonly reader: ClusterReader
  readonly #config: Config
  readonly #refreshMs: number
  readonly #rebuild: (force: boolean) => Promise<void>
  #info: ClusterInfo | null = null
  #infoAt = Number.NEGATIVE_INFINITY
  #wordsOf = ''
  /** Cuts queries as the reports were: with the corpus' quoted practices, read from the cluster. */
  #segmenter = new Segmenter()
  /** The place names of the cluster's reports, read with its quoted words. */
  #places: ReadonlyMap<string, readonly string[]> = new Map()
  /** The synonym list, read again with every reindex and every new index in the cluster. */
  #synonyms: Synonyms
  readonly #log: Log
  #running: Promise<void> = Promise.resolve()
  readonly #status = { indexing: false, lastError: null as string | null }
  readonly #watcher: CorpusWatcher

  constructor(
    readonly layout: Layout,
    options: ClusterBackendOptions = {},
  ) {
    this.#config = { ...defaults, ...options.config }
    this.reader = new ClusterReader(layout, options.reader)
    this.#refreshMs = options.refreshMs ?? 2000
    this.#rebuild =
      options.rebuild ??
      (async (force) => {
        await indexIntoCluster(layout, {
          ...readLimits(this.#config),
          corpusDir: this.#config.corpusDir,
          workers: this.#config.indexWorkers,
          force,
        })
      })
    const log = options.log ?? { info() {}, warn() {}, error() {} }
    this.#log = log
    this.#synonyms = this.#readSynonyms()
    this.#watcher = new CorpusWatcher(
      this.#config.corpusDir,
      this.#config.watchDebounceMs,
      () => void this.reindex().catch((error) => log.error({ err: error }, 'updating the cluster failed')),
      log,
    )
  }

  #readSynonyms(): Synonyms {
    const synonyms = loadSynonyms(synonymsPath(this.#config))
    for (const problem of synonyms.problems) this.#log.warn({ problem }, 'synonym list')
    return synonyms
  }

  get #lexicon(): Lexicon {
    return { synonyms: this.#synonyms, places: this.#places }
  }

  /** The backend over the cluster that `npm run cluster` started in DATA_DIR. */
  static async open(dataDir: string, options: ClusterBackendOptions = {}): Promise<ClusterBackend> {
    const state = await readState(dataDir)
    if (!state)
      throw new AppError('INDEX_NOT_READY', `no cluster in ${dataDir}: start one with npm run cluster`)
    return new ClusterBackend(state, options)
  }

  /**
   * The backend `npm start` runs with SEARCH_BACKEND=cluster: the cluster in DATA_DIR, brought in
   * line with the corpus (filled first when it holds no index; else synced in the background while
   * it answers, when the corpus changed since).
   */
  static async start(config: Config, log: Log): Promise<ClusterBackend> {
    let backend: ClusterBackend
    try {
      backend = await ClusterBackend.open(resolve(config.dataDir), { config, log })
    } catch (error) {
      throw new StartError((error as Error).message)
    }
    // The cluster carries no packed dictionary: it is read from its files now, not at the first query.
    queryDictionary()
    const info = await readInfo(backend.reader)
    const corpus = await corpusState(resolve(config.corpusDir))
    if (!info) {
      log.info('filling the cluster from the corpus')
      await backend.reindex()
    } else if (info.fingerprint !== corpus.fingerprint) {
      log.info('the corpus changed: the cluster is synced in the background')
      void backend.reindex().catch((error) => log.error({ err: error }, 'syncing the cluster failed'))
    }
    return backend
  }

  /**
   * The cluster's info row, read again after refreshMs; when the index changed, its quoted practices
   * make a new segmenter, so that queries are cut as the reports were (as the embedded engine does).
   */
  async #current(): Promise<ClusterInfo> {
    if (this.#info && performance.now() - this.#infoAt < this.#refreshMs) return this.#info
    const info = await readInfo(this.reader)
    if (!info)
      throw new AppError('INDEX_NOT_READY', 'the cluster holds no index yet: run npm run cluster -- index')
    if (info.fingerprint + info.builtAt !== this.#wordsOf) {
      const { rows } = await this.reader.one<{ term: string }>(
        `SELECT term FROM ${indexes.vocabulary} WHERE practice = 1${limit(info.vocabulary)}`,
      )
      this.#segmenter = new Segmenter(rows.map((r) => r.term))
      this.#places = new Map(Object.entries(await readPlaces(this.reader)))
      this.#synonyms = this.#readSynonyms()
      this.#wordsOf = info.fingerprint + info.builtAt
    }
    this.#info = info
    this.#infoAt = performance.now()
    return info
  }

  async #context(): Promise<SearchContext> {
    const info = await this.#current()
    return { reader: this.reader, config: this.#config, reports: info.reports }
  }

  /** The distinct names a bureau or province filter could mean, resolved as the embedded engine's substring test. */
  async #textFilters(query: ParsedQuery, reports: number): Promise<TextFilter[]> {
    const out: TextFilter[] = []
    for (const field of ['bureau', 'province'] as const) {
      const value = query.filters[field]
      if (value === undefined) continue
      const match = foldsToItself(value) ? ` WHERE MATCH(${quote(`@${field}f ${phrase(value)}`)})` : ''
      const { rows } = await this.reader.one<{ name: string; h: string }>(
        `SELECT ${field} name, ${field}_h h FROM ${indexes.reports}${match} GROUP BY ${field}_h${limit(reports)}`,
      )
      out.push(
        textFilter(
          field,
          value,
          rows.map((r) => ({ name: r.name, hash: Number(r.h) })),
        ),
      )
    }
    return out
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const started = performance.now()
    const page = request.page ?? 1
    const size = request.size ?? this.#config.pageSize
    const ctx = await this.#context()
    const query = parse(request, this.#segmenter, this.#lexicon)
    const filters = await this.#textFilters(query, ctx.reports)
    const answer = await clusterSearch(ctx, query, filters, page, size, {
      hits: request.hits ?? this.#config.hitsPerReport,
      whole: request.whole === true,
    })
    const didYouMean = answer.total === 0 ? await this.#didYouMean(request.q ?? '', query) : null
    return {
      query: request.q,
      total: answer.total,
      sectionsTotal: answer.sectionsTotal,
      page,
      size,
      tookMs: Math.round((performance.now() - started) * 100) / 100,
      results: answer.results,
      facets: answer.facets,
      ...(query.expanded.length > 0 ? { expanded: query.expanded } : {}),
      ...(didYouMean ? { didYouMean } : {}),
    }
  }

  /**
   * As the embedded engine: each group that finds nothing by itself has its words corrected to the
   * nearest word of the vocabulary. Candidates are the words sharing all but the allowed edits of
   * the word's characters (a quorum on the vocabulary table), ranked by near-miss.ts.
   */
  async #didYouMean(q: string, query: ParsedQuery): Promise<string | null> {
    const corrections = new Map<Term, string | null>()
    const { reader } = this
    for (const group of query.required) {
      const { rows } = await reader.one<{ n: string }>(
        `SELECT COUNT(*) n FROM ${indexes.sections} WHERE MATCH(${quote(scopedGroup(group))}) OPTION ranker=none`,
      )
      if (Number(rows[0]?.n ?? 0) > 0) continue
      for (const term of group) {
        const chars = [...new Set(term.folded)]
        const need = Math.max(1, chars.length - Math.max(allowedEdits([...term.folded].length), 1))
        const found = await reader.one<{ term: string; py: string; df: string; practice: string }>(
          `SELECT term, py, df, practice FROM ${indexes.vocabulary} WHERE MATCH(${quote(`@termf "${chars.map((c) => phrase(c).slice(1, -1)).join(' ')}"/${need}`)}) ORDER BY practice DESC, df DESC, id ASC${limit(500)}`,
        )
        const candidates: Candidate[] = found.rows.map((r) => ({
          term: r.term,
          syllables: r.py || null,
          df: Number(r.df),
          practice: r.practice === '1',
        }))
        corrections.set(term, nearest(term.folded, candidates))
      }
    }
    return correctedQuery(q, corrections)
  }

  async bureaus(request: SearchRequest): Promise<BureauEntry[]> {
    const ctx = await this.#context()
    const query = parse(request, this.#segmenter, this.#lexicon)
    return clusterBureaus(ctx, query, await this.#textFilters(query, ctx.reports))
  }

  async feed(request: SearchRequest, count: number): Promise<FeedAnswer> {
    const ctx = await this.#context()
    const info = await this.#current()
    const query = parse(request, this.#segmenter, this.#lexicon)
    const answer = await clusterFeed(ctx, query, await this.#textFilters(query, ctx.reports), count)
    return { ...answer, updated: info.builtAt }
  }

  /**
   * Words of the corpus that start with `prefix`, from the vocabulary table on every node: the
   * folded word is a phrase anchored at the field's start, so the cluster finds exactly the words
   * the embedded engine's prefix search does; ranked as it ranks them (quoted practices first, then
   * the reports that use the word, then the word), the table's ids being the vocabulary's order.
   */
  async suggest(prefix: string, count = this.#config.suggestLimit): Promise<string[]> {
    const folded = normalize(prefix)
    if (!folded) return []
    const { rows } = await this.reader.one<{ term: string }>(
      `SELECT term FROM ${indexes.vocabulary} WHERE MATCH(${quote(`@termf ${phrase(folded, true)}`)}) ORDER BY practice DESC, df DESC, id ASC${limit(count + 1)}`,
    )
    const words = rows
      .map((r) => r.term)
      .filter((term) => term !== folded)
      .slice(0, count)
    // Letters may be pinyin (zonghe, zhcyc): its words come after the words that start with the letters.
    if (words.length >= count || !/^[a-z]+$/.test(folded)) return words
    const pinyin = await this.reader.one<{ term: string }>(
      `SELECT term FROM ${indexes.vocabulary} WHERE MATCH(${quote(`(@pyf ${phrase(folded, true)}) | (@inif ${phrase(folded, true)})`)}) ORDER BY practice DESC, df DESC, id ASC${limit(count)}`,
    )
    const more = pinyin.rows.map((r) => r.term).filter((term) => !words.includes(term))
    return [...words, ...more].slice(0, count)
  }

  async reports(): Promise<ReportMeta[]> {
    const info = await this.#current()
    const { rows } = await this.reader.one<{ meta: string }>(
      `SELECT meta FROM ${indexes.reports} ORDER BY pos ASC${limit(info.reports)}`,
    )
    return rows.map((r) => JSON.parse(r.meta) as ReportMeta)
  }

  async bureauYears(name: string): Promise<BureauYears> {
    const info = await this.#current()
    return clusterBureauYears(this.reader, name, info)
  }

  async report(id: string, q?: string): Promise<ReportDetail | null> {
    // The query's words are cut as the reports were: with the corpus' quoted practices added.
    if (q) await this.#current()
    const found = await readReport(this.reader, id)
    if (!found) return null
    const sections = found.sections.map((s) => ({
      id: `${found.meta.id}-${s.ordinal + 1}`,
      path: s.path,
      part: s.part,
      text: s.text,
    }))
    return {
      ...found.meta,
      sections: markSections(sections, q, this.#segmenter, this.#config.maxReportMarks, this.#lexicon),
    }
  }

  async practices(filter: PracticeFilter): Promise<Practice[]> {
    const info = await this.#current()
    return clusterPractices(this.reader, filter, info.atlas)
  }

  async compare(ids: string[]): Promise<Comparison> {
    const info = await this.#current()
    return clusterCompare(this.reader, ids, info.atlas)
  }

  async health(): Promise<Omit<Health, 'status'>> {
    this.#infoAt = Number.NEGATIVE_INFINITY
    const info = await this.#current()
    return {
      backend: this.kind,
      reports: info.reports,
      sections: info.sections,
      indexedAt: info.builtAt,
      skipped: info.skipped,
      indexing: this.#status.indexing,
      watching: this.#watcher.watching,
      lastError: this.#status.lastError,
    }
  }

  /** Rebuilds one at a time; a failure is kept for /health and thrown to the caller. */
  reindex(force = false): Promise<void> {
    const run = this.#running.then(async () => {
      this.#status.indexing = true
      try {
        await this.#rebuild(force)
        this.#status.lastError = null
        this.#infoAt = Number.NEGATIVE_INFINITY
        this.#synonyms = this.#readSynonyms()
      } catch (error) {
        this.#status.lastError = (error as Error).message
        throw error
      } finally {
        this.#status.indexing = false
      }
    })
    this.#running = run.catch(() => {})
    return run
  }

  /** Watches the corpus folder: a change is written into the cluster in the background. */
  watch(): Promise<void> {
    return this.#watcher.start()
  }

  async close(): Promise<void> {
    await this.#watcher.stop()
    await this.#running
    await this.reader.close()
  }
}
