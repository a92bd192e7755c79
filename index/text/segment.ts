// Splits a query into words as jieba cuts the reports: jieba's route through its dictionary and the
// field's (mp-cut.ts, checked against nodejieba), the words an index's reports quote kept whole,
// folded (see normalize), punctuation and stop words dropped.
//
// HMM is never used: it guesses unknown words from context, so the same characters come out split
// one way in one sentence and another way in the next, and a query would not meet its own text.

import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { type Dictionary, loadDictionary } from './dictionary.js'
import { mpCut } from './mp-cut.js'
import { normalize } from './normalize.js'
import { simplify } from './simplify.js'

const dictDir = fileURLToPath(new URL('../dict/', import.meta.url))

/** The field's own terms, kept whole by the segmenter. */
export const userDictPath = `${dictDir}user.dict.utf8`

/** Stand-ins for the parts of nodejieba's load that cut() never uses (keyword extraction). */
export const stubDictPaths = {
  idfDict: `${dictDir}idf.stub.utf8`,
  stopWordDict: `${dictDir}stopwords.stub.utf8`,
}

/** Function words dropped from segmented text and queries. */
export const stopWords: ReadonlySet<string> = new Set(
  readFileSync(`${dictDir}stopwords.txt`, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean),
)

/**
 * The dictionary read from its text files, once, on first use (half a second): for a segmenter with
 * no index at hand. A loaded index carries it packed (dictionary.bin), read in milliseconds.
 */
let dictionary: Dictionary | null = null
/** True once the dictionary is read: the server reads it before it listens. */
export const dictionaryLoaded = () => dictionary !== null

export function queryDictionary(): Dictionary {
  dictionary ??= loadDictionary(userDictPath)
  return dictionary
}

/**
 * Cuts queries as an index's reports read: jieba with the field's dictionary, and the words of that
 * index (the practices its reports quote, such as 综合查一次) kept whole, weighing as words added to
 * jieba do. The words are the instance's: an index swapped in swaps its words, and none pile up.
 */
export class Segmenter {
  readonly #words: ReadonlySet<string>
  readonly #dictionary: Dictionary | null

  constructor(words: Iterable<string> = [], dictionary: Dictionary | null = null) {
    this.#words = new Set([...words].filter((word) => word.length >= 2))
    this.#dictionary = dictionary
  }

  /**
   * Segments text into folded words: punctuation, spaces and stop words are dropped. The cut sees
   * the text with its punctuation, so sentence and list boundaries still separate words, and in
   * simplified characters, which the dictionary is in.
   */
  cut(text: string, { keepStopWords = false } = {}): string[] {
    const pieces = mpCut(
      this.#dictionary ?? queryDictionary(),
      simplify(text.normalize('NFKC').toLowerCase()),
      this.#words,
    )
    return glue(pieces.map(normalize), keepStopWords)
  }
}

/** Whether text[from, to) is all ASCII letters and digits (folded: lower case): a piece `glue` joins to its neighbours. */
export function isLatinRange(text: string, from: number, to: number): boolean {
  // A loop, not /^[a-z0-9]+$/: this runs on every piece of every report the indexer cuts.
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i)
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) return false
  }
  return true
}

/** Whether a piece is all ASCII letters and digits, and not empty. */
const isLatin = (word: string) => word.length > 0 && isLatinRange(word, 0, word.length)

/**
 * Drops empty pieces (punctuation) and stop words from folded jieba pieces, and glues Latin letters
 * and digits back together: without HMM, jieba cuts them one by one (LED → L/E/D). An empty piece
 * or a stop word ends such a run.
 */
export function glue(pieces: string[], keepStopWords: boolean): string[] {
  const words: string[] = []
  let latinRun = false
  for (const word of pieces) {
    const latin = isLatin(word)
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
