// The shapes of an index: what the indexer writes and the server reads.

import type { ErrorCode } from '../common/errors.js'
import type { AtlasEntry } from './atlas.js'
import type { ReportMeta } from './metadata.js'
import type { Section } from './outline.js'
import type { Format } from './readers/types.js'
import type { TextIndex } from './text-index.js'

export interface IndexedReport {
  meta: ReportMeta
  format: Format
  encoding: string
  /** The cleaned text: paragraphs, one per line; sections are offsets into it. */
  body: string
  sections: Section[]
  /** What the indexer noticed and could not settle, in plain words. */
  warnings: string[]
  /** The named practices the report quotes, folded. */
  quoted: string[]
}

export interface FileRecord {
  source: string
  size: number
  mtimeMs: number
  hash: string
  /** The id of the report read from the file, or null when the file was skipped. */
  reportId: string | null
  /** Why the file was skipped. */
  error?: { code: ErrorCode; message: string }
}

export interface VocabularyTerm {
  term: string
  /** Reports the term stands in. */
  df: number
  /** True for a name the reports quote as a practice. */
  practice: boolean
}

export interface CorpusIndex {
  version: number
  fingerprint: string
  builtAt: string
  files: FileRecord[]
  reports: IndexedReport[]
  vocabulary: VocabularyTerm[]
  /** Folded section texts and their bigram postings. */
  text: TextIndex
  /** The practices quoted and the laws cited, with the reports and sections that hold them. */
  atlas: AtlasEntry[]
  /** The hash of the text pipeline (dictionary, stop words) the words were cut with. */
  pipeline: string
  /** Each report's words, as jieba cut them: saved so that a rebuild reuses unchanged files. */
  words: string[][]
}
