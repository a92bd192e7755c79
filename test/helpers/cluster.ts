// Test helpers for the cluster: real searchd processes on free loopback ports, stopped by pid at the end.

import type { Test } from 'tap'
import { findSearchd, startCluster, stopCluster } from '../../cluster/manager.js'
import type { LocalState } from '../../cluster/topology.js'
import type { CorpusIndex } from '../../index/types.js'
import { buildIndex } from '../../indexer/build.js'
import { corpusDir, tempDir } from './corpus.js'
import { yearsCorpusDir } from './years.js'

export const searchd = findSearchd()

/**
 * True when searchd is installed. Without it the cluster tests are skipped, said so loudly; under
 * CI=true a missing searchd fails the run.
 */
export function haveSearchd(t: Test): boolean {
  if (searchd) return true
  const message =
    'searchd is not installed: the cluster tests cannot run. Install it with: apt-get install sphinxsearch'
  if (process.env.CI === 'true') {
    t.fail(message)
    return false
  }
  console.error(`\n${'!'.repeat(100)}\n!! ${message}\n${'!'.repeat(100)}\n`)
  t.comment(`SKIPPED: ${message}`)
  return false
}

/** A cluster in a temporary DATA_DIR, stopped (by pid) when the test ends. */
export async function testCluster(
  t: Test,
  shards = 2,
  mirrors = 2,
): Promise<{ dataDir: string; state: LocalState }> {
  const dataDir = await tempDir(t, 'report-search-cluster-')
  t.teardown(() => stopCluster(dataDir))
  const state = await startCluster({ dataDir, shards, mirrors })
  return { dataDir, state }
}

let shipped: Promise<CorpusIndex> | null = null

/** The shipped corpus as the pipeline builds it, once per test process. */
export function shippedBuild(): Promise<CorpusIndex> {
  shipped ??= buildIndex({ corpusDir, maxFileBytes: 1e7 })
  return shipped
}

let years: Promise<CorpusIndex> | null = null

/** The multi-year fixture corpus as the pipeline builds it, once per test process. */
export function yearsBuild(): Promise<CorpusIndex> {
  years ??= buildIndex({ corpusDir: yearsCorpusDir, maxFileBytes: 1e7 })
  return years
}
