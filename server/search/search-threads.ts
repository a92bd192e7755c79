// Threads that answer searches beside the main one, so that both cores work under load.

import { type ResourceLimits, Worker } from 'node:worker_threads'
import type { Config } from '../../common/config.js'
import { moduleBeside } from '../../common/modules.js'
import type { SearchRequest } from '../backend.js'
import type { SearchResponse } from '../schemas.js'
import type { SearchEngine } from './engine.js'
import type { ThreadReply, ThreadRequest } from './search-thread.js'

/** The thread's module next to this one. */
const threadModule = moduleBeside(import.meta.url, 'search-thread')

/**
 * Searches a thread may hold at once; past them the main thread answers. The main thread also
 * parses every request and writes every answer (about a third of a request's time), so it should
 * search only when the thread is well behind: at 2,000 reports, 16 clients, one thread, a depth of
 * 2 gave 720 answers a second (the main thread busy, the thread mostly idle), 12 gave 1,000 (both
 * busy), 32 gave 920 (the thread busy, the main thread waiting on it).
 */
const DEPTH = 12

interface Waiting {
  resolve: (answer: SearchResponse) => void
  reject: (error: Error) => void
}

interface Thread {
  worker: Worker
  /** The engine whose index the thread holds and answers from; null while it loads one. */
  holds: SearchEngine | null
  /** The engine whose index it is loading. */
  loading: SearchEngine | null
  /** The number of the last load sent: the thread says by it which load it holds. */
  load: number
  pending: Map<number, Waiting>
  dead: boolean
}

type Warn = (details: object, message: string) => void

export class SearchThreads {
  readonly #threads: Thread[]
  #next = 0
  /** Searches the threads have answered: the main thread answered the others. */
  answered = 0

  constructor(
    count: number,
    private readonly config: Config,
    private readonly warn: Warn,
    /** Each thread's heap limits: a thread past them stops, and the main thread answers. */
    private readonly limits: ResourceLimits = {},
  ) {
    this.#threads = Array.from({ length: count }, () => this.#start())
  }

  #start(): Thread {
    const worker = new Worker(threadModule, { resourceLimits: this.limits })
    // A server that is closed without closing its backend still exits: the thread holds no work of its own.
    worker.unref()
    const thread: Thread = { worker, holds: null, loading: null, load: 0, pending: new Map(), dead: false }
    worker.on('message', (reply: ThreadReply) => {
      if (reply.type === 'loaded') {
        // A load overtaken by a newer one is ignored: the newer one's reply follows.
        if (!thread.loading || reply.load !== thread.load) return
        if (reply.error)
          this.warn(
            { dir: thread.loading.index.dir, error: reply.error },
            'a search thread cannot load the index',
          )
        else thread.holds = thread.loading
        thread.loading = null
        return
      }
      const waiting = thread.pending.get(reply.id)
      thread.pending.delete(reply.id)
      if (reply.error) waiting?.reject(new Error(reply.error))
      else {
        this.answered++
        waiting?.resolve(reply.answer as SearchResponse)
      }
    })
    // A thread that fails is not used again; what it held is answered by the main thread.
    const fail = (error: Error) => {
      if (thread.dead) return
      thread.dead = true
      this.warn({ error: error.message }, 'a search thread stopped: the main thread answers its searches')
      for (const waiting of thread.pending.values()) waiting.reject(error)
      thread.pending.clear()
    }
    worker.on('error', fail)
    worker.on('exit', (code) => fail(new Error(`exit code ${code}`)))
    return thread
  }

  /**
   * A free thread's answer, from the same index and synonym list as `engine`; null when the main
   * thread should answer: every thread busy, or still loading the index just swapped in (a thread
   * that holds another starts loading this one now).
   */
  search(engine: SearchEngine, request: SearchRequest): Promise<SearchResponse> | null {
    this.prepare(engine)
    let free: Thread | null = null
    for (const thread of this.#threads) {
      if (thread.dead || thread.holds !== engine) continue
      if (thread.pending.size < DEPTH && (!free || thread.pending.size < free.pending.size)) free = thread
    }
    if (!free) return null
    const id = this.#next++
    const thread = free
    return new Promise<SearchResponse>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject })
      thread.worker.postMessage({
        type: 'search',
        id,
        load: thread.load,
        request,
      } satisfies ThreadRequest)
    })
  }

  /** Has every live thread that holds another index load `engine`'s. */
  prepare(engine: SearchEngine): void {
    for (const thread of this.#threads)
      if (!thread.dead && thread.holds !== engine && thread.loading !== engine) this.#load(thread, engine)
  }

  #load(thread: Thread, engine: SearchEngine) {
    thread.holds = null
    thread.loading = engine
    thread.load++
    thread.worker.postMessage({
      type: 'load',
      load: thread.load,
      dir: engine.index.dir,
      synonyms: engine.synonyms.source,
      config: this.config,
    } satisfies ThreadRequest)
  }

  /** How many threads answer now (neither loading nor stopped). */
  get ready(): number {
    return this.#threads.filter((t) => !t.dead && t.holds !== null).length
  }

  async close(): Promise<void> {
    // Nothing is sent to a thread that is stopping: its searches would wait for an answer never given.
    for (const thread of this.#threads) thread.dead = true
    await Promise.all(this.#threads.map((t) => t.worker.terminate()))
  }
}
