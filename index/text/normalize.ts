// Folds text to the form phrases are matched in: NFKC, lower case, letters and digits only, traditional
// characters simplified.
//
// “双随机、一公开”, "双随机一公开" and ＂双随机 一公开＂ all fold to 双随机一公开, and “雙隨機、一公開” too,
// so a phrase is found wherever its characters stand in order, whatever punctuation, spacing, width
// or script (simplified or traditional) the report used.
// The fold works code point by code point, so every folded character can be traced back to the
// original text; snippets use that map to mark the original characters.

import { doubled } from '../../common/typed-arrays.js'
import { simplify, simplifyCodePoint } from './simplify.js'

const folded = new Map<number, string>()
const keep = /^[\p{L}\p{N}]$/u

/** The folded form of one code point: '' for punctuation, spaces and symbols. */
export function foldCodePoint(cp: number): string {
  // CJK unified ideographs are their own NFKC form: the common case, without a lookup.
  if (cp >= 0x4e00 && cp <= 0x9fff) return String.fromCharCode(simplifyCodePoint(cp))
  if (cp < 0x80) {
    if ((cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a)) return String.fromCharCode(cp)
    if (cp >= 0x41 && cp <= 0x5a) return String.fromCharCode(cp + 32)
    return ''
  }
  let out = folded.get(cp)
  if (out === undefined) {
    out = ''
    for (const ch of String.fromCodePoint(cp).normalize('NFKC').toLowerCase()) {
      if (keep.test(ch)) out += String.fromCodePoint(simplifyCodePoint(ch.codePointAt(0) as number))
    }
    folded.set(cp, out)
  }
  return out
}

/**
 * Folds a whole string by the engine's native NFKC, lower case and a regular expression: the
 * reference `normalize` keeps to, and its path for the characters its table does not hold.
 */
export function normalizeReference(text: string): string {
  return simplify(text.normalize('NFKC').toLowerCase().replace(notKept, ''))
}
const notKept = /[^\p{L}\p{N}]+/gu

/** The ranges checked for the table besides the ideographs: Latin, punctuation, CJK symbols, full-width forms. */
const quickRanges = [
  [0x00, 0xff],
  [0x2010, 0x205e],
  [0x3000, 0x303f],
  [0xff01, 0xff5e],
]

/**
 * Per UTF-16 unit: what it folds to (a unit), 0 when it folds to nothing, -1 when the table does
 * not say. A unit is held only where its fold cannot depend on what stands before it (no mark, no
 * format character; the tests try every one after starters that marks and jamo join) and is one
 * unit or none.
 */
let quickTable: Int32Array | null = null
function quick(): Int32Array {
  if (quickTable) return quickTable
  const table = new Int32Array(0x10000).fill(-1)
  // CJK unified ideographs are their own NFKC form, and starters no mark joins (as foldCodePoint).
  for (let cp = 0x4e00; cp <= 0x9fff; cp++) table[cp] = simplifyCodePoint(cp)
  for (const [from, to] of quickRanges)
    for (let cp = from as number; cp <= (to as number); cp++) {
      const ch = String.fromCharCode(cp)
      if (!/^[\p{L}\p{N}\p{P}\p{S}\p{Zs}\p{Cc}]$/u.test(ch)) continue
      const alone = normalizeReference(ch)
      if (alone.length <= 1) table[cp] = alone.length ? alone.charCodeAt(0) : 0
    }
  quickTable = table
  return table
}

/** Capital sigma lowers by what stands around it (σ or final ς): a text with one takes the reference path. */
const SIGMA = '\u03a3'

/** Code units of a fold under way, grown as needed: one buffer for every call, not one each. */
let units = new Uint16Array(4096)

/**
 * Folds a whole string: what `normalizeReference` gives (tested on the corpus and on random text),
 * at a few times its speed. Units of the table are folded one by one; a run of any other character
 * goes through the reference, with the unit before it, which a mark after it may join.
 */
export function normalize(text: string): string {
  if (text.includes(SIGMA)) return normalizeReference(text)
  const table = quick()
  if (units.length < text.length) units = new Uint16Array(Math.max(text.length, units.length * 2))
  let out = 0
  let slowFrom = -1
  let lastOut = 0
  let pieces: string[] | null = null
  const flushSlow = (to: number) => {
    pieces ??= []
    pieces.push(
      Buffer.from(units.buffer, 0, out * 2).toString('utf16le'),
      normalizeReference(text.slice(slowFrom, to)),
    )
    out = 0
    slowFrom = -1
  }
  for (let i = 0; i < text.length; i++) {
    const folded = table[text.charCodeAt(i)] as number
    if (folded < 0) {
      if (slowFrom < 0) {
        // The unit before joins the run: a mark here may compose with it.
        slowFrom = i > 0 ? i - 1 : 0
        out -= i > 0 ? lastOut : 0
      }
      continue
    }
    if (slowFrom >= 0) flushSlow(i)
    lastOut = folded > 0 ? 1 : 0
    if (folded > 0) units[out++] = folded
  }
  if (slowFrom >= 0) flushSlow(text.length)
  const tail = Buffer.from(units.buffer, 0, out * 2).toString('utf16le')
  return pieces ? (pieces as string[]).join('') + tail : tail
}

export interface Folded {
  /** The folded text. */
  text: string
  /** For each folded character, the offset in the original string where its source starts. */
  starts: Uint32Array
  /** For each folded character, the offset in the original string just past its source. */
  ends: Uint32Array
}

/** Folds a string and keeps, for every folded character, where it came from. */
export function normalizeWithMap(text: string): Folded {
  // Code units into a typed array, decoded once: a string a character would cost a snippet dearly.
  let units = new Uint16Array(text.length + 8)
  let starts = new Uint32Array(text.length + 8)
  let ends = new Uint32Array(text.length + 8)
  let n = 0
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) as number
    // The common cases inline: a Chinese character (simplified), a digit or a Latin letter.
    if (cp >= 0x4e00 && cp <= 0x9fff) {
      units[n] = simplifyCodePoint(cp)
      starts[n] = i
      ends[n++] = i + 1
      continue
    }
    if (cp < 0x80) {
      const lower = cp >= 0x41 && cp <= 0x5a ? cp + 32 : cp
      if ((lower >= 0x30 && lower <= 0x39) || (lower >= 0x61 && lower <= 0x7a)) {
        units[n] = lower
        starts[n] = i
        ends[n++] = i + 1
      }
      continue
    }
    const width = cp > 0xffff ? 2 : 1
    const piece = foldCodePoint(cp)
    if (n + piece.length > starts.length) {
      // NFKC expanded something (㈠ → (一)): make room.
      starts = doubled(starts)
      ends = doubled(ends)
      const grown = new Uint16Array(starts.length)
      grown.set(units)
      units = grown
    }
    for (let k = 0; k < piece.length; k++) {
      units[n] = piece.charCodeAt(k)
      starts[n] = i
      ends[n++] = i + width
    }
    i += width - 1
  }
  return {
    text: Buffer.from(units.buffer, 0, n * 2).toString('utf16le'),
    starts: starts.subarray(0, n),
    ends: ends.subarray(0, n),
  }
}
