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

/**
 * The words of text that is already folded (normalize), two code units or longer, in order: what
 * `glue` makes of jieba's pieces, with line breaks (which keep sections apart) dropped like
 * punctuation, but without a string for every piece (most are single characters, which the
 * vocabulary leaves out). Punctuation is gone, so a sentence end no longer separates words; jieba
 * joins across it only where a dictionary word spans it, which is rare and harmless for counting
 * the vocabulary.
 */
export function forEachLongWord(folded: string, visit: (word: string) => void): void {
  // A run of Latin pieces is glued into one word (L/E/D → led): its range, while it is open.
  let runFrom = -1
  let runTo = -1
  const closeRun = () => {
    if (runFrom >= 0 && runTo - runFrom >= 2) visit(folded.slice(runFrom, runTo))
    runFrom = -1
  }
  ensureLoaded().forEachPiece(folded, (from, to) => {
    const latin = isLatinRange(folded, from, to)
    if (latin && runFrom >= 0) {
      runTo = to
      return
    }
    closeRun()
    const single = to - from === 1
    const word = single ? '' : folded.slice(from, to)
    if (single ? singleStopWords[folded.charCodeAt(from)] === 1 : stopWords.has(word)) return
    if (latin) {
      runFrom = from
      runTo = to
    } else if (!single) visit(word)
  })
  closeRun()
}
