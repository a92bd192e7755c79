// Gives the server an index for the corpus: the saved one while the corpus is unchanged, a new one otherwise.

import { defaults, type ReadLimits, readLimits } from '../common/config.js'
import { type LoadedIndex, loadIndex, readManifest } from '../index/load.js'
import { pipelineHash } from '../index/text/segment.js'
import { corpusState } from './corpus.js'
import { FilePool } from './pool.js'

export interface EnsureOptions extends Partial<ReadLimits> {
  corpusDir: string
  dataDir: string
  /** Worker threads for a rebuild. */
  workers?: number
  /** Told why the index is being rebuilt, and what was skipped. */
  log?: (message: string) => void
  /** Rebuild even when the saved index matches the corpus (`POST /api/admin/reindex`). */
  force?: boolean
  /**
   * Build in a child process and load what it saved: what the server does, so that the build's
   * memory goes back to the system when it ends. The command line builds in its own process.
   */
  inChild?: boolean
  /**
   * Read the saved index while the corpus folder is listed, and keep it if the fingerprints agree:
   * the disk and the thread pool read while this thread stats the files (a quarter of a second at
   * 20,000 reports). For a start, when no index is in use yet; a rebuild, which runs because the
   * corpus changed, would read it for nothing.
   */
  readAhead?: boolean
}

export interface EnsureResult {
  index: LoadedIndex
  rebuilt: boolean
  reason: string
}

/** The saved index, or why it cannot be read: settled as a value, so that no rejection waits unhandled. */
const loadSettled = (dataDir: string, signal?: AbortSignal) =>
  loadIndex(dataDir, { signal }).then(
    (index) => ({ index }),
    (error: Error) => ({ error }),
  )

/** Loads the saved index when its fingerprint matches the corpus; rebuilds and saves it when not. */
export async function ensureIndex(options: EnsureOptions): Promise<EnsureResult> {
  const log = options.log ?? (() => {})
  const manifest = await readManifest(options.dataDir)
  const readAhead = new AbortController()
  const loading =
    manifest && !options.force && options.readAhead ? loadSettled(options.dataDir, readAhead.signal) : null
  const state = await corpusState(options.corpusDir, manifest?.files).catch((error: Error) => {
    readAhead.abort()
    throw error
  })
  let reason = 'no saved index'
  if (options.force) reason = 'a rebuild was asked for'
  else if (manifest && manifest.fingerprint !== state.fingerprint) {
    // A read ahead stops where it is: its checksums' thread too.
    readAhead.abort()
    reason = 'the corpus, the dictionary or the index format changed'
  } else if (manifest) {
    const saved = await (loading ?? loadSettled(options.dataDir))
    if ('error' in saved) reason = `the saved index is unusable: ${saved.error.message}`
    // CURRENT may have moved since the manifest was read: only this corpus' index is kept.
    else if (saved.index?.fingerprint === state.fingerprint)
      return { index: saved.index, rebuilt: false, reason: 'corpus unchanged' }
    else if (saved.index) reason = 'the corpus, the dictionary or the index format changed'
  }
  // The build's modules load only for a build: a start that reuses the index does without them.
  const { checkWritable } = await import('./save.js')
  // A folder that cannot take the index is said at once, not after the whole build.
  await checkWritable(options.dataDir)
  log(`building the index: ${reason}`)
  if (options.inChild) {
    const { corpusDir, dataDir, workers = defaults.indexWorkers } = options
    // With no index to take files from, every file is read: its readers can start at once.
    const reuse = !options.force && manifest !== null
    const readersAhead = reuse ? 0 : FilePool.readersFor(state.files.length, workers)
    const { buildInChildProcess } = await import('./child-build.js')
    await buildInChildProcess(
      { corpusDir, dataDir, workers, reuse, readersAhead, ...readLimits(options) },
      log,
    )
    const index = await loadIndex(dataDir)
    if (!index) throw new Error(`the build process saved no index in ${dataDir}`)
    return { index, rebuilt: true, reason }
  }
  return { index: await buildAndSave({ ...options, reuse: !options.force }, log), rebuilt: true, reason }
}

/**
 * Builds the index of the corpus and saves it as the current one; each skipped file is logged. With
 * `reuse`, the files whose content the current index already holds are taken from it, not read and
 * cut again: a file dropped into a corpus of thousands costs that file.
 */
export async function buildAndSave(
  options: Pick<EnsureOptions, 'corpusDir' | 'dataDir' | 'workers'> &
    Partial<ReadLimits> & { reuse?: boolean; releaseReaders?: boolean },
  log: (message: string) => void,
): Promise<LoadedIndex> {
  const [{ buildIndex }, { reusableFiles }, { saveIndex }] = await Promise.all([
    import('./build.js'),
    import('./reuse.js'),
    import('./save.js'),
  ])
  const built = await buildIndex({
    ...readLimits(options),
    corpusDir: options.corpusDir,
    workers: options.workers,
    known: (await readManifest(options.dataDir))?.files,
    previous: options.reuse ? await reusableFiles(options.dataDir, pipelineHash) : null,
    spillDir: options.dataDir,
    releaseReaders: options.releaseReaders,
  })
  for (const file of built.files) if (file.error) log(`skipped ${file.source}: ${file.error.message}`)
  return saveIndex(options.dataDir, built)
}
