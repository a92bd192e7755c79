// Builds the app over an index of the shipped corpus, built once per test process.

import type { FastifyInstance } from 'fastify'
import type { Test } from 'tap'
import type { LoadedIndex } from '../../index/load.js'
import { buildIndex } from '../../indexer/build.js'
import { saveIndex } from '../../indexer/save.js'
import { buildApp } from '../../server/app.js'
import { EmbeddedBackend } from '../../server/backends/embedded.js'
import { corpusDir, tempDir } from './corpus.js'

let shippedIndex: Promise<LoadedIndex> | null = null

export function shippedCorpusIndex(t: Test): Promise<LoadedIndex> {
  shippedIndex ??= (async () => {
    const built = await buildIndex({ corpusDir, maxFileBytes: 1e7 })
    // The index lives in memory once saved: its folder may go with the first test.
    return saveIndex(await tempDir(t), built)
  })()
  return shippedIndex
}

export async function appFor(t: Test) {
  const app = await buildApp({ index: await shippedCorpusIndex(t) })
  t.teardown(() => app.close())
  return app
}

/** The embedded backend's live index: its rebuilds, its watcher and its status. */
export function liveOf(app: FastifyInstance) {
  if (!(app.backend instanceof EmbeddedBackend)) throw new Error('the app does not run the embedded backend')
  return app.backend.live
}
