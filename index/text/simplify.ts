// Traditional characters to simplified, one character for one, so that 執法 and 执法 are the same word
// to the index, the segmenter and the metadata, while every offset into the original text still holds.
//
// The table is OpenCC's (opencc-js): its character table, traditional to simplified, and the Taiwan
// and Hong Kong variants taken back to it. Phrase tables are left out on purpose: they change lengths.
// A character that simplified text itself uses (乾 of 乾坤, 么 of 什么) is never mapped, so simplified
// text folds to itself and only traditional characters move.

import hkVariants from 'opencc-js/dict/HKVariantsRev'
import tradToSimp from 'opencc-js/dict/TSCharacters'
import twVariants from 'opencc-js/dict/TWVariantsRev'

const entries = (dict: string) => dict.split('|').map((entry) => entry.split(' ') as [string, string])

/** GB 2312's Chinese characters (level 1: the 3,755 most common), read off the GB18030 decoder. */
function gb2312(levelOneOnly: boolean): Set<string> {
  const bytes: number[] = []
  for (let lead = 0xb0; lead <= (levelOneOnly ? 0xd7 : 0xf7); lead++) {
    for (let trail = 0xa1; trail <= 0xfe; trail++) bytes.push(lead, trail)
  }
  // One decode for the whole block: every pair there is one character.
  return new Set(new TextDecoder('gb18030').decode(new Uint8Array(bytes)))
}

/** One Chinese character each, of the same length in UTF-16, so that a string keeps every offset. */
const han = /^\p{Script=Han}$/u
const single = (s: string | undefined) => s !== undefined && han.test(s)

function buildTable(): Map<number, number> {
  const table = new Map<number, number>()
  const add = (from: string, to: string) => {
    if (single(from) && single(to) && from.length === to.length && from !== to)
      table.set(from.codePointAt(0) as number, to.codePointAt(0) as number)
  }
  const common = gb2312(true)
  for (const [from, to] of entries(tradToSimp)) if (!common.has(from)) add(from, to)
  const simplified = gb2312(false)
  for (const [from, variant] of [...entries(twVariants), ...entries(hkVariants)]) {
    if (simplified.has(from) || table.has(from.codePointAt(0) as number)) continue
    const to = variant.codePointAt(0) as number
    add(from, String.fromCodePoint(table.get(to) ?? to))
  }
  return table
}

// The CJK unified ideographs block, where nearly every character stands, as a flat array; built at
// the first use, not when the server starts.
const blockStart = 0x3400
const blockEnd = 0x9fff
let block: Uint16Array | undefined
const others = new Map<number, number>()
let size = 0

function load(): Uint16Array {
  const table = buildTable()
  const flat = new Uint16Array(blockEnd - blockStart + 1)
  for (const [from, to] of table) {
    if (from >= blockStart && from <= blockEnd && to <= 0xffff) flat[from - blockStart] = to
    else others.set(from, to)
  }
  size = table.size
  block = flat
  return flat
}

/** How many characters the table maps. */
export function simplifiedCount(): number {
  if (!block) load()
  return size
}

/** The simplified form of one code point: itself when it is not a traditional character. */
export function simplifyCodePoint(cp: number): number {
  const flat = block ?? load()
  if (cp >= blockStart && cp <= blockEnd) return flat[cp - blockStart] || cp
  return others.get(cp) ?? cp
}

/** The text with its traditional characters simplified, one for one: the same length, the same offsets. */
export function simplify(text: string): string {
  const flat = block ?? load()
  // A scan for the first traditional character: simplified text, the usual case, is returned as it is.
  // Below the radicals (U+2E80) there is no Chinese character to look up.
  let i = 0
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= blockStart && c <= blockEnd ? flat[c - blockStart] !== 0 : c >= 0x2e80 && hasOther(c, text, i))
      break
  }
  if (i === text.length) return text
  // One UTF-16 unit for one: build the units and decode them once, far faster than concatenation.
  const units = new Uint16Array(text.length)
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k)
    if (c >= blockStart && c <= blockEnd) units[k] = flat[c - blockStart] || c
    else if ((text.codePointAt(k) as number) > 0xffff) {
      const to = String.fromCodePoint(simplifyCodePoint(text.codePointAt(k) as number))
      units[k] = to.charCodeAt(0)
      units[++k] = to.charCodeAt(1)
    } else units[k] = others.get(c) ?? c
  }
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le')
}

/** Whether the character at `i` (outside the main block) is one the table maps. */
function hasOther(c: number, text: string, i: number): boolean {
  return others.has(c >= 0xd800 && c <= 0xdbff ? (text.codePointAt(i) as number) : c)
}
