// jieba's cut without HMM (cppjieba's MPSegment), in TypeScript: the most probable route through
// every dictionary word the text holds. It gives the words nodejieba's cut(text, false) gives (a
// property test holds the two together), from a dictionary read in a blink, so that the server
// cuts queries without nodejieba's native dictionary.

import type { Dictionary } from './dictionary.js'

/** Runes that end a stretch of text the route never crosses (cppjieba's SPECIAL_SEPARATORS). */
const separators = new Set([' ', '\t', '\n', '，', '。'])

/**
 * Cuts `text` into words. `extra` are words known to this cut only, weighing as words added to
 * jieba without a frequency do (the median): what nodejieba's insertWord did, without touching the
 * process's dictionary.
 */
export function mpCut(dictionary: Dictionary, text: string, extra?: ReadonlySet<string>): string[] {
  const words: string[] = []
  const chars = Array.from(text)
  let start = 0
  for (let i = 0; i <= chars.length; i++) {
    if (i < chars.length && !separators.has(chars[i] as string)) continue
    if (i > start) route(dictionary, chars.slice(start, i), extra, words)
    if (i < chars.length) words.push(chars[i] as string)
    start = i + 1
  }
  return words
}

/** The best route through one stretch of runes, its words pushed onto `out`. */
function route(
  dictionary: Dictionary,
  chars: string[],
  extra: ReadonlySet<string> | undefined,
  out: string[],
) {
  const { userWeight, minWeight } = dictionary
  // No word is longer than the longest in the dictionary, or than a quoted practice (16).
  const longest = Math.max(dictionary.longest, 16)
  const weightOf = (word: string) => (extra?.has(word) ? userWeight : dictionary.weight(word))
  const n = chars.length
  // best[i]: the best total weight from rune i to the end; next[i]: where its first word ends.
  const best = new Float64Array(n + 1)
  const next = new Int32Array(n)
  for (let i = n - 1; i >= 0; i--) {
    let word = chars[i] as string
    // The single rune first, as cppjieba lists it first: the first best route wins a tie.
    let bestValue = (weightOf(word) ?? minWeight) + (best[i + 1] as number)
    let bestEnd = i
    for (let j = i + 1; j < n && j - i < longest; j++) {
      word += chars[j] as string
      const weight = weightOf(word)
      if (weight === undefined) continue
      const value = weight + (best[j + 1] as number)
      if (value > bestValue) {
        bestValue = value
        bestEnd = j
      }
    }
    best[i] = bestValue
    next[i] = bestEnd
  }
  for (let i = 0; i < n; ) {
    const end = next[i] as number
    out.push(chars.slice(i, end + 1).join(''))
    i = end + 1
  }
}
