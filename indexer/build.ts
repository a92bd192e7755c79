// Builds the index of a corpus folder: every file read on worker threads, reported or skipped, then
// the text index and the vocabulary.

import { buildAtlas } from './atlas.js'
import { type CorpusFile, fingerprint, hashCorpus, INDEX_VERSION, listCorpus } from './corpus.js'
import { processAll } from './pool.js'
import type { ProcessedFile } from './process-file.js'
import { pipelineHash } from './text/segment.js'
import { buildTextIndex, findFolded, type SectionInput } from './text-index.js'
import type { CorpusIndex, FileRecord } from './types.js'
import { mergeVocabulary } from './vocabulary.js'

export interface BuildOptions {
  corpusDir: string
  /** Files larger than this are skipped with FILE_TOO_LARGE. */
  maxFileBytes: number
  /** Worker threads; below 2, everything runs in this thread. */
  workers?: number
  /** The files of an index built before: a file whose size and time are unchanged is not hashed again. */
  known?: FileRecord[]
  /** Called after each file, for a progress bar. */
  onFile?: (done: number, total: number, record: FileRecord) => void
}

/** The fingerprint the corpus has now, and its files with their hashes. */
export async function corpusState(
  corpusDir: string,
  known: FileRecord[] = [],
): Promise<{ files: CorpusFile[]; fingerprint: string }> {
  const files = await hashCorpus(await listCorpus(corpusDir), known)
  return { files, fingerprint: fingerprint(files, pipelineHash) }
}

export async function buildIndex(options: BuildOptions): Promise<CorpusIndex> {
  const { files, fingerprint } = await corpusState(options.corpusDir, options.known)
  const records: FileRecord[] = files.map((file) => ({
    source: file.source,
    size: file.size,
    mtimeMs: file.mtimeMs,
    hash: file.hash,
    reportId: null,
  }))
  let done = 0
  const outcomes = await processAll(
    files.map((file) => ({
      source: file.source,
      path: file.path,
      size: file.size,
      maxBytes: options.maxFileBytes,
    })),
    options.workers ?? 2,
    (i, outcome) => {
      const record = records[i] as FileRecord
      if (outcome.ok) record.reportId = outcome.value.report.meta.id
      else record.error = { code: outcome.code, message: outcome.message }
      options.onFile?.(++done, files.length, record)
    },
  )
  const processed = outcomes.flatMap((outcome) => (outcome.ok ? [outcome.value] : []))
  return assemble(processed, records, fingerprint)
}

/** Puts processed files together: reports, the text index over their sections, the vocabulary. */
export function assemble(processed: ProcessedFile[], files: FileRecord[], fingerprint: string): CorpusIndex {
  const reports = processed.map((p) => p.report)
  const sections: SectionInput[] = processed.flatMap((p, r) =>
    p.report.sections.map((section, ordinal) => ({
      report: r,
      ordinal,
      part: section.part,
      folded: p.folded[ordinal] as string,
    })),
  )
  const text = buildTextIndex(sections)
  const vocabulary = mergeVocabulary(
    processed.map((p) => p.words),
    reports.flatMap((r) => r.quoted),
    (name) => new Set(findFolded(text, name).ids.map((s) => text.reportOf[s] as number)).size,
  )
  return {
    atlas: buildAtlas(reports, text),
    version: INDEX_VERSION,
    fingerprint,
    builtAt: new Date().toISOString(),
    files,
    reports,
    vocabulary,
    text,
  }
}
