// The index's files on disk, as both the writer (indexer/save.ts) and the reader (load.ts) know them.
//
// Each index is a folder: a manifest, report shards (JSON), each report's sections (JSON, back to
// back in sections.bin), the report texts (UTF-8, bodies.bin),
// the folded section texts (UTF-16, folded.bin), the bigram postings (flat typed arrays, read back
// without parsing), the vocabulary's MiniSearch index and its pinyin, the place names of the
// reports' divisions, jieba's packed dictionary, the practice atlas and each report's words
// (for the next build). The file CURRENT names the folder in use. Every file's CRC-32 is in the
// manifest, so a damaged file is noticed when it is read.

import { crc32 } from 'node:zlib'
import type { FileRecord, ReportRecord, VocabularyTerm } from './types.js'

/** Bumped whenever the index's shape or the text pipeline changes, so that older indexes are rebuilt. */
export const INDEX_VERSION = 16

export interface Manifest {
  version: number
  /** The text pipeline's hash: words cut with another dictionary are not reused. */
  pipeline: string
  fingerprint: string
  builtAt: string
  files: FileRecord[]
  /** Each file's size and CRC-32: enough to notice a damaged or truncated file, at 2 GB/s. */
  shards: { name: string; crc32: number; bytes: number }[]
}

/** A report as its shard stores it: its text is in bodies.bin, at these byte offsets. */
export interface StoredReport extends ReportRecord {
  bodyAt: [number, number]
  /** Each section's byte range in bodies.bin, two numbers a section. */
  sectionAt: number[]
}

/**
 * A report as its shard stores it: its sections and their byte ranges are in sections.bin, at
 * `sectionsAt`, as JSON, parsed when first used (parsing every report's was most of a start).
 */
export interface ShardReport extends Omit<StoredReport, 'sections' | 'sectionAt'> {
  sectionsAt: [number, number]
}

/** The postings file starts with this number, then the lengths of the arrays below, in order. */
export const POSTINGS_MAGIC = 0x52535832

/** The typed arrays of the postings file, in order; 32-bit ones first, so that every view is aligned. */
export const wideArrays = [
  'reportOf',
  'ordinal',
  'foldedStarts',
  'keys',
  'starts',
  'byteStarts',
  'posStarts',
  'charCodes',
  'charStarts',
  'charByteStarts',
] as const
export const narrowArrays = ['partCode', 'tf', 'idBytes', 'posBytes', 'charTf', 'charIdBytes'] as const

/** A file's checksum (continued from `previous`, the checksum of what came before): CRC-32 catches every flipped bit and burst, four times faster than sha256. */
export const checksum = (data: Uint8Array, previous = 0) => crc32(data, previous)

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
