// The indexer's one door for the server: bring the index in line with the corpus, and what the
// watcher needs to know of the corpus folder.
export { corpusState } from './build.js'
export type { ClusterInfo } from './cluster-rows.js'
export { indexIntoCluster } from './cluster-sink.js'
export { isIgnoredName } from './corpus.js'
export { type EnsureOptions, type EnsureResult, ensureIndex } from './ensure.js'
