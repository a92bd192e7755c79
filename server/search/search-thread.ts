// A search thread: answers searches from its own copy of one index folder, as the main thread's engine does.

import { parentPort } from 'node:worker_threads'
import type { Config } from '../../common/config.js'
import { loadIndexFolder } from '../../index/load.js'
import type { SearchRequest } from '../backend.js'
import { SearchEngine } from './engine.js'
import { Synonyms } from './synonyms.js'

/** What the main thread asks: load an index (with the synonym list in force), or answer a search. */
export type ThreadRequest =
  | { type: 'load'; load: number; dir: string; synonyms: string; config: Config }
  | { type: 'search'; id: number; load: number; request: SearchRequest }

/** What the thread answers: the load it holds now, or a search's answer or error. */
export type ThreadReply =
  | { type: 'loaded'; load: number; error: string | null }
  | { type: 'answer'; id: number; answer: unknown; error: string | null }

let engine: SearchEngine | null = null
/**
 * The number of the last load asked for, and of the one held: a load overtaken by a newer one is
 * dropped when it ends, and a search is answered only from the load it was sent for (the same folder
 * may be loaded again with another synonym list).
 */
let wanted = -1
let held = -1
const port = parentPort
if (port) {
  const reply = (message: ThreadReply) => port.postMessage(message)
  port.on('message', async (message: ThreadRequest) => {
    if (message.type === 'load') {
      // The index in use until now is let go first: two copies in one thread are not needed.
      engine = null
      held = -1
      wanted = message.load
      try {
        const index = await loadIndexFolder(message.dir)
        if (wanted !== message.load) return
        engine = new SearchEngine(index, message.config, Synonyms.parse(message.synonyms))
        held = message.load
        reply({ type: 'loaded', load: message.load, error: null })
      } catch (error) {
        if (wanted === message.load)
          reply({ type: 'loaded', load: message.load, error: (error as Error).message })
      }
      return
    }
    try {
      // Asked of another load than the one held (a newer one is under way): the main thread answers.
      if (!engine || held !== message.load) throw new Error('another index is loaded')
      reply({ type: 'answer', id: message.id, answer: engine.search(message.request), error: null })
    } catch (error) {
      reply({ type: 'answer', id: message.id, answer: null, error: (error as Error).message })
    }
  })
}
