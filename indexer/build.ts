// Builds the index of a corpus folder: every file read on worker threads, reported or skipped, then
// the text index and the vocabulary.

import { type ReadLimits, readLimits } from '../common/config.js'
import { INDEX_VERSION } from '../index/format.js'
import { findFolded, type TextIndex } from '../index/postings.js'
import { pipelineHash } from '../index/text/segment.js'
import type { CorpusIndex, FileRecord } from '../index/types.js'
import type { ReportWords } from '../index/words.js'
import { AtlasGatherer } from './atlas.js'
import { fingerprint, hashCorpus, listCorpus } from './corpus.js'
import type { FileOutcome, ProcessedFile } from './outcome.js'
import { pinyinEntries } from './pinyin.js'
import { packedEverydayWords, placeTable } from './places.js'
import { FilePool } from './pool.js'
import { TextIndexBuilder } from './postings-builder.js'
import type { Reusable } from './reuse.js'
import type { SavableIndex } from './save.js'
import { TextSpill } from './text-spill.js'
import { mergeVocabulary } from './vocabulary.js'
import { WordTable } from './word-table.js'
import { spelledWords } from './words.js'

/** What a build may spend on one file (size, unzipped size, section length, time, memory): the defaults where not given. */
export interface BuildOptions extends Partial<ReadLimits> {
  corpusDir: string
  /** Worker threads reading files at once. */
  workers?: number
  /** The files of an index built before: a file whose size and time are unchanged is not hashed again. */
  known?: FileRecord[]
  /** Called after each file read, for a progress bar. */
  onFile?: (done: number, total: number, record: FileRecord) => void
  /** Files of the previous index, by source: one whose content is unchanged is taken, not read again. */
  previous?: Map<string, Reusable> | null
  /**
   * A folder to move the reports' texts to as they are taken (the data folder), read back when the
   * index is saved: without one they stay in memory until then.
   */
  spillDir?: string
  /**
   * Stop the reader processes once every file is read, rather than keep them for a next build in this
   * process: their memory (250 MB at 20,000 reports) is the system's again through the finish and the
   * save, where the build peaks.
   */
  releaseReaders?: boolean
}

/** The index of the corpus; with a spill, where its texts are on disk already (the save copies them). */
export async function buildIndex(options: BuildOptions): Promise<SavableIndex> {
  const listed = await listCorpus(options.corpusDir)
  // With files to reuse, every file is hashed first, since the hashes say which; otherwise each
  // reader hashes the bytes it reads, and only the files no reader read are hashed here, at the end.
  const hashes = options.previous ? await hashCorpus(listed, options.known) : null
  const records: FileRecord[] = listed.map((file, i) => ({
    source: file.source,
    size: file.size,
    mtimeMs: file.mtimeMs,
    hash: hashes?.[i]?.hash ?? '',
    reportId: null,
  }))
  const processed: ProcessedFile[] = []
  const text = new TextIndexBuilder()
  const words = new WordTable()
  const atlas = new AtlasGatherer()
  const spill = options.spillDir ? TextSpill.inFolder(options.spillDir) : null
  // Outcomes land in any order; the index takes them in file order, as soon as each is next.
  const waiting: (FileOutcome | undefined)[] = []
  let next = 0
  const take = () => {
    for (let ready = waiting[next]; ready; ready = waiting[next]) {
      waiting[next++] = undefined
      if (ready.ok) {
        addSections(text, ready.value, processed.length)
        words.add(ready.value.words)
        // The text is read for the atlas now, then leaves memory until the save.
        atlas.add(processed.length, ready.value.report)
        spill?.take(ready.value.report, ready.value.folded)
        // Its words are numbered now: they go.
        processed.push({ ...ready.value, words: spelledWords([]) })
      }
    }
  }
  const toRead: number[] = []
  for (const [i, file] of listed.entries()) {
    if (file.skip) {
      ;(records[i] as FileRecord).error = { code: file.skip.code, message: file.skip.message }
      waiting[i] = { ok: false, code: file.skip.code, message: file.skip.message }
      continue
    }
    const reused = options.previous?.get(file.source)
    if (reused && reused.hash === records[i]?.hash) {
      waiting[i] = { ok: true, value: reused.file }
      ;(records[i] as FileRecord).reportId = reused.file.report.meta.id
    } else toRead.push(i)
  }
  take()
  let done = 0
  const limits = readLimits(options)
  const pool = FilePool.withMemory(limits.fileMemoryMb)
  await pool.run(
    toRead.map((i) => {
      const file = listed[i] as (typeof listed)[number]
      return { source: file.source, path: file.path, size: file.size, limits }
    }),
    { readers: options.workers ?? 2, timeMs: limits.fileTimeoutMs },
    (task, outcome) => {
      const i = toRead[task] as number
      const record = records[i] as FileRecord
      if (outcome.ok) record.reportId = outcome.value.report.meta.id
      else record.error = { code: outcome.code, message: outcome.message }
      if (outcome.hash) record.hash = outcome.hash
      options.onFile?.(++done, toRead.length, record)
      waiting[i] = outcome
      take()
    },
  )
  if (options.releaseReaders) pool.release()
  const unhashed = listed.filter((_, i) => !records[i]?.hash)
  const late = new Map((await hashCorpus(unhashed, options.known)).map((file) => [file.source, file.hash]))
  for (const record of records) record.hash ||= late.get(record.source) as string
  const built = assemble(
    processed,
    records,
    fingerprint(records, pipelineHash),
    text.finish(),
    words.finish(),
    atlas,
  )
  return spill
    ? { ...built, bodies: spill.bodies(), sections: spill.sections(), folded: spill.folded() }
    : built
}

/** Adds a processed file's sections to the text index, as the report at `report`. */
function addSections(text: TextIndexBuilder, file: ProcessedFile, report: number): void {
  for (const [ordinal, section] of file.report.sections.entries())
    text.add({ report, ordinal, part: section.part, folded: file.folded[ordinal] as string })
}

/** Puts processed files together: reports, the text index over their sections, the vocabulary. */
export function assemble(
  processed: ProcessedFile[],
  files: FileRecord[],
  fingerprint: string,
  text: TextIndex,
  words: ReportWords,
  atlas: AtlasGatherer,
): CorpusIndex {
  const builtAt = new Date().toISOString()
  // A report read for the first time (or changed) is indexed now; one taken from the index in use
  // keeps the time it was first indexed: the feeds list the newest first.
  const reports = processed.map((p) => Object.assign(p.report, { indexedAt: p.report.indexedAt ?? builtAt }))
  const entries = atlas.finish(text)
  // The atlas has found the reports of most quoted names already (a search each, the longest part
  // of the finish after the postings): the vocabulary counts them from there.
  const practices = new Map(
    entries
      .filter((e) => e.kind === 'practice' && e.aliases.length === 0)
      .map((e) => [e.key, e.reports.length]),
  )
  const vocabulary = mergeVocabulary(
    words,
    reports.flatMap((r) => r.quoted),
    (name) =>
      practices.get(name) ?? new Set(findFolded(text, name).ids.map((s) => text.reportOf[s] as number)).size,
  )
  return {
    atlas: entries,
    pipeline: pipelineHash,
    words,
    version: INDEX_VERSION,
    fingerprint,
    builtAt,
    files,
    reports,
    vocabulary,
    text,
    places: placeTable(
      reports.map((r) => r.meta),
      packedEverydayWords(),
    ),
    pinyin: pinyinEntries(vocabulary),
  }
}
