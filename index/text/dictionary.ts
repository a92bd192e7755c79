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
  const main: [string, number][] = []
  let sum = 0
  for (const line of mainText.split('\n')) {
    const [word, freq] = line.split(' ')
    if (!word || freq === undefined) continue
    const f = Number.parseFloat(freq)
    main.push([word, f])
    sum += f
  }
  const sorted: number[] = []
  let longest = 0
  for (const [word, f] of main) {
    const weight = Math.log(f / sum)
    weights.set(word, weight)
    sorted.push(weight)
    longest = Math.max(longest, runes(word))
  }
  sorted.sort((a, b) => a - b)
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
