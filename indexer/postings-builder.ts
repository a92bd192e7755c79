// Builds the bigram postings of every section's folded text into flat typed arrays, in two passes.

import { doubled } from '../common/typed-arrays.js'
import { type Part, partCode } from '../index/parts.js'
import { bigramKey, type TextIndex } from '../index/postings.js'
import { varintLength, writeVarint } from '../index/varints.js'
import { withCharacterLists } from './character-lists.js'

/**
 * Interns 32-bit keys into dense ids with open addressing: no Map, no boxed numbers. A key's slot is
 * the top bits of its Fibonacci hash: the low bits of a product depend only on the key's low bits,
 * which are a bigram's second character, so every bigram ending in 法 would start at one slot (the
 * first pass over the texts ran 2.3 times slower so).
 */
class KeyTable {
  private slots: Uint32Array
  private ids: Int32Array
  private shift: number
  count = 0
  keys: Uint32Array = new Uint32Array(1024)

  constructor(capacity = 1 << 16) {
    this.slots = new Uint32Array(capacity)
    this.ids = new Int32Array(capacity).fill(-1)
    this.shift = 32 - Math.log2(capacity)
  }

  private home(key: number): number {
    return Math.imul(key, 0x9e3779b1) >>> this.shift
  }

  intern(key: number): number {
    const mask = this.slots.length - 1
    let at = this.home(key)
    for (;;) {
      const id = this.ids[at] as number
      if (id < 0) break
      if (this.slots[at] === key) return id
      at = (at + 1) & mask
    }
    const id = this.count++
    this.slots[at] = key
    this.ids[at] = id
    if (id >= this.keys.length) {
      this.keys = doubled(this.keys)
    }
    this.keys[id] = key
    if (this.count * 2 > mask) this.grow()
    return id
  }

  /** The id of a key interned before. */
  find(key: number): number {
    const mask = this.slots.length - 1
    let at = this.home(key)
    while (this.slots[at] !== key || (this.ids[at] as number) < 0) at = (at + 1) & mask
    return this.ids[at] as number
  }

  private grow(): void {
    const old = this.keys.subarray(0, this.count)
    const capacity = this.slots.length * 2
    this.slots = new Uint32Array(capacity)
    this.ids = new Int32Array(capacity).fill(-1)
    this.shift = 32 - Math.log2(capacity)
    const mask = capacity - 1
    old.forEach((key, id) => {
      let at = this.home(key)
      while ((this.ids[at] as number) >= 0) at = (at + 1) & mask
      this.slots[at] = key
      this.ids[at] = id
    })
  }
}

export interface SectionInput {
  report: number
  ordinal: number
  part: Part
  folded: string
}

/**
 * Builds the postings of every bigram of every section's folded text, in two passes. Sections are
 * added one by one (pass 1: intern and count), so that the indexer can add each file's sections as
 * its worker returns them, while the others still work; `finish` sorts and fills (pass 2).
 */
export class TextIndexBuilder {
  private readonly table = new KeyTable()
  private df = new Uint32Array(1024)
  private seen = new Uint32Array(1024)
  /** Per key: the bytes of its section numbers' gaps (measured here, written by `finish`). */
  private idLength = new Float64Array(1024)
  /** Per key: its positions' bytes, its last position and its count in the section being read. */
  private posLength = new Float64Array(1024)
  private lastAt = new Uint32Array(1024)
  private run = new Uint8Array(1024)
  private readonly sections: Omit<SectionInput, 'folded'>[] = []
  private readonly folded: string[] = []

  add(section: SectionInput): void {
    const s = this.sections.length
    const text = section.folded
    for (let i = 0; i + 1 < text.length; i++) {
      const id = this.table.intern(bigramKey(text, i))
      if (id >= this.df.length) {
        this.df = doubled(this.df)
        this.seen = doubled(this.seen)
        this.idLength = doubled(this.idLength)
        this.posLength = doubled(this.posLength)
        this.lastAt = doubled(this.lastAt)
        this.run = doubled(this.run)
      }
      // Gaps and positions are measured here, so that pass 2 writes them where they go. `seen` holds
      // the last section (plus one) the key was in: the gap from it is this entry's.
      const last = this.seen[id] as number
      if (last !== s + 1) {
        this.idLength[id] = (this.idLength[id] as number) + varintLength(last === 0 ? s : s - (last - 1))
        this.seen[id] = s + 1
        this.df[id] = (this.df[id] as number) + 1
        this.run[id] = 1
        this.posLength[id] = (this.posLength[id] as number) + varintLength(i)
        this.lastAt[id] = i
      } else if ((this.run[id] as number) < 255) {
        this.run[id] = (this.run[id] as number) + 1
        this.posLength[id] = (this.posLength[id] as number) + varintLength(i - (this.lastAt[id] as number))
        this.lastAt[id] = i
      }
    }
    this.sections.push({ report: section.report, ordinal: section.ordinal, part: section.part })
    this.folded.push(text)
  }

  finish(): TextIndex {
    const { table, df, seen, sections, folded, idLength, posLength, lastAt } = this
    const size = sections.length
    const distinct = table.count
    // Key order, so that a bigram is found by binary search.
    const order = Array.from({ length: distinct }, (_, id) => id).sort(
      (a, b) => (table.keys[a] as number) - (table.keys[b] as number),
    )
    const rank = new Uint32Array(distinct)
    const keys = new Uint32Array(distinct)
    const starts = new Uint32Array(distinct + 1)
    const byteStarts = new Uint32Array(distinct + 1)
    const posStarts = new Uint32Array(distinct + 1)
    order.forEach((id, k) => {
      rank[id] = k
      keys[k] = table.keys[id] as number
      starts[k + 1] = (starts[k] as number) + (df[id] as number)
      byteStarts[k + 1] = (byteStarts[k] as number) + (idLength[id] as number)
      posStarts[k + 1] = (posStarts[k] as number) + (posLength[id] as number)
    })
    // Pass 2: fill the postings, section by section, so that each list is in section order: its
    // section numbers as gaps in varints (most gaps of a common bigram take one byte), written where
    // pass 1 measured them, never as a list of whole numbers (four bytes an entry, at the build's peak).
    // Each bigram is looked up again rather than kept from pass 1: four bytes a character less.
    const total = starts[distinct] as number
    const tf = new Uint8Array(total)
    const cursor = starts.slice(0, distinct)
    const idBytes = new Uint8Array(byteStarts[distinct] as number)
    const idCursor = byteStarts.slice(0, distinct)
    const posBytes = new Uint8Array(posStarts[distinct] as number)
    const posCursor = posStarts.slice(0, distinct)
    seen.fill(0)
    folded.forEach((text, s) => {
      for (let i = 0; i + 1 < text.length; i++) {
        const id = table.find(bigramKey(text, i))
        const k = rank[id] as number
        const last = seen[id] as number
        if (last !== s + 1) {
          seen[id] = s + 1
          idCursor[k] = writeVarint(idBytes, idCursor[k] as number, last === 0 ? s : s - (last - 1))
          const at = cursor[k] as number
          tf[at] = 1
          cursor[k] = at + 1
          posCursor[k] = writeVarint(posBytes, posCursor[k] as number, i)
          lastAt[id] = i
        } else {
          const at = (cursor[k] as number) - 1
          if ((tf[at] as number) < 255) {
            tf[at] = (tf[at] as number) + 1
            posCursor[k] = writeVarint(posBytes, posCursor[k] as number, i - (lastAt[id] as number))
            lastAt[id] = i
          }
        }
      }
    })
    return withCharacterLists({
      size,
      folded,
      averageLength: size ? folded.reduce((n, text) => n + text.length, 0) / size : 0,
      reportOf: Uint32Array.from(sections, (s) => s.report),
      ordinal: Uint32Array.from(sections, (s) => s.ordinal),
      partCode: Uint8Array.from(sections, (s) => partCode(s.part)),
      keys,
      starts,
      byteStarts,
      idBytes,
      tf,
      posStarts,
      posBytes,
      charCodes: new Uint32Array(0),
      charStarts: new Uint32Array(1),
      charByteStarts: new Uint32Array(1),
      charIdBytes: new Uint8Array(0),
      charTf: new Uint8Array(0),
    })
  }
}

/** The text index of these sections, all at once. */
export function buildTextIndex(sections: SectionInput[]): TextIndex {
  const builder = new TextIndexBuilder()
  for (const section of sections) builder.add(section)
  return builder.finish()
}
