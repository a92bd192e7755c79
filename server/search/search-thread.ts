// A search thread: answers searches from its own copy of one index folder, as the main thread's engine does.

import { parentPort } from 'node:worker_threads'
import type { Config } from '../../common/config.js'
import { loadIndexFolder } from '../../index/load.js'
import type { SearchRequest } from '../backend.js'
import { SearchEngine } from './engine.js'
import { Synonyms } from './synonyms.js'

/** What the main thread asks: load an index (with the synonym list in force), or answer a search. */
export type ThreadRequest =
  | { type: 'load'; dir: string; synonyms: string; config: Config }
  | { type: 'search'; id: number; request: SearchRequest }

/** What the thread answers: the folder it holds now, or a search's answer or error. */
export type ThreadReply =
  | { type: 'loaded'; dir: string; error: string | null }
  | { type: 'answer'; id: number; answer: unknown; error: string | null }

let engine: SearchEngine | null = null
const port = parentPort
if (port) {
  const reply = (message: ThreadReply) => port.postMessage(message)
  port.on('message', async (message: ThreadRequest) => {
    if (message.type === 'load') {
      // The index in use until now is let go first: two copies in one thread are not needed.
      engine = null
      try {
        const index = await loadIndexFolder(message.dir)
        engine = new SearchEngine(index, message.config, Synonyms.parse(message.synonyms))
        reply({ type: 'loaded', dir: message.dir, error: null })
      } catch (error) {
        reply({ type: 'loaded', dir: message.dir, error: (error as Error).message })
      }
      return
    }
    try {
      if (!engine) throw new Error('no index loaded')
      reply({ type: 'answer', id: message.id, answer: engine.search(message.request), error: null })
    } catch (error) {
      reply({ type: 'answer', id: message.id, answer: null, error: (error as Error).message })
    }
  })
}
