// jieba's dictionary as the query side reads it: every word with its weight, read in a blink, so
// that a server answers its first search without loading nodejieba's native dictionary (a second
// and 270 MB).
//
// The weights are cppjieba's (DictTrie.hpp): log(freq / sum of the main dictionary's freqs); a word
// of the user dictionary without a frequency, and every word added later, weighs the median of the
// main dictionary's weights; a character in no dictionary weighs their minimum.

import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(import.meta.url)

/** A dictionary shipped with nodejieba, where its own defaults point. */
export const jiebaDictPath = (name: string) =>
  join(dirname(require.resolve('nodejieba/package.json')), 'submodules/cppjieba/dict', name)

export interface Dictionary {
  /** Each word's weight (a log probability). */
  weights: Map<string, number>
  /** The weight of a word added without a frequency: the median of the main dictionary's. */
  userWeight: number
  /** The weight of a character that is no word: the least of the main dictionary's. */
  minWeight: number
  /** The longest word, in code points. */
  longest: number
}

/** Code points in a string. */
const runes = (word: string) => {
  let n = 0
  for (const _ of word) n++
  return n
}

/**
 * Reads jieba's main dictionary (`word freq tag` a line) and the user dictionaries (`word`,
 * `word tag` or `word freq tag`), the later lines overriding the earlier, as cppjieba does.
 */
export function readDictionary(mainText: string, userTexts: string[]): Dictionary {
  const weights = new Map<string, number>()
  // Lines are read with indexOf rather than split: the main dictionary has 349,000 of them, and
  // the server reads it before it listens.
  const words: string[] = []
  const freqs: number[] = []
  let sum = 0
  let longest = 0
  for (let at = 0; at < mainText.length; ) {
    let end = mainText.indexOf('\n', at)
    if (end < 0) end = mainText.length
    const space = mainText.indexOf(' ', at)
    if (space > at && space < end) {
      const next = mainText.indexOf(' ', space + 1)
      const f = Number.parseFloat(mainText.slice(space + 1, next > 0 && next < end ? next : end))
      const word = mainText.slice(at, space)
      words.push(word)
      freqs.push(f)
      sum += f
      // A word's UTF-16 length bounds its code points: count them only when it could be longer.
      if (word.length > longest) longest = Math.max(longest, runes(word))
    }
    at = end + 1
  }
  const sorted = new Float64Array(words.length)
  for (let i = 0; i < words.length; i++) {
    const weight = Math.log((freqs[i] as number) / sum)
    weights.set(words[i] as string, weight)
    sorted[i] = weight
  }
  sorted.sort()
  const userWeight = sorted[sorted.length >> 1] as number
  for (const text of userTexts) {
    for (const line of text.split('\n')) {
      if (!line) continue
      const parts = line.split(' ')
      const word = parts[0] as string
      // cppjieba's atoi: a frequency of 0 or none is the median.
      const freq = parts.length === 3 ? Number.parseInt(parts[1] as string, 10) || 0 : 0
      weights.set(word, freq ? Math.log(freq / sum) : userWeight)
      longest = Math.max(longest, runes(word))
    }
  }
  return { weights, userWeight, minWeight: sorted[0] as number, longest }
}

/** jieba's own dictionary and the field's, read from their files. */
export function loadDictionary(userDictPath: string): Dictionary {
  return readDictionary(readFileSync(jiebaDictPath('jieba.dict.utf8'), 'utf8'), [
    readFileSync(userDictPath, 'utf8'),
  ])
}
