// What the server asks of the indexer, each part loaded when first asked for: a server that reuses
// its saved index starts without the build pipeline's modules, nor the cluster's client.

import type { Layout } from '../cluster/topology.js'
import type { IndexIntoClusterOptions } from './cluster-sink.js'
import type { EnsureOptions } from './ensure.js'

export { corpusState, isIgnoredName } from './corpus.js'

export async function ensureIndex(options: EnsureOptions) {
  return (await import('./ensure.js')).ensureIndex(options)
}

export async function indexIntoCluster(layout: Layout, options: IndexIntoClusterOptions) {
  return (await import('./cluster-sink.js')).indexIntoCluster(layout, options)
}
