// The index's files on disk, as both the writer (indexer/save.ts) and the reader (load.ts) know them.
//
// Each index is a folder: a manifest, report shards (JSON), the report texts (UTF-8, bodies.bin),
// the folded section texts (UTF-16, folded.bin), the bigram postings (flat typed arrays, read back
// without parsing), the vocabulary's MiniSearch index, the practice atlas and each report's words
// (for the next build). The file CURRENT names the folder in use. Every file's sha256 is in the
// manifest, so a damaged file is noticed when it is read.

import { createHash } from 'node:crypto'
import type { FileRecord, ReportRecord, VocabularyTerm } from './types.js'

/** Bumped whenever the index's shape or the text pipeline changes, so that older indexes are rebuilt. */
export const INDEX_VERSION = 8

export interface Manifest {
  version: number
  /** The text pipeline's hash: words cut with another dictionary are not reused. */
  pipeline: string
  fingerprint: string
  builtAt: string
  files: FileRecord[]
  shards: { name: string; sha256: string; bytes: number }[]
}

/** A report as its shard stores it: its text is in bodies.bin, at these byte offsets. */
export interface StoredReport extends ReportRecord {
  bodyAt: [number, number]
  /** Each section's byte range in bodies.bin, two numbers a section. */
  sectionAt: number[]
}

/** The postings file starts with this number, then the lengths of the arrays below, in order. */
export const POSTINGS_MAGIC = 0x52535831

/** The typed arrays of the postings file, in order; 32-bit ones first, so that every view is aligned. */
export const wideArrays = ['reportOf', 'ordinal', 'foldedStarts', 'keys', 'starts', 'ids'] as const
export const narrowArrays = ['partCode', 'tf'] as const

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex')

/** The folder names CURRENT may hold. */
export const isIndexFolder = (name: string) => /^index-[\w-]+$/.test(name)

/** The options of the vocabulary's MiniSearch index: one document per word, matched by prefix. */
export const vocabularyIndexOptions = {
  idField: 'term',
  fields: ['term'],
  storeFields: ['term', 'df', 'practice'],
  // A Chinese word is one token: MiniSearch's default splits on spaces and punctuation only.
  tokenize: (text: string) => [text],
  searchOptions: { prefix: true },
}

export type { VocabularyTerm }
