// Finds sections in the searchable form of the corpus: every section's folded text, and bigram postings.
//
// A query term is matched as a substring of the folded text (see text/normalize), never as jieba
// tokens, so 普法 is found inside 谁执法谁普法 and 查一次 inside 综合查一次. Bigram postings give the
// sections that can hold a term; the folded text decides, and counts the occurrences.
//
// Postings are flat typed arrays (a compressed sparse row layout: for the k-th bigram in key order,
// its sections are ids[starts[k] .. starts[k+1]]), written to disk and read back as they are
// (indexer/postings-builder.ts builds them).

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
