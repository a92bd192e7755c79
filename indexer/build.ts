// Builds the index of a corpus folder: every file read, reported or skipped, then counted into a vocabulary.

import { readFile } from 'node:fs/promises'
import { AppError } from '../common/errors.js'
import { type CorpusFile, fingerprint, hashCorpus, INDEX_VERSION, listCorpus } from './corpus.js'
import { isSupported } from './readers/index.js'
import { parseReport } from './report.js'
import { pipelineHash } from './text/segment.js'
import type { CorpusIndex, FileRecord, IndexedReport } from './types.js'
import { buildVocabulary } from './vocabulary.js'

export interface BuildOptions {
  corpusDir: string
  /** Files larger than this are skipped with FILE_TOO_LARGE. */
  maxFileBytes: number
  /** An index built before: files whose content is unchanged are taken from it instead of read again. */
  previous?: Pick<CorpusIndex, 'files' | 'reports'> | null
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
  const { files, fingerprint } = await corpusState(options.corpusDir, options.previous?.files)
  const previousReports = new Map<string, IndexedReport>()
  for (const record of options.previous?.files ?? []) {
    const report = options.previous?.reports.find((r) => r.meta.id === record.reportId)
    if (report) previousReports.set(record.hash + record.source, report)
  }

  const records: FileRecord[] = []
  const reports: IndexedReport[] = []
  for (const file of files) {
    const record: FileRecord = {
      source: file.source,
      size: file.size,
      mtimeMs: file.mtimeMs,
      hash: file.hash,
      reportId: null,
    }
    try {
      const report =
        previousReports.get(file.hash + file.source) ?? (await readOne(file, options.maxFileBytes))
      reports.push(report)
      record.reportId = report.meta.id
    } catch (error) {
      const appError =
        error instanceof AppError ? error : new AppError('FILE_UNREADABLE', (error as Error).message)
      record.error = { code: appError.code, message: appError.message }
    }
    records.push(record)
    options.onFile?.(records.length, files.length, record)
  }

  return {
    version: INDEX_VERSION,
    fingerprint,
    builtAt: new Date().toISOString(),
    files: records,
    reports,
    vocabulary: buildVocabulary(reports),
  }
}

async function readOne(file: CorpusFile, maxBytes: number): Promise<IndexedReport> {
  if (!isSupported(file.source)) throw new AppError('FILE_UNSUPPORTED', file.source)
  if (file.size > maxBytes) throw new AppError('FILE_TOO_LARGE', `${file.size} bytes`)
  let bytes: Uint8Array
  try {
    bytes = await readFile(file.path)
  } catch (error) {
    throw new AppError('FILE_UNREADABLE', (error as NodeJS.ErrnoException).code ?? String(error))
  }
  return parseReport(file.source, bytes)
}
