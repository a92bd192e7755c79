// The searchable form of the corpus: every section's folded text, and bigram postings to find candidates.
//
// A query term is matched as a substring of the folded text (see indexer/text/normalize), never as
// jieba tokens, so 普法 is found inside 谁执法谁普法 and 查一次 inside 综合查一次. Bigram postings
// give the sections that can hold a term; the folded text decides, and counts the occurrences.

import type { Part } from '../../indexer/parts.js'
import type { LoadedIndex } from '../../indexer/store.js'
import { normalize } from '../../indexer/text/normalize.js'

export interface Postings {
  /** Section numbers, ascending. */
  ids: Uint32Array
  /** Occurrences in each of those sections. */
  tf: Uint16Array
}

export interface TextIndex {
  /** Number of sections. */
  size: number
  /** Per section: the report it belongs to (an index into LoadedIndex.reports). */
  reportOf: Uint32Array
  /** Per section: its ordinal within the report (Section.n - 1). */
  ordinal: Uint32Array
  /** Per section: its part. */
  part: Part[]
  /** Per section: the folded text. */
  folded: string[]
  /** Mean folded length, for BM25's length normalisation. */
  averageLength: number
  /** Postings of every bigram of folded text, keyed by bigramKey. */
  bigrams: Map<number, Postings>
}

/** Two UTF-16 code units as one number: a Map key cheaper than a two-character string. */
export const bigramKey = (text: string, at: number): number =>
  text.charCodeAt(at) * 65536 + text.charCodeAt(at + 1)

export function buildTextIndex(index: Pick<LoadedIndex, 'reports'>): TextIndex {
  const reportOf: number[] = []
  const ordinal: number[] = []
  const part: Part[] = []
  const folded: string[] = []
  index.reports.forEach((report, r) => {
    report.sections.forEach((section, i) => {
      reportOf.push(r)
      ordinal.push(i)
      part.push(section.part)
      folded.push(normalize(report.body.slice(section.start, section.end)))
    })
  })

  const lists = new Map<number, { ids: number[]; tf: number[] }>()
  const counts = new Map<number, number>()
  folded.forEach((text, s) => {
    counts.clear()
    for (let i = 0; i + 1 < text.length; i++) {
      const key = bigramKey(text, i)
      counts.set(key, (counts.get(key) ?? 0) + 1)
    }
    for (const [key, count] of counts) {
      let list = lists.get(key)
      if (!list) {
        list = { ids: [], tf: [] }
        lists.set(key, list)
      }
      list.ids.push(s)
      list.tf.push(Math.min(count, 65535))
    }
  })
  const bigrams = new Map<number, Postings>()
  for (const [key, list] of lists)
    bigrams.set(key, { ids: Uint32Array.from(list.ids), tf: Uint16Array.from(list.tf) })

  const totalLength = folded.reduce((sum, text) => sum + text.length, 0)
  return {
    size: folded.length,
    reportOf: Uint32Array.from(reportOf),
    ordinal: Uint32Array.from(ordinal),
    part,
    folded,
    averageLength: folded.length ? totalLength / folded.length : 0,
    bigrams,
  }
}
