// Cuts the reports' text into words as jieba does, with its dictionary and the field's, without HMM:
// over a trie of the dictionary (cut-trie.ts), nodejieba's words at three times its speed. The query
// side cuts with mp-cut.ts, which gives the same words from the packed dictionary an index carries.

import { fileURLToPath } from 'node:url'
import { isLatinRange, stopWords } from '../index/text/segment.js'
import type { CutTrie } from './cut-trie.js'
import { loadTrie } from './packed-dictionaries.js'

/**
 * The trie packed by `npm run build` beside the compiled module: a reader reads it in milliseconds,
 * where building it from the dictionary takes 0.4 s before its first file (from the sources there
 * is none, and the trie is built).
 */
const packedTrie = fileURLToPath(new URL('./cut-trie.bin', import.meta.url))

/** The process's trie: made once, by a reader before its first file. */
let trie: CutTrie | null = null

/** Makes the trie the first time words are cut, not before. */
export function ensureLoaded(): CutTrie {
  trie ??= loadTrie(packedTrie)
  return trie
}

/** jieba's cut without HMM: the pieces, unfolded. */
export const jiebaCut = (text: string): string[] => ensureLoaded().cut(text)

/** The stop words of one code unit, by code unit: most pieces are one, and need no string to be told. */
const singleStopWords = (() => {
  const table = new Uint8Array(0x10000)
  for (const word of stopWords) if (word.length === 1) table[word.charCodeAt(0)] = 1
  return table
})()

/** The nodes of the stop words longer than a unit, by trie: found once, not for every report. */
const stopNodes = new WeakMap<CutTrie, Set<number>>()

/**
 * A report's words as a reader sends them, each once, in the order they first stand in it: a
 * dictionary word as its node in the trie (a number, not a string to send and hash again), any
 * other (a run of Latin letters and digits, a rune the dictionary lacks) as -1 - its place in
 * `spelled`.
 */
export interface CutWords {
  order: Int32Array
  spelled: string[]
}

/** Words already spelled (a report taken from the index in use), as `CutWords`. */
export const spelledWords = (words: string[]): CutWords => ({
  order: Int32Array.from(words, (_, i) => -1 - i),
  spelled: words,
})

/** The strings of `CutWords`, in their order. */
export const spellWords = ({ order, spelled }: CutWords): string[] =>
  Array.from(order, (n) => (n >= 0 ? ensureLoaded().wordAt(n) : (spelled[-1 - n] as string)))

/**
 * The words of text that is already folded (normalize), two code units or longer, in order: what
 * `glue` makes of jieba's pieces, with line breaks (which keep sections apart) dropped like
 * punctuation, but without a string for every piece (most are single characters, which the
 * vocabulary leaves out). A dictionary word comes as its node (`from` and `to` tell where); any
 * other as node -1. Punctuation is gone, so a sentence end no longer separates words; jieba joins
 * across it only where a dictionary word spans it, which is rare and harmless for counting the
 * vocabulary.
 */
export function forEachLongWord(
  folded: string,
  visit: (node: number, from: number, to: number) => void,
): void {
  const trie = ensureLoaded()
  let stops = stopNodes.get(trie)
  if (!stops) {
    stops = new Set([...stopWords].filter((word) => word.length > 1).map((word) => trie.nodeOf(word)))
    stopNodes.set(trie, stops)
  }
  // A run of Latin pieces is glued into one word (L/E/D → led): its range, while it is open.
  let runFrom = -1
  let runTo = -1
  const { ends, nodes } = trie.pieces(folded)
  for (let from = 0; from < folded.length; from = ends[from] as number) {
    const to = ends[from] as number
    const node = nodes[from] as number
    const latin = isLatinRange(folded, from, to)
    if (latin && runFrom >= 0) {
      runTo = to
      continue
    }
    if (runFrom >= 0 && runTo - runFrom >= 2) visit(-1, runFrom, runTo)
    runFrom = -1
    const single = to - from === 1
    // A stop word longer than a unit is a dictionary word: its node tells it.
    if (single ? singleStopWords[folded.charCodeAt(from)] === 1 : node >= 0 && stops.has(node)) continue
    if (latin) {
      runFrom = from
      runTo = to
    } else if (!single) visit(node, from, to)
  }
  if (runFrom >= 0 && runTo - runFrom >= 2) visit(-1, runFrom, runTo)
}
