// Splits Chinese text into words with jieba (nodejieba), the field's dictionary and a stop-word list.
//
// HMM is never used: it guesses unknown words from context, so the same characters come out split
// one way in one sentence and another way in the next, and a query would not meet its own text.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { normalize } from './normalize.js'
import { simplify } from './simplify.js'

const require = createRequire(import.meta.url)
const jieba: typeof import('nodejieba') = require('nodejieba')

const dictDir = fileURLToPath(new URL('../dict/', import.meta.url))

/** The field's own terms, kept whole by the segmenter. */
export const userDictPath = `${dictDir}user.dict.utf8`

/** Function words dropped from segmented text and queries. */
export const stopWords: ReadonlySet<string> = new Set(
  readFileSync(`${dictDir}stopwords.txt`, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
)

/** A dictionary shipped with nodejieba, where its own defaults point. */
const jiebaDict = (name: string) =>
  join(dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict', name)

let loaded = false
const inserted = new Set<string>()
const pending = new Set<string>()

/** Loads jieba's dictionary (about a second) the first time words are cut, not before. */
export function ensureLoaded(): void {
  if (loaded) return
  // Only cut() is used: keyword extraction's IDF table and jieba's own stop words would cost 0.4 s
  // and 20 MB in every thread that loads them, so one-line stand-ins take their place.
  jieba.load({
    dict: jiebaDict('jieba.dict.utf8'),
    hmmDict: jiebaDict('hmm_model.utf8'),
    userDict: userDictPath,
    idfDict: `${dictDir}idf.stub.utf8`,
    stopWordDict: `${dictDir}stopwords.stub.utf8`,
  })
  loaded = true
  insert(pending)
  pending.clear()
}

function insert(words: Iterable<string>): void {
  for (const word of words) {
    if (word.length < 2 || inserted.has(word)) continue
    jieba.insertWord(word)
    inserted.add(word)
  }
}

/**
 * Teaches the segmenter words found in the corpus (the practices reports quote, such as 综合查一次),
 * so that they stay whole in the reports and in queries alike. Before the dictionary is loaded, they
 * wait and go in with it.
 */
export function addWords(words: Iterable<string>): void {
  if (loaded) insert(words)
  else for (const word of words) pending.add(word)
}

/**
 * Segments text into folded words (see normalize): punctuation, spaces and stop words are dropped.
 * jieba sees the text with its punctuation, so sentence and list boundaries still separate words,
 * and in simplified characters, which its dictionary is in.
 */
export function segment(text: string, { keepStopWords = false } = {}): string[] {
  ensureLoaded()
  return glue(jieba.cut(simplify(text.normalize('NFKC').toLowerCase()), false).map(normalize), keepStopWords)
}

/**
 * Segments text that is already folded (normalize): the indexer's fast path, with no per-word
 * folding. Punctuation is gone, so a sentence end no longer separates words; jieba joins across it
 * only where a dictionary word spans it, which is rare and harmless for counting the vocabulary.
 * Line breaks, which keep sections apart, are dropped like punctuation.
 */
export function segmentFolded(folded: string): string[] {
  ensureLoaded()
  return glue(
    jieba.cut(folded, false).map((piece) => (piece === '\n' ? '' : piece)),
    false,
  )
}

/**
 * Drops empty pieces (punctuation) and stop words from folded jieba pieces, and glues Latin letters
 * and digits back together: without HMM, jieba cuts them one by one (LED → L/E/D). An empty piece
 * or a stop word ends such a run.
 */
function glue(pieces: string[], keepStopWords: boolean): string[] {
  const words: string[] = []
  let latinRun = false
  for (const word of pieces) {
    const latin = /^[a-z0-9]+$/.test(word)
    if (latin && latinRun) {
      words[words.length - 1] += word
      continue
    }
    latinRun = latin
    if (word && (keepStopWords || !stopWords.has(word))) words.push(word)
    else latinRun = false
  }
  return words
}

/** Identifies the dictionary and stop words in force: an index built with others is rebuilt. */
export const pipelineHash = createHash('sha256')
  .update(readFileSync(userDictPath))
  .update(readFileSync(`${dictDir}stopwords.txt`))
  .digest('hex')
  .slice(0, 16)
