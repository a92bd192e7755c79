// Finds sections in the searchable form of the corpus: every section's folded text, and bigram postings.
//
// A query term is matched as a substring of the folded text (see text/normalize), never as jieba
// tokens, so 普法 is found inside 谁执法谁普法 and 查一次 inside 综合查一次. Bigram postings give the
// sections that can hold a term; the bigrams' positions (positions.ts) or the folded text decide,
// and count the occurrences.
//
// Postings are flat typed arrays (a compressed sparse row layout: for the k-th bigram in key order,
// its entries are starts[k] .. starts[k+1]), written to disk and read back as they are
// (indexer/postings-builder.ts builds them). A list's section numbers are stored as the gaps between
// them in varints (varints.ts; idBytes[byteStarts[k] .. byteStarts[k+1]]): a byte or two an entry
// instead of four, decoded when a list is asked for; each entry's positions are in posBytes.

import { type Anchor, countByPositions, coverOffsets, type PositionData } from './positions.js'
import { readGaps } from './varints.js'

export interface Postings {
  /** Section numbers, ascending. */
  ids: Uint32Array
  /** Occurrences in each of those sections (capped at 255). */
  tf: Uint8Array
}

export interface TextIndexData extends PositionData {
  /** Per section: the report it belongs to (an index into the reports). */
  reportOf: Uint32Array
  /** Per section: its ordinal within the report. */
  ordinal: Uint32Array
  /** Per section: its part, as an index into `parts`. */
  partCode: Uint8Array
  /** Bigram keys (two UTF-16 code units), ascending. */
  keys: Uint32Array
  /** For the k-th key, its entries are starts[k] .. starts[k + 1] (its tf values). */
  starts: Uint32Array
  /** For the k-th key, its section numbers' gaps are idBytes[byteStarts[k] .. byteStarts[k + 1]]. */
  byteStarts: Uint32Array
  idBytes: Uint8Array
  tf: Uint8Array
  /**
   * The characters whose bigram lists and section ends hold more entries than there are sections,
   * ascending: each one's sections and counts are summed once, at build time
   * (indexer/character-lists.ts), and stored as a list of its own, as a bigram's are.
   */
  charCodes: Uint32Array
  /** For the k-th of charCodes, its counts are charTf[charStarts[k] .. charStarts[k + 1]]. */
  charStarts: Uint32Array
  /** For the k-th of charCodes, its section numbers' gaps start at charIdBytes[charByteStarts[k]]. */
  charByteStarts: Uint32Array
  charIdBytes: Uint8Array
  charTf: Uint8Array
}

/**
 * The k-th of a set of lists (the bigrams', or the characters' summed at build time): its section
 * numbers decoded from their gaps, its counts viewed in place.
 */
function listAt(
  starts: Uint32Array,
  byteStarts: Uint32Array,
  idBytes: Uint8Array,
  tf: Uint8Array,
  k: number,
): Postings {
  const from = starts[k] as number
  const to = starts[k + 1] as number
  const ids = new Uint32Array(to - from)
  readGaps(idBytes, byteStarts[k] as number, ids.length, ids)
  return { ids, tf: tf.subarray(from, to) }
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

/** The rank of a key among sorted keys (binary search), or -1. */
function rankIn(keys: Uint32Array, key: number): number {
  let lo = 0
  let hi = keys.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const k = keys[mid] as number
    if (k === key) return mid
    if (k < key) lo = mid + 1
    else hi = mid - 1
  }
  return -1
}

/** The postings of the k-th key. */
const postingsAt = (index: TextIndexData, k: number): Postings =>
  listAt(index.starts, index.byteStarts, index.idBytes, index.tf, k)

/** The postings of one bigram key. */
export function postingsOf(index: TextIndexData, key: number): Postings {
  const k = rankIn(index.keys, key)
  return k < 0 ? none : postingsAt(index, k)
}

/**
 * Occurrences of `needle` in `text`, not overlapping, counted up to `most`: the count of one of its
 * bigrams in the text bounds it, and a bound of one stops the scan at the first occurrence.
 */
export function countOccurrences(text: string, needle: string, most = Number.POSITIVE_INFINITY): number {
  let n = 0
  for (let at = text.indexOf(needle); at >= 0 && n < most; at = text.indexOf(needle, at + needle.length)) n++
  return n
}

/**
 * The sections in both lists, each with the lesser of its two counts: a bigram's count in a section
 * (every position, capped at 255) bounds the count of any sequence that holds it.
 */
function intersectBounded(a: Postings, b: Postings): Postings {
  const length = Math.min(a.ids.length, b.ids.length)
  const ids = new Uint32Array(length)
  const tf = new Uint8Array(length)
  let n = 0
  for (let i = 0, j = 0; i < a.ids.length && j < b.ids.length; ) {
    const x = a.ids[i] as number
    const y = b.ids[j] as number
    if (x === y) {
      ids[n] = x
      tf[n++] = Math.min(a.tf[i] as number, b.tf[j] as number)
      i++
      j++
    } else if (x < y) i++
    else j++
  }
  return { ids: ids.subarray(0, n), tf: tf.subarray(0, n) }
}

/** Index of the first key not below `key`. */
function lowerBound(keys: Uint32Array, key: number): number {
  let lo = 0
  let hi = keys.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((keys[mid] as number) < key) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** What finding one character needs beyond the postings, made once for each text index. */
interface CharLookup {
  /** The sections that end with each character: a character's are ends[from[k] .. from[k + 1]]. */
  lastChars: Uint16Array
  from: Uint32Array
  ends: Uint32Array
  /** Scratch for one lookup at a time (searches run on one thread): occurrences per section, all 0 between lookups. */
  counts: Uint8Array
  /** Scratch: the sections a lookup of a rare character touched. */
  touched: Uint32Array
  /** Scratch: one list's section numbers, decoded. */
  scratch: Uint32Array
}

const charLookups = new WeakMap<TextIndex, CharLookup>()

function charLookup(index: TextIndex): CharLookup {
  let lookup = charLookups.get(index)
  if (lookup) return lookup
  // Every occurrence of a character but a section's last is the first half of a bigram: the last
  // ones are listed here, by character, each character's sections in order. A counting sort by
  // code unit: a comparison sort of 650,000 sections was a third of a second of the first search
  // for one character after a start.
  const { folded, size } = index
  const perCode = new Uint32Array(0x10001)
  for (let s = 0; s < size; s++) {
    const text = folded[s] as string
    if (text.length > 0) {
      const at = text.charCodeAt(text.length - 1) + 1
      perCode[at] = (perCode[at] as number) + 1
    }
  }
  const lastChars: number[] = []
  const from: number[] = []
  for (let c = 0; c < 0x10000; c++) {
    if ((perCode[c + 1] as number) > 0) {
      lastChars.push(c)
      from.push(perCode[c] as number)
    }
    perCode[c + 1] = (perCode[c + 1] as number) + (perCode[c] as number)
  }
  from.push(perCode[0x10000] as number)
  const ends = new Uint32Array(perCode[0x10000] as number)
  for (let s = 0; s < size; s++) {
    const text = folded[s] as string
    if (text.length > 0) {
      const c = text.charCodeAt(text.length - 1)
      ends[perCode[c] as number] = s
      perCode[c] = (perCode[c] as number) + 1
    }
  }
  lookup = {
    lastChars: Uint16Array.from(lastChars),
    from: Uint32Array.from(from),
    ends,
    counts: new Uint8Array(size),
    touched: new Uint32Array(size),
    scratch: new Uint32Array(1024),
  }
  charLookups.set(index, lookup)
  return lookup
}

/** The sections that end with `code`: ends[range[0] .. range[1]]. */
function endingWith(lookup: CharLookup, code: number): [number, number] {
  const { lastChars, from } = lookup
  let lo = 0
  let hi = lastChars.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1
    const c = lastChars[mid] as number
    if (c === code) return [from[mid] as number, from[mid + 1] as number]
    if (c < code) lo = mid + 1
    else hi = mid - 1
  }
  return [0, 0]
}

/**
 * A common character's entries outnumber the sections by far (法: 2.8 million entries in 164 lists,
 * 550,000 of 650,000 sections at 20,000 reports): past one entry in SPARSE sections, the counts are
 * read back by walking every section rather than by sorting the ones touched.
 */
const SPARSE = 16

/** The bigrams a character opens (contiguous in key order: ranks first .. end) and the sections it ends. */
function characterLists(index: TextIndex, lookup: CharLookup, code: number) {
  const { keys, starts } = index
  const first = lowerBound(keys, (code << 16) >>> 0)
  const end = lowerBound(keys, ((code + 1) << 16) >>> 0)
  const [endsFrom, endsTo] = endingWith(lookup, code)
  return {
    first,
    end,
    endsFrom,
    endsTo,
    entries: (starts[end] as number) - (starts[first] as number) + (endsTo - endsFrom),
  }
}

/** The entries a sum for one character reads: the lists of the bigrams it opens and the sections it ends. */
export const characterEntries = (index: TextIndex, code: number): number =>
  characterLists(index, charLookup(index), code).entries

/**
 * The sections holding one character, with its occurrences: the sum over every bigram it opens
 * and the sections it ends. No text is scanned. Each list is decoded into one scratch array and
 * added to the counts: this is every entry of up to hundreds of lists, which is why the most common
 * characters' sums are made at build time.
 */
export function sumCharacter(index: TextIndex, code: number): Postings {
  const lookup = charLookup(index)
  const { counts, touched, ends } = lookup
  const { starts, byteStarts, idBytes, tf } = index
  const { first, end, endsFrom, endsTo, entries } = characterLists(index, lookup, code)
  const dense = entries * SPARSE > index.size
  let n = 0
  for (let k = first; k < end; k++) {
    const from = starts[k] as number
    const length = (starts[k + 1] as number) - from
    if (length > lookup.scratch.length) lookup.scratch = new Uint32Array(length)
    const ids = lookup.scratch
    readGaps(idBytes, byteStarts[k] as number, length, ids)
    for (let j = 0; j < length; j++) {
      const s = ids[j] as number
      const i = from + j
      const was = counts[s] as number
      if (was === 0 && !dense) touched[n++] = s
      const sum = was + (tf[i] as number)
      counts[s] = sum > 255 ? 255 : sum
    }
  }
  for (let i = endsFrom; i < endsTo; i++) {
    const s = ends[i] as number
    const was = counts[s] as number
    if (was === 0 && !dense) touched[n++] = s
    counts[s] = was === 255 ? 255 : was + 1
  }
  if (dense) {
    for (let s = 0; s < index.size; s++) if (counts[s] !== 0) touched[n++] = s
  } else touched.subarray(0, n).sort()
  const ids = touched.slice(0, n)
  const out = new Uint8Array(n)
  for (let i = 0; i < n; i++) {
    const s = ids[i] as number
    out[i] = counts[s] as number
    counts[s] = 0
  }
  return { ids, tf: out }
}

/** The sections holding one character: its list summed at build time, or the sum made now. */
function findCharacter(index: TextIndex, code: number): Postings {
  const k = rankIn(index.charCodes, code)
  return k < 0
    ? sumCharacter(index, code)
    : listAt(index.charStarts, index.charByteStarts, index.charIdBytes, index.charTf, k)
}

/**
 * How a sequence of three characters or more is checked in the sections that may hold it: on their
 * text, on the positions of the bigrams that cover it, or whichever reads less (`auto`).
 */
export type CheckBy = 'auto' | 'text' | 'positions'

/**
 * What walking one entry of a list (its section number and positions) costs against reading one
 * character of a section's text with indexOf: measured, 医疗卫生 at 20,000 reports.
 */
const ENTRY_COST = 10

/**
 * The sections whose folded text contains `folded`, with the occurrences in each: exactly what a
 * plain scan would answer. One character: the bigrams it opens and the sections it ends. Two: a
 * bigram's postings. More: candidates from the two rarest bigrams' postings, each checked and its
 * occurrences counted on its text, or on the positions of the bigrams that cover the sequence when
 * their lists are shorter than the candidates' texts (`check` says which, for the tests).
 */
export function findFolded(index: TextIndex, folded: string, check: CheckBy = 'auto'): Postings {
  if (folded.length === 0) return none
  if (folded.length === 1) return findCharacter(index, folded.charCodeAt(0))
  if (folded.length === 2) return postingsOf(index, bigramKey(folded, 0))
  const ranks: number[] = []
  for (let i = 0; i + 1 < folded.length; i++) {
    const k = rankIn(index.keys, bigramKey(folded, i))
    if (k < 0) return none
    ranks.push(k)
  }
  const lengthOf = (k: number) => (index.starts[k + 1] as number) - (index.starts[k] as number)
  const byLength = ranks
    .map((rank, offset) => ({ rank, offset }))
    .sort((a, b) => lengthOf(a.rank) - lengthOf(b.rank))
  const [rarest, next] = byLength as [Anchor, Anchor]
  // Reading the candidates' texts costs their characters; walking the lists that cover it, their entries.
  const read = lengthOf(rarest.rank) * index.averageLength
  const cover = coverOffsets(folded.length).map((offset) => ({ rank: ranks[offset] as number, offset }))
  const walked = cover.reduce((n, c) => n + lengthOf(c.rank), 0)
  if (check === 'positions' || (check === 'auto' && walked * ENTRY_COST < read))
    return countByPositions(index, folded.length, cover, (s) =>
      countOccurrences(index.folded[s] as string, folded, 255),
    )
  const candidates = intersectBounded(postingsAt(index, rarest.rank), postingsAt(index, next.rank))
  const ids = new Uint32Array(candidates.ids.length)
  const tf = new Uint8Array(candidates.ids.length)
  let n = 0
  for (let i = 0; i < candidates.ids.length; i++) {
    const s = candidates.ids[i] as number
    // Counted no further than 255, as every count in the postings is.
    const found = countOccurrences(index.folded[s] as string, folded, candidates.tf[i] as number)
    if (found > 0) {
      ids[n] = s
      tf[n++] = found
    }
  }
  return { ids: ids.subarray(0, n), tf: tf.subarray(0, n) }
}
