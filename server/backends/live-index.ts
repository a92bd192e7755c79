// The index the embedded engine answers from: rebuilt in the background when the corpus changes,
// swapped in whole.

import { resolve } from 'node:path'
import type { FastifyBaseLogger } from 'fastify'
import { type Config, readLimits } from '../../common/config.js'
import { type LoadedIndex, loadIndex } from '../../index/load.js'
// The server's one door into the build pipeline.
import { corpusState, ensureIndex } from '../../indexer/index.js'
import { SearchEngine } from '../search/engine.js'
import { loadSynonyms, type Synonyms, synonymsPath } from '../search/synonyms.js'
import { CorpusWatcher } from './corpus-watcher.js'

export interface IndexStatus {
  /** A rebuild is running; answers still come from the index in use. */
  indexing: boolean
  /** Whether changes in the corpus folder start a rebuild. */
  watching: boolean
  /** Indexes swapped in since the server started. */
  swaps: number
  /** Why the last rebuild failed, while the index before it goes on answering; null after a success. */
  lastError: string | null
}

export type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error'>

/** The service cannot start: said in one line, without a stack trace. */
export class StartError extends Error {
  override name = 'StartError'
}

export class LiveIndex {
  #engine: SearchEngine
  #running: Promise<void> | null = null
  #queued: Promise<void> | null = null
  #queuedForce = false
  readonly #watcher: CorpusWatcher
  readonly status: IndexStatus = { indexing: false, watching: false, swaps: 0, lastError: null }

  constructor(
    index: LoadedIndex,
    private readonly config: Config,
    private readonly log: Log,
  ) {
    this.#engine = new SearchEngine(index, config, this.#readSynonyms())
    this.#watcher = new CorpusWatcher(
      config.corpusDir,
      config.watchDebounceMs,
      () => void this.reindex(),
      log,
    )
  }

  /**
   * The index for the corpus, reused or rebuilt. A rebuild that fails (the disk full, the data folder
   * read-only, the corpus unmounted) does not stop a server that has a good index on disk: it answers
   * from that one and says why in `status.lastError`. With no index at all, a StartError.
   */
  static async open(config: Config, log: Log): Promise<LiveIndex> {
    const dataDir = resolve(config.dataDir)
    try {
      const { index, rebuilt, reason } = await ensureIndex({
        corpusDir: resolve(config.corpusDir),
        dataDir,
        ...readLimits(config),
        workers: config.indexWorkers,
        inChild: true,
        readAhead: true,
        log: (message) => log.info(message),
      })
      log.info({ reports: index.reports.length, rebuilt, reason }, 'index ready')
      return new LiveIndex(index, config, log)
    } catch (error) {
      const message = (error as Error).message
      const saved = await loadIndex(dataDir).catch(() => null)
      if (!saved) throw new StartError(`no index to serve: ${message}`)
      log.error({ err: message }, 'the index could not be rebuilt; the last good index answers')
      const live = new LiveIndex(saved, config, log)
      live.status.lastError = message
      return live
    }
  }

  /** The synonym list as the configuration names it; the lines it could not read are logged. */
  #readSynonyms(): Synonyms {
    const synonyms = loadSynonyms(synonymsPath(this.config))
    for (const problem of synonyms.problems) this.log.warn({ problem }, 'synonym list')
    return synonyms
  }

  /** The engine over the index in use. A request holds on to the one it started with. */
  get engine(): SearchEngine {
    return this.#engine
  }

  get index(): LoadedIndex {
    return this.#engine.index
  }

  /**
   * Brings the index in line with the corpus folder (or rebuilds it whatever, with `force`) and swaps
   * the new one in. A call made while a rebuild runs is queued, and calls queued together run once:
   * the promise settles when the index in use reflects the folder as it was at the call.
   */
  reindex(force = false): Promise<void> {
    if (!this.#running) {
      this.#running = this.#rebuild(force).finally(() => {
        this.#running = null
      })
      return this.#running
    }
    this.#queuedForce ||= force
    this.#queued ??= this.#running.then(() => {
      const queuedForce = this.#queuedForce
      this.#queued = null
      this.#queuedForce = false
      return this.reindex(queuedForce)
    })
    return this.#queued
  }

  async #rebuild(force: boolean): Promise<void> {
    this.status.indexing = true
    const corpusDir = resolve(this.config.corpusDir)
    try {
      const current = this.index
      // A touched file or a copy of the same text changes nothing: no rebuild, no swap.
      if (!force && (await corpusState(corpusDir, current.files)).fingerprint === current.fingerprint) {
        // The corpus is as it was, the synonym list may not be: an edited list is in use from now on.
        const synonyms = this.#readSynonyms()
        if (synonyms.source !== this.#engine.synonyms.source)
          this.#engine = new SearchEngine(current, this.config, synonyms)
        this.status.lastError = null
        return
      }
      const started = performance.now()
      const { index, reason } = await ensureIndex({
        corpusDir,
        dataDir: resolve(this.config.dataDir),
        ...readLimits(this.config),
        workers: this.config.indexWorkers,
        force,
        inChild: true,
        log: (message) => this.log.info(message),
      })
      this.#engine = new SearchEngine(index, this.config, this.#readSynonyms())
      this.status.swaps++
      this.status.lastError = null
      const skipped = index.files.filter((file) => file.error)
      for (const file of skipped) this.log.warn({ file: file.source, error: file.error }, 'file skipped')
      this.log.info(
        {
          reports: index.reports.length,
          skipped: skipped.length,
          reason,
          ms: Math.round(performance.now() - started),
        },
        'new index in use',
      )
    } catch (error) {
      this.status.lastError = (error as Error).message
      this.log.error({ err: error }, 'rebuilding the index failed; the previous index goes on answering')
    } finally {
      this.status.indexing = false
    }
  }

  /** Watches the corpus folder; changes are gathered for `watchDebounceMs`, then one rebuild runs. */
  async watch(): Promise<void> {
    await this.#watcher.start()
    this.status.watching = true
  }

  /** Stops watching, and waits for a rebuild under way: its files are written whole or not at all. */
  async close(): Promise<void> {
    await this.#watcher.stop()
    this.status.watching = false
    await this.#queued
    await this.#running
  }
}
