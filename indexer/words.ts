// Cuts the reports' text into words with nodejieba, the native jieba: fast over whole reports. The
// query side cuts with its TypeScript twin (index/text/mp-cut.ts), which gives the same words.

import { createRequire } from 'node:module'
import { jiebaDictPath } from '../index/text/dictionary.js'
import { glue, stubDictPaths, userDictPath } from '../index/text/segment.js'

const require = createRequire(import.meta.url)
const jieba: typeof import('nodejieba') = require('nodejieba')

/** nodejieba's dictionary belongs to the process: loaded once (about a second), by a reader. */
let loaded = false

/** Loads jieba's dictionary the first time words are cut, not before. */
export function ensureLoaded(): void {
  if (loaded) return
  jieba.load({
    dict: jiebaDictPath('jieba.dict.utf8'),
    hmmDict: jiebaDictPath('hmm_model.utf8'),
    userDict: userDictPath,
    ...stubDictPaths,
  })
  loaded = true
}

/** nodejieba's cut without HMM: the pieces, unfolded. */
export function jiebaCut(text: string): string[] {
  ensureLoaded()
  return jieba.cut(text, false)
}

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
