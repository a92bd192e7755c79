// What a reader is asked (a file) and what it answers (the file read, or why not): shared by the
// readers and the pool that runs them, which loads none of the readers' modules.

import type { ReadLimits } from '../common/config.js'
import type { AppError, ErrorCode } from '../common/errors.js'
import type { IndexedReport } from '../index/types.js'
import type { CutWords } from './words.js'

export interface FileTask {
  source: string
  path: string
  size: number
  limits: ReadLimits
}

export interface ProcessedFile {
  report: IndexedReport
  /** Each section's folded text. */
  folded: string[]
  /** The words of the report, as jieba cuts them. */
  words: CutWords
}

export type FileOutcome = (
  | { ok: true; value: ProcessedFile }
  | { ok: false; code: ErrorCode; message: string }
) & {
  /** sha256 of the file's content, where it was read: the build need not read it again to hash it. */
  hash?: string
}

/** The outcome of a file that could not be read. */
export const failed = (error: AppError): FileOutcome => ({
  ok: false,
  code: error.code,
  message: error.message,
})
