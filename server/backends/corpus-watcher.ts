// Watches the corpus folder and calls for one rebuild once it has been quiet for a moment: what
// both backends do when a report is added, changed or removed.

import { basename, resolve } from 'node:path'
import { type FSWatcher, watch } from 'chokidar'
import { isIgnoredName } from '../../indexer/index.js'
import type { Log } from './live-index.js'

/** The names the corpus listing leaves out (hidden files, editors' temporary files) start nothing. */
const ignored = (path: string) => isIgnoredName(basename(path))

export class CorpusWatcher {
  #watcher: FSWatcher | null = null
  #timer: NodeJS.Timeout | null = null

  constructor(
    private readonly corpusDir: string,
    /** Quiet time after the last change before `onChange`: a copy of fifty files is one rebuild. */
    private readonly debounceMs: number,
    private readonly onChange: () => void,
    private readonly log: Log,
  ) {}

  get watching(): boolean {
    return this.#watcher !== null
  }

  /** Starts watching; settles once the folder's first scan is done. */
  async start(): Promise<void> {
    if (this.#watcher) return
    const watcher = watch(resolve(this.corpusDir), {
      ignoreInitial: true,
      ignored,
      // A file still being copied is not read half-written.
      awaitWriteFinish: { stabilityThreshold: 200, pollInterval: 50 },
    })
    this.#watcher = watcher
    watcher.on('all', () => this.#schedule())
    watcher.on('error', (error) => this.log.error({ err: error }, 'watching the corpus folder failed'))
    await new Promise<void>((ready) => watcher.once('ready', ready))
  }

  #schedule() {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = setTimeout(() => {
      this.#timer = null
      this.onChange()
    }, this.debounceMs)
  }

  async stop(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer)
    this.#timer = null
    await this.#watcher?.close()
    this.#watcher = null
  }
}
