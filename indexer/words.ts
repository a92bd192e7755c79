// Cuts the reports' text into words as jieba does, with its dictionary and the field's, without HMM:
// over a trie of the dictionary (cut-trie.ts), nodejieba's words at three times its speed. The query
// side cuts with mp-cut.ts, which gives the same words from the packed dictionary an index carries.

import { loadDictionary } from '../index/text/dictionary.js'
import { glue, userDictPath } from '../index/text/segment.js'
import { CutTrie } from './cut-trie.js'

/** The process's trie: built once (a third of a second), by a reader before its first file. */
let trie: CutTrie | null = null

/** Builds the trie the first time words are cut, not before. */
export function ensureLoaded(): CutTrie {
  trie ??= new CutTrie(loadDictionary(userDictPath))
  return trie
}

/** jieba's cut without HMM: the pieces, unfolded. */
export const jiebaCut = (text: string): string[] => ensureLoaded().cut(text)

/**
 * Segments text that is already folded (normalize): the indexer's fast path, with no per-word
 * folding. Punctuation is gone, so a sentence end no longer separates words; jieba joins across it
 * only where a dictionary word spans it, which is rare and harmless for counting the vocabulary.
 * Line breaks, which keep sections apart, are dropped like punctuation.
 */
export function segmentFolded(folded: string): string[] {
  return glue(
    jiebaCut(folded).map((piece) => (piece === '\n' ? '' : piece)),
    false,
  )
}
