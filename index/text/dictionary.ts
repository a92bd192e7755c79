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
  /** A word's weight (a log probability), or undefined for no word of the dictionary. */
  weight(word: string): number | undefined
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
export function readDictionary(
  mainText: string,
  userTexts: string[],
): Dictionary & { weights: Map<string, number> } {
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
  return { weight: (word) => weights.get(word), userWeight, minWeight: sorted[0] as number, longest, weights }
}

/** jieba's own dictionary and the field's, read from their files. */
export function loadDictionary(userDictPath: string): Dictionary & { weights: Map<string, number> } {
  return readDictionary(readFileSync(jiebaDictPath('jieba.dict.utf8'), 'utf8'), [
    readFileSync(userDictPath, 'utf8'),
  ])
}

/** The packed dictionary's first number, then its count, its weights and longest, offsets, weights, words. */
const MAGIC = 0x44494331

/**
 * The dictionary as bytes an index carries (dictionary.bin): its words sorted in one string, their
 * offsets and weights in flat arrays, so that it is read back in milliseconds, not parsed.
 */
export function packDictionary(dictionary: Dictionary & { weights: Map<string, number> }): Buffer {
  const words = [...dictionary.weights.keys()].sort()
  const count = words.length
  const head = Buffer.alloc(32)
  head.writeUInt32LE(MAGIC, 0)
  head.writeUInt32LE(count, 4)
  head.writeDoubleLE(dictionary.userWeight, 8)
  head.writeDoubleLE(dictionary.minWeight, 16)
  head.writeUInt32LE(dictionary.longest, 24)
  const weights = new Float64Array(count)
  const offsets = new Uint32Array(count + 1 + ((count + 1) % 2))
  let at = 0
  words.forEach((word, i) => {
    weights[i] = dictionary.weights.get(word) as number
    offsets[i] = at
    at += word.length
  })
  offsets[count] = at
  return Buffer.concat([
    head,
    Buffer.from(weights.buffer),
    Buffer.from(offsets.buffer),
    Buffer.from(words.join(''), 'utf16le'),
  ])
}

/** Compares the word at [from, to) of `all` with `word`, by UTF-16 code units, as sort() orders them. */
function compareAt(all: string, from: number, to: number, word: string): number {
  const n = Math.min(to - from, word.length)
  for (let i = 0; i < n; i++) {
    const d = all.charCodeAt(from + i) - word.charCodeAt(i)
    if (d !== 0) return d
  }
  return to - from - word.length
}

/** A packed dictionary, looked up by binary search: nothing to build when it is read. */
export function unpackDictionary(bytes: Buffer): Dictionary {
  // Aligned copies: a Buffer read from a file may start anywhere in its pool.
  const buffer = bytes.byteOffset % 8 === 0 ? bytes : Buffer.from(bytes)
  if (buffer.readUInt32LE(0) !== MAGIC) throw new Error('not a packed dictionary')
  const count = buffer.readUInt32LE(4)
  const weights = new Float64Array(buffer.buffer, buffer.byteOffset + 32, count)
  const offsetCount = count + 1 + ((count + 1) % 2)
  const offsetsAt = 32 + count * 8
  const offsets = new Uint32Array(buffer.buffer, buffer.byteOffset + offsetsAt, offsetCount)
  const all = buffer.toString('utf16le', offsetsAt + offsetCount * 4)
  return {
    userWeight: buffer.readDoubleLE(8),
    minWeight: buffer.readDoubleLE(16),
    longest: buffer.readUInt32LE(24),
    weight(word) {
      let lo = 0
      let hi = count - 1
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1
        const c = compareAt(all, offsets[mid] as number, offsets[mid + 1] as number, word)
        if (c === 0) return weights[mid]
        if (c < 0) lo = mid + 1
        else hi = mid - 1
      }
      return undefined
    },
  }
}
