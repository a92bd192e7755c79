// The indexer's one door for the server: bring the index in line with the corpus (embedded or in a
// cluster), and what the watcher needs to know of the corpus folder.
export type { ClusterInfo } from './cluster-rows.js'
export type { EnsureOptions, EnsureResult } from './ensure.js'
export { corpusState, ensureIndex, indexIntoCluster, isIgnoredName } from './service.js'
