// Finds every section holding a folded string, exactly as a plain scan of the folded text would.
//
// Candidates come from the two rarest bigrams' postings (or, for one character, from every section);
// each candidate is then verified on its text, which also counts the occurrences.

import { bigramKey, type Postings, type TextIndex } from './text-index.js'

const none: Postings = { ids: new Uint32Array(0), tf: new Uint16Array(0) }

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

/** The sections whose folded text contains `folded`, with the number of occurrences in each. */
export function findFolded(index: TextIndex, folded: string): Postings {
  if (folded.length === 0) return none
  if (folded.length === 2) return index.bigrams.get(bigramKey(folded, 0)) ?? none

  let candidates: Uint32Array | null = null
  if (folded.length > 2) {
    const lists: Postings[] = []
    for (let i = 0; i + 1 < folded.length; i++) {
      const postings = index.bigrams.get(bigramKey(folded, i))
      if (!postings) return none
      lists.push(postings)
    }
    lists.sort((a, b) => a.ids.length - b.ids.length)
    candidates = intersect((lists[0] as Postings).ids, (lists[1] as Postings).ids)
  }

  const ids: number[] = []
  const tf: number[] = []
  const check = (s: number) => {
    const count = countOccurrences(index.folded[s] as string, folded)
    if (count > 0) {
      ids.push(s)
      tf.push(Math.min(count, 65535))
    }
  }
  if (candidates) for (const s of candidates) check(s)
  else for (let s = 0; s < index.size; s++) check(s)
  return { ids: Uint32Array.from(ids), tf: Uint16Array.from(tf) }
}
