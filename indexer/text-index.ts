// The searchable form of the corpus: every section's folded text, and bigram postings to find candidates.
//
// A query term is matched as a substring of the folded text (see text/normalize), never as jieba
// tokens, so 普法 is found inside 谁执法谁普法 and 查一次 inside 综合查一次. Bigram postings give the
// sections that can hold a term; the folded text decides, and counts the occurrences.
//
// Postings are built in two passes into flat typed arrays (a compressed sparse row layout: for the
// k-th bigram in key order, its sections are ids[starts[k] .. starts[k+1]]), so that they are written
// to disk and read back as they are, without parsing.

import { doubled } from '../common/typed-arrays.js'
import type { Part } from './parts.js'
import { parts } from './parts.js'

export interface Postings {
  /** Section numbers, ascending. */
  ids: Uint32Array
  /** Occurrences in each of those sections (capped at 255). */
  tf: Uint8Array
}

export interface TextIndexData {
  /** Per section: the report it belongs to (an index into the reports). */
  reportOf: Uint32Array
  /** Per section: its ordinal within the report. */
  ordinal: Uint32Array
  /** Per section: its part, as an index into `parts`. */
  partCode: Uint8Array
  /** Bigram keys (two UTF-16 code units), ascending. */
  keys: Uint32Array
  /** For the k-th key, its postings are ids/tf[starts[k] .. starts[k + 1]]. */
  starts: Uint32Array
  ids: Uint32Array
  tf: Uint8Array
}

export interface TextIndex extends TextIndexData {
  size: number
  /** Per section: the folded text. */
  folded: string[]
  averageLength: number
}

const none: Postings = { ids: new Uint32Array(0), tf: new Uint8Array(0) }

/** Two UTF-16 code units as one unsigned 32-bit key. */
export const bigramKey = (text: string, at: number): number =>
  ((text.charCodeAt(at) << 16) | text.charCodeAt(at + 1)) >>> 0

export const partCode = (part: Part): number => parts.indexOf(part)

/** The postings of one bigram key (binary search over the sorted keys). */
export function postingsOf(index: TextIndexData, key: number): Postings {
  const { keys } = index
  let lo = 0
  let hi = keys.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const k = keys[mid] as number
    if (k === key) {
      const from = index.starts[mid] as number
      const to = index.starts[mid + 1] as number
      return { ids: index.ids.subarray(from, to), tf: index.tf.subarray(from, to) }
    }
    if (k < key) lo = mid + 1
    else hi = mid - 1
  }
  return none
}

/** Occurrences of `needle` in `text`, not overlapping. */
export function countOccurrences(text: string, needle: string): number {
  let n = 0
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) n++
  return n
}

/** Sorted intersection of two ascending id lists. */
function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, b.length))
  let n = 0
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    const x = a[i] as number
    const y = b[j] as number
    if (x === y) {
      out[n++] = x
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return out.subarray(0, n)
}

/**
 * The sections whose folded text contains `folded`, with the occurrences in each: exactly what a
 * plain scan would answer. Candidates come from the two rarest bigrams' postings (for one
 * character, every section); each is verified on its text, which also counts the occurrences.
 */
export function findFolded(index: TextIndex, folded: string): Postings {
  if (folded.length === 0) return none
  if (folded.length === 2) return postingsOf(index, bigramKey(folded, 0))
  let candidates: Uint32Array | null = null
  if (folded.length > 2) {
    const lists: Uint32Array[] = []
    for (let i = 0; i + 1 < folded.length; i++) {
      const { ids } = postingsOf(index, bigramKey(folded, i))
      if (ids.length === 0) return none
      lists.push(ids)
    }
    lists.sort((a, b) => a.length - b.length)
    candidates = intersect(lists[0] as Uint32Array, lists[1] as Uint32Array)
  }
  const count = candidates ? candidates.length : index.size
  const ids = new Uint32Array(count)
  const tf = new Uint8Array(count)
  let n = 0
  for (let c = 0; c < count; c++) {
    const s = candidates ? (candidates[c] as number) : c
    const found = countOccurrences(index.folded[s] as string, folded)
    if (found > 0) {
      ids[n] = s
      tf[n++] = Math.min(found, 255)
    }
  }
  return { ids: ids.subarray(0, n), tf: tf.subarray(0, n) }
}

/** Interns 32-bit keys into dense ids with open addressing: no Map, no boxed numbers. */
class KeyTable {
  private slots: Uint32Array
  private ids: Int32Array
  private mask: number
  count = 0
  keys: Uint32Array = new Uint32Array(1024)

  constructor(capacity = 1 << 16) {
    this.slots = new Uint32Array(capacity)
    this.ids = new Int32Array(capacity).fill(-1)
    this.mask = capacity - 1
  }

  intern(key: number): number {
    let at = Math.imul(key, 0x9e3779b1) >>> 0
    for (;;) {
      at &= this.mask
      const id = this.ids[at] as number
      if (id < 0) break
      if (this.slots[at] === key) return id
      at++
    }
    const id = this.count++
    this.slots[at] = key
    this.ids[at] = id
    if (id >= this.keys.length) {
      this.keys = doubled(this.keys)
    }
    this.keys[id] = key
    if (this.count * 2 > this.mask) this.grow()
    return id
  }

  private grow(): void {
    const old = this.keys.subarray(0, this.count)
    this.slots = new Uint32Array((this.mask + 1) * 2)
    this.ids = new Int32Array((this.mask + 1) * 2).fill(-1)
    this.mask = this.slots.length - 1
    old.forEach((key, id) => {
      let at = Math.imul(key, 0x9e3779b1) >>> 0
      for (;;) {
        at &= this.mask
        if ((this.ids[at] as number) < 0) break
        at++
      }
      this.slots[at] = key
      this.ids[at] = id
    })
  }
}

export interface SectionInput {
  report: number
  ordinal: number
  part: Part
  folded: string
}

/**
 * Builds the postings of every bigram of every section's folded text, in two passes. Sections are
 * added one by one (pass 1: intern and count), so that the indexer can add each file's sections as
 * its worker returns them, while the others still work; `finish` sorts and fills (pass 2).
 */
export class TextIndexBuilder {
  private readonly table = new KeyTable()
  private df = new Uint32Array(1024)
  private seen = new Uint32Array(1024)
  private readonly positions: Uint32Array[] = []
  private readonly sections: Omit<SectionInput, 'folded'>[] = []
  private readonly folded: string[] = []

  add(section: SectionInput): void {
    const s = this.positions.length
    const text = section.folded
    const ids = new Uint32Array(Math.max(0, text.length - 1))
    for (let i = 0; i + 1 < text.length; i++) {
      const id = this.table.intern(bigramKey(text, i))
      if (id >= this.df.length) {
        this.df = doubled(this.df)
        this.seen = doubled(this.seen)
      }
      ids[i] = id
      if (this.seen[id] !== s + 1) {
        this.seen[id] = s + 1
        this.df[id] = (this.df[id] as number) + 1
      }
    }
    this.positions.push(ids)
    this.sections.push({ report: section.report, ordinal: section.ordinal, part: section.part })
    this.folded.push(text)
  }

  finish(): TextIndex {
    const { table, df, seen, positions, sections, folded } = this
    const size = sections.length
    const distinct = table.count
    // Key order, so that a bigram is found by binary search.
    const order = Array.from({ length: distinct }, (_, id) => id).sort(
      (a, b) => (table.keys[a] as number) - (table.keys[b] as number),
    )
    const rank = new Uint32Array(distinct)
    const keys = new Uint32Array(distinct)
    const starts = new Uint32Array(distinct + 1)
    order.forEach((id, k) => {
      rank[id] = k
      keys[k] = table.keys[id] as number
      starts[k + 1] = (starts[k] as number) + (df[id] as number)
    })
    // Pass 2: fill the postings, section by section, so that each list is in section order.
    const total = starts[distinct] as number
    const ids = new Uint32Array(total)
    const tf = new Uint8Array(total)
    const cursor = starts.slice(0, distinct)
    seen.fill(0)
    positions.forEach((bigrams, s) => {
      for (const id of bigrams) {
        const k = rank[id] as number
        if (seen[id] !== s + 1) {
          seen[id] = s + 1
          const at = cursor[k] as number
          ids[at] = s
          tf[at] = 1
          cursor[k] = at + 1
        } else {
          const at = (cursor[k] as number) - 1
          if ((tf[at] as number) < 255) tf[at] = (tf[at] as number) + 1
        }
      }
    })
    return {
      size,
      folded,
      averageLength: size ? folded.reduce((n, text) => n + text.length, 0) / size : 0,
      reportOf: Uint32Array.from(sections, (s) => s.report),
      ordinal: Uint32Array.from(sections, (s) => s.ordinal),
      partCode: Uint8Array.from(sections, (s) => partCode(s.part)),
      keys,
      starts,
      ids,
      tf,
    }
  }
}

/** The text index of these sections, all at once. */
export function buildTextIndex(sections: SectionInput[]): TextIndex {
  const builder = new TextIndexBuilder()
  for (const section of sections) builder.add(section)
  return builder.finish()
}
