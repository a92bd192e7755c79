// The shapes of an index, as the indexer writes it and the server reads it.

import type { ErrorCode } from '../common/errors.js'
import type { Part } from './parts.js'
import type { PinyinEntry } from './pinyin.js'
import type { TextIndex } from './postings.js'
import type { ReportWords } from './words.js'

/** A report's metadata: the SPEC's `Report`. */
export interface ReportMeta {
  id: string
  title: string
  /** True when the report has no title line and the title was built from the bureau and the year. */
  titleDerived: boolean
  bureau: string
  province: string | null
  city: string | null
  county: string | null
  year: number | null
  date: string | null
  indexNo: string | null
  source: string
}

export interface Section {
  /** Ordinal within the report, from 1. */
  n: number
  /** The headings from the top, e.g. ["一、主要举措和成效", "(一)强化政治引领,压实法治建设责任"]. */
  path: string[]
  part: Part
  /** Offsets of the section in the report's body: text = body.slice(start, end). */
  start: number
  end: number
}

/** The formats the readers read. */
export type Format = 'txt' | 'md' | 'html' | 'docx' | 'doc' | 'pdf' | 'ofd'

/** A report as the index keeps it, without its text (which the index reads from its own file). */
export interface ReportRecord {
  meta: ReportMeta
  format: Format
  encoding: string
  sections: Section[]
  /** What the indexer noticed and could not settle, in plain words. */
  warnings: string[]
  /** The named practices the report quotes, folded. */
  quoted: string[]
  /**
   * When the report, as its file now reads, was first indexed (ISO 8601): set by the build, kept by
   * every later build that reuses the unchanged file.
   */
  indexedAt?: string
}

export interface IndexedReport extends ReportRecord {
  /** The cleaned text: paragraphs, one per line; sections are offsets into it. */
  body: string
}

/** A section's id in the API: the report's id and the section's number, `179c8dc22e96-3`. */
export const sectionId = (report: { meta: ReportMeta }, ordinal: number) => `${report.meta.id}-${ordinal + 1}`

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

/** practice: a name quoted in “…”; law: a law or regulation cited in 《…》; document: any other title cited so. */
export type AtlasKind = 'practice' | 'law' | 'document'

export interface AtlasReport {
  /** Index of the report in the index's reports. */
  report: number
  /** Times the name stands in the report's text. */
  mentions: number
  /** Ordinals of the sections that hold it, ascending. */
  sections: number[]
}

export interface AtlasEntry {
  /** The name as the reports most often write it: “双随机、一公开”, 《医师法》 without the marks. */
  name: string
  /** The folded name, as the phrase search folds it: one practice for every way of writing it. */
  key: string
  kind: AtlasKind
  /** Shorter names the reports write for the same practice (双随机 for 双随机、一公开), as written. */
  aliases: string[]
  reports: AtlasReport[]
}

/**
 * Place names a query may use (folded: 山东, 兖州, 兖州区, 甘南州) → the full names of the index's
 * divisions they name (山东省, 兖州区, 甘南藏族自治州), matched against the reports' province, city
 * and county.
 */
export type PlaceTable = Record<string, string[]>

/** What a build makes, before it is saved. */
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
  words: ReportWords
  /** The place names of the reports' divisions, for queries that name them. */
  places: PlaceTable
  /** The vocabulary's Chinese words with their pinyin, for suggestions typed in pinyin. */
  pinyin: PinyinEntry[]
}
